import { type DataSource, type EntityManager } from 'typeorm';
import { ENTITIES } from '../entities';

/**
 * Test support: looks at a database's schema the same way on every dialect. Not part of the
 * published package.
 */

/** The SQL TypeORM would run to turn the current schema into the one the entities declare. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

/** The tables of the database (of its current schema), sorted. */
export async function tableNames(dataSource: DataSource): Promise<string[]> {
  const sql =
    dataSource.options.type === 'better-sqlite3'
      ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
      : dataSource.options.type === 'postgres'
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`
        : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`;
  const rows = (await dataSource.query(sql)) as { name?: string; NAME?: string }[];
  return rows.map((row) => String(row.name ?? row.NAME)).sort();
}

/** The names in the `migrations` table, in the order they ran. */
export async function recordedMigrations(manager: EntityManager | DataSource): Promise<string[]> {
  const rows = (await manager.query('SELECT name FROM migrations ORDER BY id')) as {
    name: string;
  }[];
  return rows.map((row) => row.name);
}

/** The statement that drops index `name` of `table` on the data source's dialect. */
export function dropIndexStatement(dataSource: DataSource, table: string, name: string): string {
  const type = dataSource.options.type;
  return type === 'mysql' || type === 'mariadb'
    ? `DROP INDEX \`${name}\` ON \`${table}\``
    : `DROP INDEX "${name}"`;
}

/**
 * Deletes every row of every ml2ts table, children before parents, so that tests sharing one
 * database (created in `beforeAll`) each start from empty tables. Keeps the schema and the
 * migrations log.
 */
export async function emptyAllTables(manager: EntityManager): Promise<void> {
  for (const entity of [...ENTITIES].reverse()) {
    await manager.createQueryBuilder().delete().from(entity).execute();
  }
}
