import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import {
  type DatabaseKindPlan,
  describeEachDatabase,
  planDatabaseKind,
  selectedDatabaseKinds,
  SERVER_KINDS,
  SQLITE_FILE,
  SQLITE_MEMORY,
  type TestDatabase,
  type TestDatabaseKind,
} from './database-kinds';
import { existsSync } from 'node:fs';

/** Runs `probe` with the environment changed as given, restoring it after. */
function withEnvironment<T>(changes: Record<string, string | undefined>, probe: () => T): T {
  const saved = Object.fromEntries(Object.keys(changes).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(changes);
  try {
    return probe();
  } finally {
    apply(saved);
  }
}

/** The plan of a kind loaded afresh (its probe not yet memoized), under `environment`. */
function freshPlan(
  name: string,
  environment: Record<string, string | undefined>,
): DatabaseKindPlan {
  return withEnvironment(environment, () => {
    let plan: DatabaseKindPlan | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('./database-kinds') as { SERVER_KINDS: TestDatabaseKind[] };
      const kind = fresh.SERVER_KINDS.find((candidate) => candidate.name === name);
      if (!kind) throw new Error(`no kind ${name}`);
      plan = planDatabaseKind(kind);
    });
    return plan as DatabaseKindPlan;
  });
}

/** Whether a database of that name exists on the kind's server. */
async function existsOnServer(database: TestDatabase): Promise<boolean> {
  const url = database.parsed;
  if (url.dialect === 'postgres') {
    const client = new pg.Client({
      host: url.host,
      port: url.port,
      user: url.user,
      password: url.password,
      database: 'postgres',
    });
    await client.connect();
    try {
      const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        url.database,
      ]);
      return result.rowCount === 1;
    } finally {
      await client.end();
    }
  }
  if (url.dialect !== 'mysql') return existsSync(url.path);
  const connection = await createConnection({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
  });
  try {
    const [rows] = await connection.query('SHOW DATABASES LIKE ?', [url.database]);
    return (rows as unknown[]).length === 1;
  } finally {
    await connection.end();
  }
}

describe('a server kind whose server does not answer', () => {
  it.each([
    [
      'postgresql',
      'ML2TS_TEST_POSTGRESQL_URL',
      'postgresql://postgres:pw@127.0.0.1:1/postgres',
      'PostgreSQL',
    ],
    ['mariadb', 'ML2TS_TEST_MYSQL_URL', 'mysql://root:pw@127.0.0.1:1/test', 'MariaDB'],
  ])(
    '%s: is skipped with one line naming the server, its address and how to run it',
    (name, variable, url, product) => {
      const plan = freshPlan(name, { [variable]: url, ML2TS_REQUIRE_SERVICES: undefined });

      expect(plan).toEqual({ action: 'skip', message: expect.any(String) });
      const message = (plan as { message: string }).message;
      expect(message).toContain(
        `${product} tests skipped: no ${product} server answers at 127.0.0.1:1`,
      );
      expect(message).toContain(`${variable}=`);
      expect(message).toContain('ML2TS_REQUIRE_SERVICES=1');
      expect(message).not.toContain(':pw@');
      expect(message.split('\n')).toHaveLength(1);
    },
  );

  it('fails instead when ML2TS_REQUIRE_SERVICES=1', () => {
    const plan = freshPlan('postgresql', {
      ML2TS_TEST_POSTGRESQL_URL: 'postgresql://postgres@127.0.0.1:1/postgres',
      ML2TS_REQUIRE_SERVICES: '1',
    });

    expect(plan).toEqual({
      action: 'fail',
      message: expect.stringMatching(
        /^PostgreSQL tests cannot run: no PostgreSQL server answers at 127\.0\.0\.1:1 .*ML2TS_REQUIRE_SERVICES=1 is set, so this fails instead of skipping\.$/,
      ),
    });
  });
});

describe('SQLite kinds', () => {
  it('always run', () => {
    expect(planDatabaseKind(SQLITE_MEMORY)).toEqual({ action: 'run' });
    expect(planDatabaseKind(SQLITE_FILE)).toEqual({ action: 'run' });
  });

  it('make a file database in a directory of its own, which remove() deletes', async () => {
    const database = await SQLITE_FILE.create();

    expect(database.url).toMatch(/^sqlite:\/\/\/\/.*ml2ts\.sqlite$/);
    await database.remove();
  });
});

describe('ML2TS_TEST_DATABASES', () => {
  it('narrows the kinds to the names it lists', () => {
    const names = (kinds: TestDatabaseKind[]) => kinds.map((kind) => kind.name);

    expect(
      withEnvironment({ ML2TS_TEST_DATABASES: undefined }, () => names(selectedDatabaseKinds())),
    ).toEqual(['sqlite-memory', 'sqlite-file', 'postgresql', 'mariadb']);
    expect(
      withEnvironment({ ML2TS_TEST_DATABASES: ' postgresql, sqlite-memory' }, () =>
        names(selectedDatabaseKinds()),
      ),
    ).toEqual(['sqlite-memory', 'postgresql']);
  });
});

describeEachDatabase(
  'a $label test database',
  (kind) => {
    it('is created empty and fresh for each call, and dropped by remove()', async () => {
      const [first, second] = await Promise.all([kind.create(), kind.create()]);
      try {
        expect(first.url).not.toBe(second.url);
        expect(first.parsed).toMatchObject({
          database: expect.stringMatching(/^ml2ts_t_\d+_[0-9a-f]{8}$/),
        });
        expect(await existsOnServer(first)).toBe(true);
      } finally {
        await Promise.all([first.remove(), second.remove()]);
      }
      expect(await existsOnServer(first)).toBe(false);
    });
  },
  SERVER_KINDS,
);
