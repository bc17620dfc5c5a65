import { fork } from 'node:child_process';
import { BENCH_DATABASE_VARIABLE } from './bench-database';
import { type ChildJob, type ChildMessage, childArguments } from './child-job';
import { type Measurement } from './measurement';

/** A child process of the benchmark failed or ended without a measurement. */
export class BenchChildError extends Error {
  /** The job that failed, without its database (whose URL may carry a password). */
  readonly job: Omit<ChildJob, 'database'>;

  constructor(job: ChildJob, detail: string) {
    super(`bench job ${job.job} (size ${job.size}) failed: ${detail}`);
    this.name = 'BenchChildError';
    this.job = { job: job.job, size: job.size };
  }
}

/**
 * Runs one job in a fresh child process of `mainScript` (the built `main.js`), so that its peak
 * RSS and its heap are its own, and resolves with what it measured. The job's database, if any,
 * goes to the child in its environment. The child's stdout and stderr go to ours. Rejects with
 * `BenchChildError` when the child reports an error, exits without a measurement or cannot
 * start.
 */
export function forkJob(mainScript: string, job: ChildJob): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env[BENCH_DATABASE_VARIABLE];
    if (job.database !== undefined) env[BENCH_DATABASE_VARIABLE] = job.database;
    const child = fork(mainScript, childArguments(job), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env,
    });
    let message: ChildMessage | undefined;
    child.on('message', (received) => {
      message = received as ChildMessage;
    });
    child.on('error', (error) => reject(new BenchChildError(job, error.message)));
    child.on('exit', (code, signal) => {
      if (message?.kind === 'measurement' && code === 0) resolve(message.measurement);
      else if (message?.kind === 'error') reject(new BenchChildError(job, message.message));
      else reject(new BenchChildError(job, `exited with ${signal ?? `code ${String(code)}`}`));
    });
  });
}
