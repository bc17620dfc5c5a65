import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createDataSource } from './data-source-factory';
import { type DatabaseUrl, formatDatabaseUrl } from './database-url';
import { Network } from './entities/network';
import { DatabaseConnectionError } from './errors/database-connection-error';
import { DatabaseNotFoundError } from './errors/database-not-found-error';
import { NotAnMl2tsDatabaseError } from './errors/not-an-ml2ts-database-error';
import { SchemaVersionMismatchError } from './errors/schema-version-mismatch-error';
import { openStore } from './open-store';
import { openStoreForReading } from './open-store-for-reading';
import {
  describeEachDatabase,
  MARIADB,
  POSTGRESQL,
  SQLITE_FILE,
  type TestDatabase as KindDatabase,
} from './test-support/database-kinds';
import { tableNames } from './test-support/schema-inspection';
import { TEMP_FILE, type TestDatabase } from './testing/database-fixtures';
import { networkRow } from './testing/sample-rows';

function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('openStoreForReading', () => {
  let database: TestDatabase;

  beforeEach(() => {
    database = TEMP_FILE.create();
  });

  afterEach(() => {
    database.remove();
  });

  async function createMl2tsDatabase(): Promise<void> {
    const store = await openStore({ database: database.path });
    await store.transaction(async (manager) => {
      await manager.save(networkRow(manager, { id: 'net-a', name: 'a' }));
    });
    await store.close();
  }

  it('reads an ml2ts database on a read-only file without changing its bytes', async () => {
    await createMl2tsDatabase();
    chmodSync(database.path, 0o444);
    const before = digest(database.path);

    const store = await openStoreForReading({ database: database.path });
    try {
      const names = await store.read((manager) => manager.find(Network));
      expect(names.map((network) => network.name)).toEqual(['a']);
    } finally {
      await store.close();
    }
    expect(digest(database.path)).toBe(before);
  });

  it('cannot write through the store it returns', async () => {
    await createMl2tsDatabase();
    const store = await openStoreForReading({ database: database.path });
    try {
      await expect(
        store.transaction(async (manager) => {
          await manager.save(networkRow(manager, { id: 'net-b' }));
        }),
      ).rejects.toThrow(/readonly|read-only/i);
      expect(await store.read((manager) => manager.count(Network))).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('refuses a missing file and creates nothing', async () => {
    await expect(openStoreForReading({ database: database.path })).rejects.toBeInstanceOf(
      DatabaseNotFoundError,
    );
    expect(existsSync(database.path)).toBe(false);
    expect(readdirSync(dirname(database.path))).toEqual([]);
  });

  it("refuses another application's file and leaves it byte-identical, without companions", async () => {
    const foreign = new Database(database.path);
    foreign.exec(`CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)`);
    foreign.exec(`INSERT INTO invoices (total) VALUES (12.5)`);
    foreign.close();
    const before = digest(database.path);

    const opening = openStoreForReading({ database: database.path });
    await expect(opening).rejects.toBeInstanceOf(NotAnMl2tsDatabaseError);
    await expect(opening).rejects.toThrow(/is not an ml2ts database .* left untouched/);
    expect(digest(database.path)).toBe(before);
    expect(readdirSync(dirname(database.path))).toEqual(['ml2ts.sqlite']);
    const check = new Database(database.path, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('refuses a file whose migrations table holds no ml2ts migration', async () => {
    const foreign = new Database(database.path);
    foreign.exec(`CREATE TABLE migrations (id INTEGER PRIMARY KEY, timestamp BIGINT, name TEXT)`);
    foreign.exec(`INSERT INTO migrations (timestamp, name) VALUES (1, 'CreateInvoices1')`);
    foreign.close();

    await expect(openStoreForReading({ database: database.path })).rejects.toThrow(
      /records CreateInvoices1, none of them ml2ts's/,
    );
  });

  it('refuses a schema migrated by a newer ml2ts, naming the unknown migration', async () => {
    await createMl2tsDatabase();
    const writer = new Database(database.path);
    writer
      .prepare(`INSERT INTO migrations (timestamp, name) VALUES (?, ?)`)
      .run(9999999999999, 'FutureChange9999999999999');
    writer.close();
    const before = digest(database.path);

    const opening = openStoreForReading({ database: database.path });
    await expect(opening).rejects.toBeInstanceOf(SchemaVersionMismatchError);
    await expect(opening).rejects.toThrow(/newer ml2ts .*FutureChange9999999999999/);
    expect(digest(database.path)).toBe(before);
  });
});

/** Runs `statements` on the database at `url`, then answers its tables. */
async function onDatabase(url: string, ...statements: string[]): Promise<string[]> {
  const dataSource = createDataSource({ url });
  await dataSource.initialize();
  try {
    for (const statement of statements) await dataSource.query(statement);
    return await tableNames(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

describe('openStoreForReading on a server that does not answer', () => {
  it.each([
    ['PostgreSQL', 'postgresql://postgres:secret-pw@127.0.0.1:1/postgres'],
    ['MariaDB', 'mysql://root:secret-pw@127.0.0.1:1/test'],
  ])('%s: rejects with DatabaseConnectionError, password redacted', async (_product, url) => {
    const opening = openStoreForReading({ url });
    await expect(opening).rejects.toBeInstanceOf(DatabaseConnectionError);
    await opening.catch((error: Error) => {
      expect(error.message).toContain(':***@127.0.0.1:1/');
      expect(error.message).not.toContain('secret-pw');
    });
  });
});

describeEachDatabase(
  'openStoreForReading on $label',
  (kind) => {
    let database: KindDatabase;

    beforeEach(async () => {
      database = await kind.create();
    });

    afterEach(async () => {
      await database.remove();
    });

    async function createMl2tsDatabase(): Promise<void> {
      const store = await openStore({ url: database.url });
      await store.transaction(async (manager) => {
        await manager.save(networkRow(manager, { id: 'net-a', name: 'a' }));
      });
      await store.close();
    }

    it('reads an ml2ts database given by URL', async () => {
      await createMl2tsDatabase();
      const store = await openStoreForReading({ url: database.url });
      try {
        const networks = await store.read((manager) => manager.find(Network));
        expect(networks.map((network) => network.name)).toEqual(['a']);
      } finally {
        await store.close();
      }
    });

    it('cannot write through the store it returns', async () => {
      await createMl2tsDatabase();
      const store = await openStoreForReading({ url: database.url });
      try {
        await expect(
          store.transaction(async (manager) => {
            await manager.save(networkRow(manager, { id: 'net-b' }));
          }),
        ).rejects.toThrow(/readonly|read-only|read only/i);
        expect(await store.read((manager) => manager.count(Network))).toBe(1);
      } finally {
        await store.close();
      }
    });

    it("refuses another application's database and creates nothing in it", async () => {
      const before = await onDatabase(
        database.url,
        'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)',
      );
      expect(before).toEqual(['invoices']);

      const opening = openStoreForReading({ url: database.url });
      await expect(opening).rejects.toBeInstanceOf(NotAnMl2tsDatabaseError);
      await expect(opening).rejects.toThrow(/is not an ml2ts database .* left untouched/);
      expect(await onDatabase(database.url)).toEqual(['invoices']);
    });

    it('refuses a database whose migrations table holds no ml2ts migration', async () => {
      await onDatabase(
        database.url,
        'CREATE TABLE migrations (id INTEGER PRIMARY KEY, timestamp BIGINT, name VARCHAR(255))',
        `INSERT INTO migrations (id, timestamp, name) VALUES (1, 1, 'CreateInvoices1')`,
      );
      await expect(openStoreForReading({ url: database.url })).rejects.toThrow(
        /records CreateInvoices1, none of them ml2ts's/,
      );
    });

    it('refuses a schema migrated by a newer ml2ts, writing nothing', async () => {
      await createMl2tsDatabase();
      await onDatabase(
        database.url,
        `INSERT INTO migrations (timestamp, name) VALUES (9999999999999, 'FutureChange9999999999999')`,
      );
      const opening = openStoreForReading({ url: database.url });
      await expect(opening).rejects.toBeInstanceOf(SchemaVersionMismatchError);
      await expect(opening).rejects.toThrow(/newer ml2ts .*FutureChange9999999999999/);
    });

    it('refuses a database that does not exist, creating none', async () => {
      const parsed = database.parsed;
      const missing: DatabaseUrl =
        parsed.dialect === 'sqlite'
          ? { ...parsed, path: `${parsed.path}.missing` }
          : { ...parsed, database: `${parsed.database}_missing` };
      const url = formatDatabaseUrl(missing, { showPassword: true });
      await expect(openStoreForReading({ url })).rejects.toBeInstanceOf(DatabaseNotFoundError);
      if (missing.dialect === 'sqlite') expect(existsSync(missing.path)).toBe(false);
    });

    if (kind.dialect !== 'sqlite') {
      it('names the server database without its password', async () => {
        const opening = openStoreForReading({ url: database.url });
        await expect(opening).rejects.toThrow(
          `${formatDatabaseUrl(database.parsed)} is not an ml2ts database`,
        );
      });
    }
  },
  [SQLITE_FILE, POSTGRESQL, MARIADB],
);
