import { type BenchOptions } from './bench-arguments';
import { isRestJobKind, jobKindsOf, type JobKind } from './bench-cases';
import { isServerDatabase } from './bench-database';
import { type ChildJob } from './child-job';

/** One child process to run: a job, its size, which run of how many. */
export interface PlannedJob extends ChildJob {
  run: number;
  runs: number;
}

/**
 * The child processes one `npm run bench` starts, in order: per selected case, per job kind,
 * per size (the storm: its agent count; the REST jobs: `restSizes`, default `sizes`), every
 * run. With a `database`, the engine and REST jobs carry it and the floor is left out when it is
 * a PostgreSQL or MySQL one (the floor is SQLite-only). Pure.
 */
export function planJobs(
  options: Pick<BenchOptions, 'cases' | 'runs' | 'sizes' | 'agents'> &
    Partial<Pick<BenchOptions, 'database' | 'restSizes'>>,
): PlannedJob[] {
  const database = options.database ?? null;
  const planned: PlannedJob[] = [];
  for (const benchCase of options.cases) {
    if (benchCase === 'floor' && isServerDatabase(database)) continue;
    for (const job of jobKindsOf(benchCase)) {
      const sizes = sizesOf(job, options);
      const on = database === null || benchCase === 'floor' ? {} : { database };
      for (const size of sizes) {
        for (let run = 1; run <= options.runs; run++) {
          planned.push({ job, size, ...on, run, runs: options.runs });
        }
      }
    }
  }
  return planned;
}

function sizesOf(
  job: JobKind,
  options: Pick<BenchOptions, 'sizes' | 'agents'> & Partial<Pick<BenchOptions, 'restSizes'>>,
): number[] {
  if (job === 'heartbeat-storm') return [options.agents];
  if (isRestJobKind(job)) return options.restSizes ?? options.sizes;
  return options.sizes;
}
