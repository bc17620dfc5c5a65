import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '@ml2ts/store';
import { BENCH_SCRATCH_PREFIX } from './bench-database';

/** A SQLite file in a directory of its own under the system's temp directory. */
export interface TemporaryDatabase {
  /** The database file (not created yet: the store creates it). */
  readonly path: string;
  /** Deletes the directory with the database and its WAL files. Close the database first. */
  remove(): void;
}

/** Directories made and not removed yet, for `removeTemporaryDatabases` on a signal. */
const liveDirectories = new Set<string>();

/** Makes a fresh temp directory for one measurement's database. Blocks briefly (mkdir). */
export function createTemporaryDatabase(): TemporaryDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'ml2ts-bench-'));
  liveDirectories.add(directory);
  return {
    path: join(directory, 'bench.sqlite'),
    remove: () => {
      rmSync(directory, { recursive: true, force: true });
      liveDirectories.delete(directory);
    },
  };
}

/** Runs `work` on a fresh temporary database and deletes it afterwards, also when `work` throws. */
export async function withTemporaryDatabase<T>(work: (path: string) => Promise<T>): Promise<T> {
  const database = createTemporaryDatabase();
  try {
    return await work(database.path);
  } finally {
    database.remove();
  }
}

/**
 * Deletes every temporary database this process made and has not removed yet, synchronously:
 * for a process interrupted in the middle of a measurement (its `finally` blocks never run).
 */
export function removeTemporaryDatabases(): void {
  for (const directory of liveDirectories) {
    rmSync(directory, { recursive: true, force: true });
  }
  liveDirectories.clear();
}

/** Scratch databases made and not dropped yet, for `dropScratchDatabases` on a signal. */
const liveScratchDatabases = new Set<ScratchDatabase>();

/**
 * Runs `work` on a scratch database of its own made from `database` (`--database`: a server URL,
 * or a SQLite one) and drops it afterwards, also when `work` throws. `work` gets the scratch
 * database's URL, password included. Rejects with what `createScratchDatabase` rejects with when
 * the database cannot be made, else with `work`'s error (a failure to drop then is lost: the
 * measurement's error is the one to show).
 */
export async function withScratchDatabase<T>(
  database: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const scratch = await createScratchDatabase(database, BENCH_SCRATCH_PREFIX);
  liveScratchDatabases.add(scratch);
  let result: T;
  try {
    result = await work(scratch.url);
  } catch (error) {
    liveScratchDatabases.delete(scratch);
    await scratch.drop().catch(() => undefined);
    throw error;
  }
  liveScratchDatabases.delete(scratch);
  await scratch.drop();
  return result;
}

/**
 * Drops every scratch database this process made and has not dropped yet, for a process
 * interrupted in the middle of a measurement. Never rejects: a database that cannot be dropped
 * is left behind (named `ml2ts_bench_<random>`).
 */
export async function dropScratchDatabases(): Promise<void> {
  for (const scratch of liveScratchDatabases) await scratch.drop().catch(() => undefined);
  liveScratchDatabases.clear();
}
