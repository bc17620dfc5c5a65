import { type DataSource } from 'typeorm';
import { migrationsFor } from '@ml2ts/migrations';
import { createDataSource } from './data-source-factory';
import { ENTITIES } from './entities';
import { describeEachDatabase, type TestDatabase } from './test-support/database-kinds';
import {
  dropIndexStatement,
  pendingSchemaChanges,
  recordedMigrations,
  tableNames,
} from './test-support/schema-inspection';

describeEachDatabase('the migrations against the entities on $label', (kind) => {
  const migrationNames = migrationsFor(kind.dialect).map((migration) => new migration().name);
  let database: TestDatabase;
  let dataSource: DataSource;

  // One database per kind; every test starts from an empty schema and leaves one behind.
  beforeAll(async () => {
    database = await kind.create();
    dataSource = createDataSource({ url: database.url });
    await dataSource.initialize();
  });

  afterEach(async () => {
    while ((await tableNames(dataSource)).includes('migrations')) {
      if ((await recordedMigrations(dataSource)).length === 0) {
        await dataSource.query('DROP TABLE migrations');
        break;
      }
      await dataSource.undoLastMigration({ transaction: 'all' });
    }
  });

  afterAll(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.remove();
  });

  it('starts from an empty database', async () => {
    expect(await tableNames(dataSource)).toEqual([]);
  });

  it("runs its dialect's history and leaves TypeORM nothing to change", async () => {
    const executed = await dataSource.runMigrations({ transaction: 'all' });

    expect(executed.map((migration) => migration.name)).toEqual(migrationNames);
    expect(await recordedMigrations(dataSource)).toEqual(migrationNames);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('creates one table per entity (plus the migrations log)', async () => {
    await dataSource.runMigrations();

    const entityTables = ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName);
    expect(await tableNames(dataSource)).toEqual([...entityTables, 'migrations'].sort());
  });

  it('is noticed by the schema diff when the database departs from the entities', async () => {
    await dataSource.runMigrations();
    await dataSource.query(dropIndexStatement(dataSource, 'ports', 'ix_ports_device_id'));

    const changes = await pendingSchemaChanges(dataSource);
    expect(changes).toEqual([
      expect.stringMatching(/^CREATE INDEX .ix_ports_device_id. ON .ports./),
    ]);
    await dataSource.query(changes[0]);
  });

  it('undoes the schema completely, and the schema can be built again', async () => {
    await dataSource.runMigrations();
    for (let undone = 0; undone < migrationNames.length; undone += 1) {
      await dataSource.undoLastMigration({ transaction: 'all' });
    }

    expect(await tableNames(dataSource)).toEqual(['migrations']);
    expect(await recordedMigrations(dataSource)).toEqual([]);

    await dataSource.runMigrations();
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });
});

describe('the SQLite migrations on SQLite', () => {
  it('leave no index behind when undone', async () => {
    const dataSource = createDataSource({ database: ':memory:' });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      for (let undone = 0; undone < dataSource.migrations.length; undone += 1) {
        await dataSource.undoLastMigration();
      }
      const indexes: unknown[] = await dataSource.query(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'`,
      );
      expect(indexes).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
