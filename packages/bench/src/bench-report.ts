import { type BenchSummary } from './bench-summary';
import { type TargetCheck } from './bench-targets';
import { formatTable } from './format-table';
import { type RestRow } from './rest-summary';

const NONE = '-';

/** The results table: one row per binding job and size, two per storm (one per round). Pure. */
export function formatResultsTable(summary: BenchSummary): string {
  const rows: string[][] = summary.bindingRows.map((row) => [
    row.job,
    String(row.size),
    String(row.runs),
    row.portsPerSecond.toFixed(0),
    row.bindP50Ms.toFixed(3),
    row.bindP99Ms.toFixed(3),
    row.engineOverFloor === null ? NONE : `${row.engineOverFloor.toFixed(1)}x`,
    row.peakRssMiB.toFixed(0),
  ]);
  for (const storm of summary.stormRows) {
    for (const [round, rate] of [
      ['first reports', storm.firstReportsPerSecond],
      ['heartbeats', storm.heartbeatsPerSecond],
    ] as const) {
      rows.push([
        `heartbeat-storm ${round}`,
        String(storm.agents),
        String(storm.runs),
        rate.toFixed(0),
        NONE,
        NONE,
        NONE,
        storm.peakRssMiB.toFixed(0),
      ]);
    }
  }
  return formatTable(
    ['case', 'N', 'runs', 'per second', 'p50 ms', 'p99 ms', 'engine/floor', 'peak RSS MiB'],
    rows,
  );
}

/**
 * The REST table: one row per REST job and size, with the library path measured in the same
 * jobs and REST throughput over the library's. Pure.
 */
export function formatRestTable(rows: readonly RestRow[]): string {
  return formatTable(
    [
      'case',
      'N',
      'clients',
      'runs',
      'ports/s',
      'p50 ms',
      'p99 ms',
      'library ports/s',
      'library p50 ms',
      'REST/library',
      'peak RSS MiB',
    ],
    rows.map((row) => [
      row.job,
      String(row.size),
      String(row.clients),
      String(row.runs),
      row.portsPerSecond.toFixed(0),
      row.p50Ms.toFixed(3),
      row.p99Ms.toFixed(3),
      row.libraryPortsPerSecond.toFixed(0),
      row.libraryP50Ms.toFixed(3),
      row.restOverLibrary.toFixed(2),
      row.peakRssMiB.toFixed(0),
    ]),
  );
}

/** The lines under the table: cost growth and the storm's time until all agents are alive. */
export function formatDerivedFigures(summary: BenchSummary): string[] {
  const lines = summary.growth.map(
    (figure) =>
      `${figure.job}: throughput at N=${figure.largestSize} / N=${figure.smallestSize} = ${figure.ratio.toFixed(2)}`,
  );
  for (const storm of summary.stormRows) {
    lines.push(
      `heartbeat-storm (${storm.agents} agents): all alive ${storm.aliveAfterLastReportMs.toFixed(0)} ms after the last first report (${storm.aliveAfterStartMs.toFixed(0)} ms after the storm began)`,
    );
  }
  return lines;
}

/** The target checks as a table; figures from below the target's scale are marked. Pure. */
export function formatTargetChecks(checks: readonly TargetCheck[]): string {
  return formatTable(
    ['target', 'wanted', 'measured', 'result'],
    checks.map((check) => [
      check.subject,
      check.target,
      check.measured,
      `${check.met ? 'met' : 'MISSED'}${check.atTargetScale ? '' : ' (below target scale)'}`,
    ]),
  );
}
