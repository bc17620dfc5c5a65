import { createDataSource, type DatabaseOptions } from './data-source-factory';
import { SqliteStore } from './sqlite-store';

/** Options of `openStore`: where the database is and how it is opened. */
export type OpenStoreOptions = DatabaseOptions;

/**
 * Opens (creating if needed) the ml2ts database, brings its schema up to date and returns the
 * store. Call once at start-up, before any unit of work; it holds the database while it runs.
 *
 * Pending migrations run in ONE transaction (`transaction: 'all'`): SQLite's DDL is
 * transactional, so a failing migration rolls back every migration of this start and the
 * database stays at the version it had, never between two versions. A database that is already
 * up to date runs nothing.
 *
 * Rejects with `StoreOptionError` for a bad option, `DatabaseSetupError` when SQLite refuses a
 * setting, or the migration's own error; the database is closed again in every such case.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<SqliteStore> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
    return new SqliteStore(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
