import { type DataSource } from 'typeorm';
import { MIGRATIONS } from '@ml2ts/migrations';
import { createDataSource } from './data-source-factory';
import { ENTITIES } from './entities';
import { IN_MEMORY_DATABASE } from './prepare-connection';

/** The SQL TypeORM would run to turn the current schema into the one the entities declare. */
async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

async function tableNames(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  return rows.map((row) => row.name);
}

describe('the migrations against the entities', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = createDataSource({ database: IN_MEMORY_DATABASE });
    await dataSource.initialize();
  });

  afterEach(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
  });

  it('leaves TypeORM nothing to change after running from an empty database', async () => {
    const executed = await dataSource.runMigrations({ transaction: 'all' });

    expect(executed.map((migration) => migration.name)).toEqual(
      MIGRATIONS.map((migration) => new migration().name),
    );
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('creates one table per entity (plus the migrations log)', async () => {
    await dataSource.runMigrations();

    const entityTables = ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName);
    expect(await tableNames(dataSource)).toEqual([...entityTables, 'migrations'].sort());
  });

  it('is noticed by the schema diff when the database departs from the entities', async () => {
    await dataSource.runMigrations();
    await dataSource.query('DROP INDEX "ix_ports_device_id"');

    const changes = await pendingSchemaChanges(dataSource);
    expect(changes).toContain('CREATE INDEX "ix_ports_device_id" ON "ports" ("device_id") ');
  });

  it('undoes the schema completely, and the schema can be built again', async () => {
    await dataSource.runMigrations();
    for (let undone = 0; undone < MIGRATIONS.length; undone += 1) {
      await dataSource.undoLastMigration({ transaction: 'all' });
    }

    expect(await tableNames(dataSource)).toEqual(['migrations']);
    const indexes: unknown[] = await dataSource.query(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'`,
    );
    expect(indexes).toEqual([]);

    await dataSource.runMigrations();
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });
});
