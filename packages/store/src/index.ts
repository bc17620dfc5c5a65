export * from './entities';
export { type Store } from './store';
export { SqliteStore } from './sqlite-store';
export { openStore, type OpenStoreOptions } from './open-store';
export { openStoreForReading, type OpenStoreForReadingOptions } from './open-store-for-reading';
export {
  createDataSource,
  DEFAULT_BUSY_TIMEOUT_MS,
  DEFAULT_DATABASE_PATH,
  type DatabaseOptions,
} from './data-source-factory';
export { IN_MEMORY_DATABASE } from './prepare-connection';
export * from './errors';
export {
  fromSqliteDatetime,
  preparedStatement,
  rawConnection,
  toSqliteDatetime,
} from './prepared-statements';
