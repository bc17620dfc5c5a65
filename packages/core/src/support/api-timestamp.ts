/** The Unix epoch: what a row with neither timestamp (written outside the engine) shows. */
const EPOCH = new Date(0);

/**
 * A stored time as the API shows it: UTC to the second, `2026-01-02T03:04:05Z`. The first of
 * `times` that is not null counts (a column filled later, then the one it falls back to); a row
 * written outside the engine without any shows the Unix epoch. Pure.
 */
export function apiTimestamp(...times: ReadonlyArray<Date | null | undefined>): string {
  const time = times.find((candidate): candidate is Date => candidate instanceof Date) ?? EPOCH;
  return `${time.toISOString().slice(0, 19)}Z`;
}

/** The later of two times, a null one ignored; null when both are. Pure. */
export function laterTime(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.getTime() >= b.getTime() ? a : b;
}
