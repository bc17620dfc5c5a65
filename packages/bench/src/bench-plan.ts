import { type BenchOptions } from './bench-arguments';
import { jobKindsOf } from './bench-cases';
import { type ChildJob } from './child-job';

/** One child process to run: a job, its size, which run of how many. */
export interface PlannedJob extends ChildJob {
  run: number;
  runs: number;
}

/**
 * The child processes one `npm run bench` starts, in order: per selected case, per job kind,
 * per size (the storm: its agent count), every run. Pure.
 */
export function planJobs(
  options: Pick<BenchOptions, 'cases' | 'runs' | 'sizes' | 'agents'>,
): PlannedJob[] {
  const planned: PlannedJob[] = [];
  for (const benchCase of options.cases) {
    for (const job of jobKindsOf(benchCase)) {
      const sizes = job === 'heartbeat-storm' ? [options.agents] : options.sizes;
      for (const size of sizes) {
        for (let run = 1; run <= options.runs; run++) {
          planned.push({ job, size, run, runs: options.runs });
        }
      }
    }
  }
  return planned;
}
