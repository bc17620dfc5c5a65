import { redactDatabaseUrl } from '@ml2ts/store';
import { openDataSource, type StoreDataSource } from '../open-data-source';
import { DemoDatabaseNotEmptyError } from './demo-database-not-empty-error';

/** The table in which the store records the migrations it applied. */
const MIGRATIONS_TABLE = 'migrations';

/**
 * Refuses, for `ml2ts demo` without `--keep`, a PostgreSQL or MariaDB database that is not
 * empty: one with a table that is not ml2ts's, or an ml2ts table (other than the migrations log)
 * with rows. A database with no table, or with ml2ts's schema and no rows (`ml2ts migrate` only),
 * is fine. Only reads. Rejects with `DemoDatabaseNotEmptyError`, or as `openDataSource` when the
 * database cannot be opened.
 */
export async function checkDemoDatabaseIsEmpty(database: string): Promise<void> {
  const dataSource = await openDataSource(database);
  try {
    const ml2tsTables = new Set([
      MIGRATIONS_TABLE,
      ...dataSource.entityMetadatas.map((metadata) => metadata.tableName),
    ]);
    const tables = await tableNames(dataSource);
    const foreign = tables.filter((table) => !ml2tsTables.has(table));
    const filled: string[] = [];
    for (const table of tables) {
      if (table === MIGRATIONS_TABLE || !ml2tsTables.has(table)) continue;
      const [{ n }] = (await dataSource.query(
        `SELECT COUNT(*) AS n FROM ${dataSource.driver.escape(table)}`,
      )) as { n: unknown }[];
      const rows = Number(n);
      if (rows > 0) filled.push(`${table}: ${rows} ${rows === 1 ? 'row' : 'rows'}`);
    }
    if (foreign.length > 0 || filled.length > 0) {
      throw new DemoDatabaseNotEmptyError(redactDatabaseUrl(database), foreign, filled);
    }
  } finally {
    await dataSource.destroy();
  }
}

/** The base tables of the database's current schema, sorted. */
async function tableNames(dataSource: StoreDataSource): Promise<string[]> {
  const schema = dataSource.options.type === 'postgres' ? 'current_schema()' : 'DATABASE()';
  const rows = (await dataSource.query(
    'SELECT table_name AS name FROM information_schema.tables ' +
      `WHERE table_schema = ${schema} AND table_type = 'BASE TABLE'`,
  )) as { name: string }[];
  return rows.map((row) => String(row.name)).sort();
}
