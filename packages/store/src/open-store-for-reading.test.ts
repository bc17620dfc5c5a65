import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Network } from './entities/network';
import { DatabaseNotFoundError } from './errors/database-not-found-error';
import { NotAnMl2tsDatabaseError } from './errors/not-an-ml2ts-database-error';
import { SchemaVersionMismatchError } from './errors/schema-version-mismatch-error';
import { openStore } from './open-store';
import { openStoreForReading } from './open-store-for-reading';
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
