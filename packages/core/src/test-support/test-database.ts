import {
  ALL_DATABASE_KINDS,
  emptyAllTables,
  planDatabaseKind,
  type TestDatabase,
  type TestDatabaseKind,
} from '@ml2ts/store/test-support';
import { openStore } from '@ml2ts/store';

/** The variable that runs the engine tests on another database: `postgresql` or `mariadb`. */
export const TEST_DATABASE_VARIABLE = 'ML2TS_TEST_DATABASE';

/**
 * The database kind engine tests run on: the one `ML2TS_TEST_DATABASE` names (`postgresql`,
 * `mariadb`, `sqlite-file`), or null for the default, a private in-memory SQLite database per
 * engine. Throws for an unknown name, and when the kind's server is unreachable: a run that asks
 * for a database must not quietly test another.
 */
export function testDatabaseKind(): TestDatabaseKind | null {
  const name = process.env[TEST_DATABASE_VARIABLE];
  if (name === undefined || name === '' || name === 'sqlite-memory') return null;
  const kind = ALL_DATABASE_KINDS.find((candidate) => candidate.name === name);
  if (!kind) {
    const names = ALL_DATABASE_KINDS.map((candidate) => candidate.name).join(', ');
    throw new Error(`${TEST_DATABASE_VARIABLE}=${name} is not one of ${names}`);
  }
  const plan = planDatabaseKind(kind);
  if (plan.action !== 'run') throw new Error(plan.message);
  return kind;
}

/** True when the engine tests run on a database other than SQLite. */
export function onServerDatabase(): boolean {
  const dialect = testDatabaseKind()?.dialect;
  return dialect !== undefined && dialect !== 'sqlite';
}

let shared: Promise<TestDatabase> | undefined;

// Jest loads this module anew for every test file: the file's database goes with its last test.
// A server's round trips (and creating its database) take longer than the default 5 s allows.
if (typeof afterAll === 'function' && process.env[TEST_DATABASE_VARIABLE]) {
  jest.setTimeout(30_000);
  afterAll(async () => {
    await (await shared)?.remove();
    shared = undefined;
  });
}

/**
 * The URL of an empty, migrated database of the selected kind for the next engine of this test
 * file: one database per test file (created on first use, dropped after the file's tests), its
 * rows deleted before each engine. Null for the default in-memory SQLite.
 */
export async function freshTestDatabaseUrl(): Promise<string | null> {
  const kind = testDatabaseKind();
  if (kind === null) return null;
  shared ??= kind.create();
  const database = await shared;
  const store = await openStore({ url: database.url });
  try {
    await store.transaction(emptyAllTables);
  } finally {
    await store.close();
  }
  return database.url;
}
