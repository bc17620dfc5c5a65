export * from './entities';
export { type Store } from './store';
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store';
export { PooledStore, type PooledStoreOptions } from './pooled-store';
export { openStore, type OpenStoreOptions } from './open-store';
export { openStoreForReading, type OpenStoreForReadingOptions } from './open-store-for-reading';
export {
  createScratchDatabase,
  type ScratchDatabase,
  type ScratchDatabaseOptions,
} from './scratch-database';
export { ScratchDatabaseError } from './scratch-database-error';
export {
  createDataSource,
  DEFAULT_BUSY_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_DATABASE_PATH,
  DEFAULT_POOL_SIZE,
  type DatabaseOptions,
  resolveDatabaseUrl,
} from './data-source-factory';
export {
  type DatabaseDialect,
  type DatabaseUrl,
  formatDatabaseUrl,
  type MysqlDatabaseUrl,
  parseDatabaseUrl,
  type PostgresDatabaseUrl,
  redactDatabaseUrl,
  type ServerDatabaseUrl,
  type SqliteDatabaseUrl,
} from './database-url';
export {
  classifyDatabaseError,
  type DatabaseErrorClassification,
  type DatabaseErrorReason,
  isRetryableDatabaseError,
  isUniqueViolation,
} from './classify-database-error';
export {
  DEFAULT_RETRY_POLICY,
  resolveRetryPolicy,
  type RetryEvent,
  type RetryPolicy,
} from './retry-policy';
export { type RetryDependencies, withDatabaseRetry } from './with-database-retry';
export {
  DEFAULT_MIGRATION_LOCK_TIMEOUT_MS,
  type MigrationLockOptions,
  mysqlMigrationLockName,
  POSTGRES_MIGRATION_LOCK_KEY,
  runMigrationsUnderLock,
} from './run-migrations-under-lock';
export { beginTransaction } from './begin-transaction';
export { describeConnectionFailure } from './describe-connection-failure';
export { detectMysqlFlavor } from './detect-mysql-flavor';
export { IN_MEMORY_DATABASE } from './prepare-connection';
export * from './errors';
export {
  fromSqliteDatetime,
  preparedStatement,
  rawConnection,
  toSqliteDatetime,
} from './prepared-statements';
