import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DatabaseDialect,
  type DatabaseUrl,
  formatDatabaseUrl,
  type MysqlDatabaseUrl,
  parseDatabaseUrl,
  type PostgresDatabaseUrl,
} from '../database-url';
import { createScratchDatabase } from '../scratch-database';
import { isServerReachable } from './probe-server';

/**
 * Test support, for this package's tests and for other packages' (import it as
 * `@ml2ts/store/test-support`): the kinds of real database every store behaviour is checked
 * against, each able to make fresh, empty databases of its own. Not part of the published
 * package.
 *
 * Server kinds read their server from the environment: `ML2TS_TEST_POSTGRESQL_URL` (default
 * `postgresql://postgres@127.0.0.1:5432/postgres`) and `ML2TS_TEST_MYSQL_URL` (default
 * `mysql://root@127.0.0.1:3306/test`); the user must be allowed to create and drop databases.
 * `ML2TS_TEST_DATABASES` (a comma-separated list of kind names) narrows the kinds
 * `describeEachDatabase` runs; `ML2TS_REQUIRE_SERVICES=1` turns an unreachable server from a
 * skip into a failure.
 */

/** The names of the database kinds, for `ML2TS_TEST_DATABASES` and test titles. */
export type DatabaseKindName = 'sqlite-memory' | 'sqlite-file' | 'postgresql' | 'mariadb';

/** One fresh, empty database of a kind. */
export interface TestDatabase {
  /** The URL to open it with, password included: `openStore({ url: database.url })`. */
  readonly url: string;
  /** The same, parsed (a SQLite kind's `path` is here). */
  readonly parsed: DatabaseUrl;
  /** Drops the database (or deletes its files); call after every store on it is closed. */
  remove(): Promise<void>;
}

/** A kind of database, for `describe.each` and `describeEachDatabase`. */
export interface TestDatabaseKind {
  readonly name: DatabaseKindName;
  /** For test titles (`$label`). */
  readonly label: string;
  readonly dialect: DatabaseDialect;
  /**
   * Null when databases of this kind can be made here; otherwise one line saying which server at
   * which address did not answer and how to run the tests. Probes the server once per test file.
   */
  unavailableReason(): string | null;
  /** A fresh, empty database of this kind (a new database on the server, a new temp file). */
  create(): Promise<TestDatabase>;
}

/** A private in-memory SQLite database. */
export const SQLITE_MEMORY: TestDatabaseKind = {
  name: 'sqlite-memory',
  label: 'SQLite in-memory',
  dialect: 'sqlite',
  unavailableReason: () => null,
  create: async () => ({
    url: 'sqlite://',
    parsed: { dialect: 'sqlite', path: ':memory:' },
    remove: async () => undefined,
  }),
};

/** A SQLite file in a fresh directory under the system temp directory, deleted with its WAL files. */
export const SQLITE_FILE: TestDatabaseKind = {
  name: 'sqlite-file',
  label: 'SQLite file',
  dialect: 'sqlite',
  unavailableReason: () => null,
  create: async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ml2ts-store-'));
    const parsed: DatabaseUrl = { dialect: 'sqlite', path: join(directory, 'ml2ts.sqlite') };
    return {
      url: formatDatabaseUrl(parsed),
      parsed,
      remove: async () => rmSync(directory, { recursive: true, force: true }),
    };
  },
};

/**
 * The prefix of the databases tests make on a server: they are named `ml2ts_t_<pid>_<random>`,
 * unique across the processes of a test run.
 */
function databasePrefix(): string {
  return `ml2ts_t_${process.pid}`;
}

/** A fresh database made with `createScratchDatabase`, as a `TestDatabase`. */
async function scratchTestDatabase(
  server: DatabaseUrl,
  options: { durable?: boolean } = {},
): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(server, databasePrefix(), options);
  return { url: scratch.url, parsed: scratch.parsed, remove: scratch.drop };
}

/** Memoizes a probe for the life of the module, which jest loads anew for every test file. */
function once(probe: () => string | null): () => string | null {
  let answer: string | null | undefined;
  return () => (answer === undefined ? (answer = probe()) : answer);
}

function serverUrl<T extends DatabaseUrl>(
  variable: string,
  fallback: string,
  dialect: T['dialect'],
): T {
  const text = process.env[variable] || fallback;
  const parsed = parseDatabaseUrl(text);
  if (parsed.dialect !== dialect) {
    throw new Error(`${variable} must be a ${dialect} URL, got ${formatDatabaseUrl(parsed)}`);
  }
  return parsed as T;
}

function unreachableMessage(product: string, variable: string, url: DatabaseUrl): string {
  const address = url.dialect === 'sqlite' ? url.path : `${url.host}:${url.port}`;
  return (
    `${product} tests skipped: no ${product} server answers at ${address} ` +
    `(${variable}=${formatDatabaseUrl(url)}). Start one or point ${variable} at one to run ` +
    `them; ML2TS_REQUIRE_SERVICES=1 makes this a failure.`
  );
}

const POSTGRESQL_VARIABLE = 'ML2TS_TEST_POSTGRESQL_URL';
const MYSQL_VARIABLE = 'ML2TS_TEST_MYSQL_URL';

function postgresServer(): PostgresDatabaseUrl {
  return serverUrl(
    POSTGRESQL_VARIABLE,
    'postgresql://postgres@127.0.0.1:5432/postgres',
    'postgres',
  );
}

function mysqlServer(): MysqlDatabaseUrl {
  return serverUrl(MYSQL_VARIABLE, 'mysql://root@127.0.0.1:3306/test', 'mysql');
}

/** A fresh database on the PostgreSQL server of `ML2TS_TEST_POSTGRESQL_URL`. */
export const POSTGRESQL: TestDatabaseKind = {
  name: 'postgresql',
  label: 'PostgreSQL',
  dialect: 'postgres',
  unavailableReason: once(() => {
    const server = postgresServer();
    return server.parameters.host !== undefined || isServerReachable(server.host, server.port)
      ? null
      : unreachableMessage('PostgreSQL', POSTGRESQL_VARIABLE, server);
  }),
  // A throwaway database need not wait for the disk at every commit: tests run faster, and
  // nothing a test checks depends on durability across a server crash.
  create: () => scratchTestDatabase(postgresServer(), { durable: false }),
};

/**
 * A fresh database (schema) on the MariaDB or MySQL server of `ML2TS_TEST_MYSQL_URL`, in utf8mb4
 * with its binary collation; its URL is `mariadb://` on a MariaDB server.
 */
export const MARIADB: TestDatabaseKind = {
  name: 'mariadb',
  label: 'MariaDB',
  dialect: 'mysql',
  unavailableReason: once(() => {
    const server = mysqlServer();
    return server.parameters.unix_socket !== undefined ||
      isServerReachable(server.host, server.port)
      ? null
      : unreachableMessage('MariaDB', MYSQL_VARIABLE, server);
  }),
  // The URL says which server it is (`mariadb://` on MariaDB), as an operator's would.
  create: () => scratchTestDatabase(mysqlServer()),
};

/** Every kind: SQLite in memory and in a file, PostgreSQL, MariaDB. */
export const ALL_DATABASE_KINDS: readonly TestDatabaseKind[] = [
  SQLITE_MEMORY,
  SQLITE_FILE,
  POSTGRESQL,
  MARIADB,
];

/** The two SQLite kinds: what the store's tests ran against before it had server dialects. */
export const SQLITE_KINDS: readonly TestDatabaseKind[] = [SQLITE_MEMORY, SQLITE_FILE];

/** The two server kinds. */
export const SERVER_KINDS: readonly TestDatabaseKind[] = [POSTGRESQL, MARIADB];

/** Every kind, as before: an alias of `ALL_DATABASE_KINDS` for `describeEachDatabase`. */
export const DATABASE_KINDS = ALL_DATABASE_KINDS;

/** `kinds` narrowed to the names in `ML2TS_TEST_DATABASES`, when it is set. */
export function selectedDatabaseKinds(
  kinds: readonly TestDatabaseKind[] = ALL_DATABASE_KINDS,
): TestDatabaseKind[] {
  const wanted = process.env.ML2TS_TEST_DATABASES?.split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (!wanted || wanted.length === 0) return [...kinds];
  return kinds.filter((kind) => wanted.includes(kind.name));
}

/** What `describeEachDatabase` does with a kind here: run its tests, skip them, or fail. */
export type DatabaseKindPlan =
  { readonly action: 'run' } | { readonly action: 'skip' | 'fail'; readonly message: string };

/**
 * Whether the tests of `kind` can run here and, when they cannot, whether they are skipped (the
 * default) or fail (`ML2TS_REQUIRE_SERVICES=1`), with the one-line message to show. Probes the
 * kind's server once per test file.
 */
export function planDatabaseKind(kind: TestDatabaseKind): DatabaseKindPlan {
  const reason = kind.unavailableReason();
  if (reason === null) return { action: 'run' };
  if (process.env.ML2TS_REQUIRE_SERVICES === '1') {
    const message = reason
      .replace(' tests skipped:', ' tests cannot run:')
      .replace(
        '; ML2TS_REQUIRE_SERVICES=1 makes this a failure.',
        '. ML2TS_REQUIRE_SERVICES=1 is set, so this fails instead of skipping.',
      );
    return { action: 'fail', message };
  }
  return { action: 'skip', message: reason };
}

const warned = new Set<string>();

/** The test and hook timeout of a file that runs server kinds (set by `describeEachDatabase`). */
export const SERVER_TEST_TIMEOUT_MS = 30_000;

/**
 * `describe.each` over database kinds, for a test file: one `describe` block per kind (title with
 * `$label` replaced), running `body(kind)`. A kind whose server does not answer (probed once per
 * file) becomes a skipped block and ONE console warning saying which server at which address and
 * how to run the tests; with `ML2TS_REQUIRE_SERVICES=1` it becomes a failing test with that
 * message instead. `ML2TS_TEST_DATABASES` narrows the kinds. When a server kind runs, the
 * file's default test and hook timeout becomes `SERVER_TEST_TIMEOUT_MS` (30 s). Call at the top
 * level of a test file or inside a `describe`.
 */
export function describeEachDatabase(
  title: string,
  body: (kind: TestDatabaseKind) => void,
  kinds: readonly TestDatabaseKind[] = ALL_DATABASE_KINDS,
): void {
  for (const kind of selectedDatabaseKinds(kinds)) {
    const name = title.replace(/\$label/g, kind.label);
    const plan = planDatabaseKind(kind);
    if (plan.action === 'run') {
      // Creating a database on a busy server can take seconds: more than jest's 5 s default.
      if (kind.dialect !== 'sqlite') jest.setTimeout(SERVER_TEST_TIMEOUT_MS);
      describe(name, () => body(kind));
    } else if (plan.action === 'fail') {
      describe(name, () => {
        it('has its database server (ML2TS_REQUIRE_SERVICES=1)', () => {
          throw new Error(plan.message);
        });
      });
    } else {
      if (!warned.has(kind.name)) {
        warned.add(kind.name);
        console.warn(plan.message);
      }
      describe.skip(name, () => body(kind));
    }
  }
}
