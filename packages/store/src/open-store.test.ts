import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@ml2ts/migrations';
import { Network } from './entities/network';
import { openStore } from './open-store';
import { type SqliteStore } from './sqlite-store';
import { DATABASE_KINDS, TEMP_FILE, type TestDatabase } from './testing/database-fixtures';
import { networkRow } from './testing/sample-rows';

const MIGRATION_NAMES = MIGRATIONS.map((migration) => migration.name);

async function recordedMigrations(store: SqliteStore): Promise<string[]> {
  return store.read(async (manager) => {
    const rows: { name: string }[] = await manager.query('SELECT name FROM migrations ORDER BY id');
    return rows.map((row) => row.name);
  });
}

describe.each(DATABASE_KINDS)('openStore on a $label database', (kind) => {
  let database: TestDatabase;
  let store: SqliteStore | undefined;

  beforeEach(() => {
    database = kind.create();
  });

  afterEach(async () => {
    await store?.close();
    store = undefined;
    database.remove();
  });

  it('migrates an empty database to the current schema and leaves foreign keys on', async () => {
    store = await openStore({ database: database.path });

    expect(await recordedMigrations(store)).toEqual(MIGRATION_NAMES);
    const pending = await store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toEqual([]);
    const [{ foreign_keys }] = await store.dataSource.query('PRAGMA foreign_keys');
    expect(foreign_keys).toBe(1);
  });
});

describe('openStore on an existing file', () => {
  let database: TestDatabase;

  beforeEach(() => {
    database = TEMP_FILE.create();
  });

  afterEach(() => {
    jest.restoreAllMocks();
    database.remove();
  });

  it('runs no migration on a second start and finds the data of the first', async () => {
    const first = await openStore({ database: database.path });
    await first.transaction(async (manager) => {
      await manager.save(networkRow(manager, { id: 'net-kept', name: 'kept' }));
    });
    await first.close();

    const runMigrations = jest.spyOn(DataSource.prototype, 'runMigrations');
    const second = await openStore({ database: database.path });
    try {
      expect(runMigrations).toHaveBeenCalledTimes(1);
      expect(await runMigrations.mock.results[0].value).toEqual([]);
      expect(await recordedMigrations(second)).toEqual(MIGRATION_NAMES);
      const kept = await second.read((manager) => manager.findOneBy(Network, { id: 'net-kept' }));
      expect(kept?.name).toBe('kept');
    } finally {
      await second.close();
    }
  });

  it('rolls every migration of a failed start back and closes the database', async () => {
    const squatter = new Database(database.path);
    squatter.exec('CREATE TABLE "agents" ("unrelated" integer)');
    squatter.close();
    const destroy = jest.spyOn(DataSource.prototype, 'destroy');

    await expect(openStore({ database: database.path })).rejects.toThrow(/agents.*already exists/);

    expect(destroy).toHaveBeenCalledTimes(1);
    const inspector = new Database(database.path, { readonly: true });
    try {
      const tables = inspector
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
        )
        .pluck()
        .all();
      expect(tables).toEqual(['agents', 'migrations']);
      expect(inspector.prepare('SELECT count(*) FROM migrations').pluck().get()).toBe(0);
    } finally {
      inspector.close();
    }
  });
});
