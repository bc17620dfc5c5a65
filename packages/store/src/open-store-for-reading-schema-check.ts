import { type DataSource } from 'typeorm';
import { migrationsFor } from '@ml2ts/migrations';
import { checkRecordedMigrations } from './check-recorded-migrations';
import { type DatabaseDialect } from './database-url';
import { NotAnMl2tsDatabaseError } from './errors/not-an-ml2ts-database-error';

/** The table in which the schema's applied migrations are recorded. */
const MIGRATIONS_TABLE = 'migrations';

/** Whether the database's own schema has a table named `migrations`, per dialect. */
const FIND_MIGRATIONS_TABLE: Readonly<Record<DatabaseDialect, string>> = {
  sqlite: `SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`,
  postgres:
    'SELECT table_name FROM information_schema.tables ' +
    'WHERE table_schema = current_schema() AND table_name = $1',
  mysql:
    'SELECT table_name FROM information_schema.tables ' +
    'WHERE table_schema = DATABASE() AND table_name = ?',
};

/**
 * Refuses, for a tool that only reads, a database whose recorded migrations are not exactly the
 * ones this code has for `dialect`: `NotAnMl2tsDatabaseError` when it has no `migrations` table
 * or records none of ml2ts's migrations, `SchemaVersionMismatchError` when it is newer or older.
 * Only reads. `database` names the database in messages (a path, or a URL without password).
 */
export async function checkSchemaForReading(
  dataSource: DataSource,
  dialect: DatabaseDialect,
  database: string,
): Promise<void> {
  const tables = (await dataSource.query(FIND_MIGRATIONS_TABLE[dialect], [
    MIGRATIONS_TABLE,
  ])) as unknown[];
  if (tables.length === 0) {
    throw new NotAnMl2tsDatabaseError(database, 'it has no record of ml2ts schema migrations');
  }
  const table = dataSource.driver.escape(MIGRATIONS_TABLE);
  const rows = (await dataSource.query(`SELECT name FROM ${table} ORDER BY id`)) as {
    name: string;
  }[];
  checkRecordedMigrations(
    database,
    rows.map((row) => row.name),
    migrationsFor(dialect).map((migration) => migration.name),
  );
}
