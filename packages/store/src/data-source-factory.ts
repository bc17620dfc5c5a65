import type BetterSqlite3 from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@ml2ts/migrations';
import { ENTITIES } from './entities';
import { StoreOptionError } from './errors/store-option-error';
import { IN_MEMORY_DATABASE, prepareConnection } from './prepare-connection';

/** The database file used when none is given, relative to the working directory. */
export const DEFAULT_DATABASE_PATH = './ml2ts.sqlite';

/** How long a statement waits for another process's lock before failing with SQLITE_BUSY. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** Where the ml2ts database lives and how it is opened. */
export interface DatabaseOptions {
  /** A file path (created with its directory if missing), or `':memory:'`. Default `./ml2ts.sqlite`. */
  database?: string;
  /** Milliseconds to wait for a lock held by another connection. Default 5000. */
  busyTimeoutMs?: number;
  /** Logs every SQL statement through TypeORM's logger. Default false. */
  logging?: boolean;
}

/**
 * Builds (does not open) the TypeORM data source of an ml2ts SQLite database: the better-sqlite3
 * driver, every entity, the ordered migrations, no schema synchronization and no automatic
 * migration run (`openStore` runs migrations explicitly).
 *
 * When the data source is initialized, `prepareConnection` sets the connection up for a server
 * (WAL for files, `synchronous = NORMAL`, `foreign_keys = ON`, the busy timeout); if SQLite
 * refuses write-ahead logging, `initialize()` rejects with `DatabaseSetupError`.
 *
 * Throws `StoreOptionError` synchronously for an unusable option value.
 */
export function createDataSource(options: DatabaseOptions = {}): DataSource {
  const database = options.database ?? DEFAULT_DATABASE_PATH;
  if (typeof database !== 'string' || database.length === 0) {
    throw new StoreOptionError('database', database, `a file path or "${IN_MEMORY_DATABASE}"`);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new StoreOptionError('busyTimeoutMs', busyTimeoutMs, 'an integer number of ms >= 0');
  }
  return new DataSource({
    type: 'better-sqlite3',
    database,
    timeout: busyTimeoutMs,
    entities: [...ENTITIES],
    migrations: [...MIGRATIONS],
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? false,
    prepareDatabase: (connection: BetterSqlite3.Database) =>
      prepareConnection(connection, { database, busyTimeoutMs }),
  });
}
