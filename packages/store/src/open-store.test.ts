import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrationsFor } from '@ml2ts/migrations';
import { formatDatabaseUrl, type MysqlDatabaseUrl, type PostgresDatabaseUrl } from './database-url';
import { Network } from './entities/network';
import { DatabaseConnectionError } from './errors/database-connection-error';
import { DatabaseUrlError } from './errors/database-url-error';
import { MigrationLockTimeoutError } from './errors/migration-lock-timeout-error';
import { openStore } from './open-store';
import { PooledStore } from './pooled-store';
import { mysqlMigrationLockName, POSTGRES_MIGRATION_LOCK_KEY } from './run-migrations-under-lock';
import { SqliteStore } from './sqlite-store';
import { type Store } from './store';
import {
  describeEachDatabase,
  MARIADB,
  POSTGRESQL,
  SQLITE_FILE,
  type TestDatabase,
} from './test-support/database-kinds';
import { pendingSchemaChanges, recordedMigrations } from './test-support/schema-inspection';
import { networkRow } from './testing/sample-rows';

describeEachDatabase('openStore on a $label database', (kind) => {
  const migrationNames = migrationsFor(kind.dialect).map((migration) => migration.name);
  let database: TestDatabase;
  let store: Store | undefined;

  beforeEach(async () => {
    database = await kind.create();
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await store?.close();
    store = undefined;
    await database.remove();
  });

  it("migrates an empty database to the current schema, with its dialect's store", async () => {
    store = await openStore({ url: database.url });

    expect(store).toBeInstanceOf(kind.dialect === 'sqlite' ? SqliteStore : PooledStore);
    expect(await store.read(recordedMigrations)).toEqual(migrationNames);
    expect(await pendingSchemaChanges(store.dataSource)).toEqual([]);
  });

  if (kind.name !== 'sqlite-memory') {
    it('runs no migration on a second start and finds the data of the first', async () => {
      const first = await openStore({ url: database.url });
      await first.transaction(async (manager) => {
        await manager.save(networkRow(manager, { id: 'net-kept', name: 'kept' }));
      });
      await first.close();

      const migrate = jest.spyOn(DataSource.prototype, 'runMigrations');
      store = await openStore({ url: database.url });
      expect(migrate).not.toHaveBeenCalled();
      expect(await store.read(recordedMigrations)).toEqual(migrationNames);
      const kept = await store.read((manager) => manager.findOneBy(Network, { id: 'net-kept' }));
      expect(kept?.name).toBe('kept');
    });
  }
});

describe('openStore on SQLite', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await SQLITE_FILE.create();
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await database.remove();
  });

  it('takes a bare path as the database option, as it always did, and leaves foreign keys on', async () => {
    if (database.parsed.dialect !== 'sqlite') throw new Error('a SQLite kind');
    const store = await openStore({ database: database.parsed.path });
    try {
      const [{ foreign_keys }] = await store.dataSource.query('PRAGMA foreign_keys');
      expect(foreign_keys).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('rolls every migration of a failed start back and closes the database', async () => {
    if (database.parsed.dialect !== 'sqlite') throw new Error('a SQLite kind');
    const squatter = new Database(database.parsed.path);
    squatter.exec('CREATE TABLE "agents" ("unrelated" integer)');
    squatter.close();
    const destroy = jest.spyOn(DataSource.prototype, 'destroy');

    await expect(openStore({ url: database.url })).rejects.toThrow(/agents.*already exists/);

    expect(destroy).toHaveBeenCalledTimes(1);
    const inspector = new Database(database.parsed.path, { readonly: true });
    try {
      const tables = inspector
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        .pluck()
        .all();
      // Even the migrations log the failed start created is gone with its transaction.
      expect(tables).toEqual(['agents']);
    } finally {
      inspector.close();
    }
  });

  it('names a file it cannot open with a DatabaseConnectionError', async () => {
    if (database.parsed.dialect !== 'sqlite') throw new Error('a SQLite kind');
    // A directory that cannot exist: its parent is a plain file.
    writeFileSync(database.parsed.path, 'not a directory');
    const path = `${database.parsed.path}/nested/ml2ts.sqlite`;

    const opening = openStore({ url: `sqlite:///${path}` });

    await expect(opening).rejects.toBeInstanceOf(DatabaseConnectionError);
    await expect(opening).rejects.toThrow(
      `Cannot open database sqlite:///${path}: the file cannot be opened`,
    );
  });
});

describe('openStore refusing to start', () => {
  it('refuses a bad URL with a DatabaseUrlError that hides the password', async () => {
    const opening = openStore({ url: 'oracle://scott:tiger@db/orcl' });

    await expect(opening).rejects.toBeInstanceOf(DatabaseUrlError);
    await expect(opening).rejects.toThrow(/"oracle:\/\/scott:\*\*\*@db\/orcl".*Accepted forms/);
  });

  it.each([
    [
      'PostgreSQL',
      'postgresql://ml2ts:s3cret@127.0.0.1:1/neutron',
      'postgresql://ml2ts:***@127.0.0.1:1/neutron',
    ],
    [
      'MySQL',
      'mysql+pymysql://ml2ts:s3cret@127.0.0.1:1/neutron',
      'mysql://ml2ts:***@127.0.0.1:1/neutron',
    ],
  ])('names an unreachable %s server by its URL without password', async (_name, url, redacted) => {
    const error: unknown = await openStore({ url, connectTimeoutMs: 2000 }).catch(
      (rejection: unknown) => rejection,
    );

    expect(error).toBeInstanceOf(DatabaseConnectionError);
    expect(error).toMatchObject({ httpStatus: 503, url: redacted });
    expect((error as Error).message).toContain(
      `Cannot open database ${redacted}: the server did not answer (ECONNREFUSED`,
    );
    expect((error as Error).message).not.toContain('s3cret');
  });
});

describeEachDatabase(
  'openStore on a $label server that refuses',
  (kind) => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await kind.create();
    });

    afterAll(async () => {
      await database.remove();
    });

    it('a login, with a DatabaseConnectionError saying so', async () => {
      const url =
        database.parsed.dialect === 'postgres'
          ? formatDatabaseUrl({ ...database.parsed, user: 'ml2ts_no_such_role' })
          : formatDatabaseUrl(
              { ...(database.parsed as MysqlDatabaseUrl), password: 'wrong' },
              {
                showPassword: true,
              },
            );

      const opening = openStore({ url });
      await expect(opening).rejects.toBeInstanceOf(DatabaseConnectionError);
      await expect(opening).rejects.toThrow(
        /the server refused the login \((28000|ER_ACCESS_DENIED_ERROR)/,
      );
    });

    it('a database that does not exist, with a DatabaseConnectionError saying so', async () => {
      const missing = { ...database.parsed, database: 'ml2ts_no_such_database' } as
        PostgresDatabaseUrl | MysqlDatabaseUrl;

      const opening = openStore({ url: formatDatabaseUrl(missing, { showPassword: true }) });
      await expect(opening).rejects.toBeInstanceOf(DatabaseConnectionError);
      await expect(opening).rejects.toThrow(
        /the database does not exist \((3D000|ER_BAD_DB_ERROR)/,
      );
    });

    it('to give up its migration lock, with a MigrationLockTimeoutError', async () => {
      const release = await holdMigrationLock(database);
      try {
        const opening = openStore({ url: database.url, migrationLockTimeoutMs: 300 });
        await expect(opening).rejects.toBeInstanceOf(MigrationLockTimeoutError);
        await expect(opening).rejects.toThrow(/Gave up waiting 300 ms for the migration lock of/);
      } finally {
        await release();
      }
    });
  },
  [POSTGRESQL, MARIADB],
);

describeEachDatabase(
  'openStore on a $label server known only as mysql://',
  (kind) => {
    it('asks the server which it is and migrates with an empty schema diff', async () => {
      const database = await kind.create();
      const unknown = { ...(database.parsed as MysqlDatabaseUrl), flavor: undefined };
      try {
        const store = await openStore({ url: formatDatabaseUrl(unknown, { showPassword: true }) });
        try {
          expect(store.dataSource.options.type).toBe('mariadb');
          expect(await pendingSchemaChanges(store.dataSource)).toEqual([]);
        } finally {
          await store.close();
        }
      } finally {
        await database.remove();
      }
    });
  },
  [MARIADB],
);

/** Takes the migration lock of `database` on a connection of its own; resolves to its release. */
async function holdMigrationLock(database: TestDatabase): Promise<() => Promise<void>> {
  const url = database.parsed;
  if (url.dialect === 'postgres') {
    const client = new pg.Client({ ...url, user: url.user });
    await client.connect();
    await client.query('SELECT pg_advisory_lock($1)', [POSTGRES_MIGRATION_LOCK_KEY]);
    return () => client.end();
  }
  if (url.dialect !== 'mysql') throw new Error('a server kind');
  const connection = await createConnection({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
  });
  await connection.query('SELECT GET_LOCK(?, 10)', [mysqlMigrationLockName(url.database)]);
  return () => connection.end();
}
