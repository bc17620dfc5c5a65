import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
