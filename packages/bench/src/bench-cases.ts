/**
 * The cases a user selects with `--cases`, and the jobs (one child process each) they expand to.
 */

/** The cases of `npm run bench`, in the order they run. */
export const BENCH_CASES = ['create-bind', 'create-with-host', 'heartbeat-storm', 'floor'] as const;

/** One selectable case. */
export type BenchCase = (typeof BENCH_CASES)[number];

/**
 * What one child process measures. The `floor` case is two jobs: the plain-SQLite floor of each
 * binding flow.
 */
export const JOB_KINDS = [
  'create-bind',
  'create-with-host',
  'heartbeat-storm',
  'floor-create-bind',
  'floor-create-with-host',
] as const;

/** One kind of measurement job. */
export type JobKind = (typeof JOB_KINDS)[number];

/** The job kinds a case runs. */
export function jobKindsOf(benchCase: BenchCase): JobKind[] {
  return benchCase === 'floor' ? ['floor-create-bind', 'floor-create-with-host'] : [benchCase];
}

/** True for a string naming a case. */
export function isBenchCase(name: string): name is BenchCase {
  return (BENCH_CASES as readonly string[]).includes(name);
}

/** True for a string naming a job kind. */
export function isJobKind(name: string): name is JobKind {
  return (JOB_KINDS as readonly string[]).includes(name);
}

/** The engine flow a floor job stands for, or null for a job that is not a floor. */
export function engineJobOfFloor(kind: JobKind): JobKind | null {
  if (kind === 'floor-create-bind') return 'create-bind';
  if (kind === 'floor-create-with-host') return 'create-with-host';
  return null;
}
