/**
 * The cases a user selects with `--cases`, and the jobs (one child process each) they expand to.
 */

/** The cases of `npm run bench`, in the order they run. */
export const BENCH_CASES = [
  'create-bind',
  'create-with-host',
  'rest-create-with-host',
  'heartbeat-storm',
  'floor',
] as const;

/** One selectable case. */
export type BenchCase = (typeof BENCH_CASES)[number];

/** The REST jobs: the one-call create with host over HTTP, with 1 and with 16 clients. */
export const REST_JOB_KINDS = [
  'rest-create-with-host-1-client',
  'rest-create-with-host-16-clients',
] as const;

/** One REST job kind. */
export type RestJobKind = (typeof REST_JOB_KINDS)[number];

/**
 * What one child process measures. The `floor` case is two jobs: the plain-SQLite floor of each
 * binding flow; the `rest-create-with-host` case is two too: one per client count.
 */
export const JOB_KINDS = [
  'create-bind',
  'create-with-host',
  'heartbeat-storm',
  'floor-create-bind',
  'floor-create-with-host',
  ...REST_JOB_KINDS,
] as const;

/** One kind of measurement job. */
export type JobKind = (typeof JOB_KINDS)[number];

/** The job kinds a case runs. */
export function jobKindsOf(benchCase: BenchCase): JobKind[] {
  if (benchCase === 'floor') return ['floor-create-bind', 'floor-create-with-host'];
  if (benchCase === 'rest-create-with-host') return [...REST_JOB_KINDS];
  return [benchCase];
}

/** True for a REST job kind. */
export function isRestJobKind(kind: JobKind): kind is RestJobKind {
  return (REST_JOB_KINDS as readonly string[]).includes(kind);
}

/** The number of concurrent HTTP clients (keep-alive connections) of a REST job. */
export function restClientsOf(kind: RestJobKind): number {
  return kind === 'rest-create-with-host-1-client' ? 1 : 16;
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
