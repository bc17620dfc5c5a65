import { type ConformanceReport } from './compare-scenario-results';

/** How a conformance report is printed. */
export interface FormatConformanceReportOptions {
  /** Only the summary line. Default false. */
  readonly quiet?: boolean;
  /** Differences shown per failing scenario before "… N more". Default 12. */
  readonly maxDifferences?: number;
}

/**
 * A conformance report as text: `ok    <name>` per matching scenario, `FAIL  <name>` per
 * failing one followed by its first differences (indented), and as the last line
 * `<passed> passed, <failed> failed`. Ends with a newline. Pure.
 */
export function formatConformanceReport(
  report: ConformanceReport,
  options: FormatConformanceReportOptions = {},
): string {
  const limit = options.maxDifferences ?? 12;
  const lines: string[] = [];
  if (!options.quiet) {
    for (const { name, differences } of report.scenarios) {
      if (differences.length === 0) {
        lines.push(`ok    ${name}`);
        continue;
      }
      lines.push(`FAIL  ${name}`);
      for (const difference of differences.slice(0, limit)) lines.push(`      ${difference}`);
      if (differences.length > limit) lines.push(`      … ${differences.length - limit} more`);
    }
  }
  lines.push(`${report.passed} passed, ${report.failed} failed`);
  return `${lines.join('\n')}\n`;
}
