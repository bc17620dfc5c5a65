import { isJobKind, type JobKind } from './bench-cases';
import { BENCH_DATABASE_VARIABLE } from './bench-database';
import { BenchUsageError } from './bench-usage-error';
import { type Measurement } from './measurement';
import { runJob } from './run-job';
import { dropScratchDatabases, removeTemporaryDatabases } from './temporary-database';

/** The flag that makes `main.js` run one job as a child: `--child <job> --size <n>`. */
export const CHILD_FLAG = '--child';

/** What a child sends its parent over the IPC channel, once, before it exits. */
export type ChildMessage =
  { kind: 'measurement'; measurement: Measurement } | { kind: 'error'; message: string };

/** The job a child runs. */
export interface ChildJob {
  job: JobKind;
  size: number;
  /**
   * The `--database` an engine job runs on (in a scratch database of its own), handed to the
   * child in `BENCH_DATABASE_VARIABLE`, never on its command line; absent: a temporary SQLite
   * file.
   */
  database?: string;
}

/** The arguments that start a child for `job` (its database goes in the environment). */
export function childArguments({ job, size }: ChildJob): string[] {
  return [CHILD_FLAG, job, '--size', String(size)];
}

/**
 * Parses `--child <job> --size <n>` (the database, if any, is not on the command line); throws
 * `BenchUsageError` for anything else.
 */
export function parseChildArguments(args: readonly string[]): ChildJob {
  const [flag, job, sizeFlag, sizeText] = args;
  if (flag !== CHILD_FLAG || job === undefined || !isJobKind(job)) {
    throw new BenchUsageError(CHILD_FLAG, job, 'a job kind');
  }
  const size = Number(sizeText);
  if (sizeFlag !== '--size' || !Number.isSafeInteger(size) || size < 1 || args.length !== 4) {
    throw new BenchUsageError('--size', sizeText, 'a positive integer, and nothing after it');
  }
  return { job, size };
}

/**
 * The child's side: runs the job and hands the measurement (or the error) to the parent over
 * IPC; started without IPC (by hand, e.g. under `node --cpu-prof`), it prints the measurement
 * as JSON instead. An engine job runs on the database in `BENCH_DATABASE_VARIABLE` when it is
 * set. Resolves with the exit code. Blocks for the whole measurement. Interrupted (SIGINT,
 * SIGTERM), it deletes its temporary database or drops its scratch database, and exits.
 */
export async function runChildJob(args: readonly string[]): Promise<number> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeTemporaryDatabases();
      void dropScratchDatabases().finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
    });
  }
  let message: ChildMessage;
  try {
    const { job, size } = parseChildArguments(args);
    const database = process.env[BENCH_DATABASE_VARIABLE] || undefined;
    message = { kind: 'measurement', measurement: await runJob(job, size, database) };
  } catch (error) {
    message = {
      kind: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    await new Promise<void>((resolve, reject) =>
      send(message, undefined, undefined, (error) => (error ? reject(error) : resolve())),
    );
    process.disconnect();
  } else if (message.kind === 'measurement') {
    console.log(JSON.stringify(message.measurement, null, 2));
  } else {
    console.error(message.message);
  }
  return message.kind === 'measurement' ? 0 : 1;
}
