import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IN_MEMORY_DATABASE } from '../prepare-connection';

/**
 * Test support for this package's own tests: the two kinds of real SQLite database every store
 * behaviour is checked against. Not exported from the package.
 */
export interface TestDatabase {
  /** What `database` option opens it. */
  readonly path: string;
  /** Deletes what the database left on disk; call after the store is closed. */
  remove(): void;
}

/** A database kind, named for test titles. */
export interface TestDatabaseKind {
  readonly label: string;
  /** A fresh, empty database of this kind. */
  create(): TestDatabase;
}

/** A private in-memory database. */
export const IN_MEMORY: TestDatabaseKind = {
  label: 'in-memory',
  create: () => ({ path: IN_MEMORY_DATABASE, remove: () => undefined }),
};

/** A file in a fresh directory under the system temp directory, deleted with its WAL files. */
export const TEMP_FILE: TestDatabaseKind = {
  label: 'temp file',
  create: () => {
    const directory = mkdtempSync(join(tmpdir(), 'ml2ts-store-'));
    return {
      path: join(directory, 'ml2ts.sqlite'),
      remove: () => rmSync(directory, { recursive: true, force: true }),
    };
  },
};

/** Both kinds, for `describe.each`. */
export const DATABASE_KINDS: readonly TestDatabaseKind[] = [IN_MEMORY, TEMP_FILE];
