import { type DataSource } from 'typeorm';
import {
  createDataSource,
  DEFAULT_CONNECT_TIMEOUT_MS,
  type DatabaseOptions,
  resolveDatabaseUrl,
} from './data-source-factory';
import { type DatabaseUrl, formatDatabaseUrl } from './database-url';
import { describeConnectionFailure } from './describe-connection-failure';
import { detectMysqlFlavor } from './detect-mysql-flavor';
import { DatabaseConnectionError } from './errors/database-connection-error';
import { DatabaseSetupError } from './errors/database-setup-error';
import { StoreOptionError } from './errors/store-option-error';
import { PooledStore } from './pooled-store';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy';
import {
  DEFAULT_MIGRATION_LOCK_TIMEOUT_MS,
  runMigrationsUnderLock,
} from './run-migrations-under-lock';
import { SqliteStore } from './sqlite-store';
import { type Store } from './store';

/** Options of `openStore`: where the database is, how it is opened, how units are retried. */
export interface OpenStoreOptions extends DatabaseOptions {
  /** How units that hit a transient database error are retried. Default `DEFAULT_RETRY_POLICY`. */
  retry?: Partial<RetryPolicy>;
  /**
   * PostgreSQL and MySQL: how long to wait for another process that holds the migration lock, in
   * ms. Default 300000 (5 minutes).
   */
  migrationLockTimeoutMs?: number;
}

/**
 * Opens (creating a SQLite file if needed) the ml2ts database, brings its schema up to date and
 * returns the store: a `SqliteStore` for SQLite (always, and so typed, when no `url` is given),
 * a `PooledStore` for PostgreSQL and MySQL/MariaDB. Call once at start-up, before any unit of
 * work; it blocks while it connects, waits for the migration lock and migrates.
 *
 * Migrations run under a database-wide lock (see `runMigrationsUnderLock`), so any number of
 * processes may start together on one database: one migrates, the others wait and find nothing
 * to do. On SQLite and PostgreSQL the pending migrations run in ONE transaction: a failing
 * migration rolls back every migration of this start. A database that is up to date runs nothing.
 *
 * Rejects with `StoreOptionError` (or `DatabaseUrlError`) for a bad option;
 * `DatabaseConnectionError` (naming the URL without password) when the server is unreachable,
 * refuses the login or has no such database, or the SQLite file cannot be opened;
 * `DatabaseSetupError` when SQLite refuses a setting; `MigrationLockTimeoutError` when another
 * process held the migration lock too long; `DatabaseBusyError` when SQLite stayed locked; or
 * the failing migration's own error. Whatever was opened is closed again in every such case.
 */
export function openStore(options?: OpenStoreOptions & { url?: undefined }): Promise<SqliteStore>;
export function openStore(options: OpenStoreOptions): Promise<Store>;
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  let url = resolveDatabaseUrl(options);
  const retry = resolveRetryPolicy(options.retry);
  const lockTimeoutMs = options.migrationLockTimeoutMs ?? DEFAULT_MIGRATION_LOCK_TIMEOUT_MS;
  if (!Number.isSafeInteger(lockTimeoutMs) || lockTimeoutMs < 1) {
    throw new StoreOptionError(
      'migrationLockTimeoutMs',
      lockTimeoutMs,
      'an integer number of ms >= 1',
    );
  }
  const redactedUrl = formatDatabaseUrl(url);
  if (url.dialect === 'mysql' && url.flavor === undefined) {
    try {
      const flavor = await detectMysqlFlavor(
        url,
        options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      );
      url = { ...url, flavor };
    } catch (error) {
      throw new DatabaseConnectionError(redactedUrl, describeConnectionFailure(error), error);
    }
  }
  const dataSource = createDataSource({ ...options, database: undefined, url });
  await initialize(dataSource, url, redactedUrl);
  try {
    await runMigrationsUnderLock(dataSource, { redactedUrl, lockTimeoutMs, retry });
    return url.dialect === 'sqlite'
      ? new SqliteStore(dataSource, { retry })
      : new PooledStore(dataSource, { retry });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/** Connects the data source; on failure closes what was opened and throws a typed error. */
async function initialize(
  dataSource: DataSource,
  url: DatabaseUrl,
  redactedUrl: string,
): Promise<void> {
  try {
    await dataSource.initialize();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    if (error instanceof DatabaseSetupError) throw error;
    const detail =
      url.dialect === 'sqlite'
        ? `the file cannot be opened (${error instanceof Error ? error.message : String(error)})`
        : describeConnectionFailure(error);
    throw new DatabaseConnectionError(redactedUrl, detail, error);
  }
}
