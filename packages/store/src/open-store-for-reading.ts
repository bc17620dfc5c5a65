import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { DEFAULT_BUSY_TIMEOUT_MS, resolveDatabaseUrl } from './data-source-factory';
import { type DatabaseUrl } from './database-url';
import { ENTITIES } from './entities';
import { DatabaseNotFoundError } from './errors/database-not-found-error';
import { openServerStoreForReading } from './open-store-for-reading-server';
import { checkSchemaForReading } from './open-store-for-reading-schema-check';
import { IN_MEMORY_DATABASE } from './prepare-connection';
import { SqliteStore } from './sqlite-store';
import { type Store } from './store';

/** Where the database to read is. */
export interface OpenStoreForReadingOptions {
  /**
   * The database as a URL (`sqlite:///path`, `postgresql://user:pw@host/db`,
   * `mysql://user:pw@host/db`, ...; see `parseDatabaseUrl`) or a bare SQLite path, or already
   * parsed. Give this or `database`, not both.
   */
  url?: string | DatabaseUrl;
  /** The SQLite file (or a `sqlite://` URL). Default `./ml2ts.sqlite` when `url` is not given. */
  database?: string;
  /** SQLite: milliseconds a read waits for a writer's lock. Default 5000. */
  busyTimeoutMs?: number;
  /** PostgreSQL and MySQL: connections in the pool. Default 10. */
  poolSize?: number;
  /** PostgreSQL and MySQL: milliseconds a new connection may take. Default 10000. */
  connectTimeoutMs?: number;
}

/**
 * Opens an existing ml2ts database to read it, for tools that inspect a database a server may be
 * using (`ml2ts agents`, `ml2ts explain`). Unlike `openStore` it never writes: no migration, no
 * journal-mode or other persistent setting, no database or file created. Before returning, it
 * checks that the database is an ml2ts database whose schema is exactly the one this code reads
 * (the `migrations` table against the dialect's migrations).
 *
 * - SQLite (a `SqliteStore`): the file is opened read-only, so it works on a file the user may
 *   not write, and the file's bytes stay as they were (a database in write-ahead-log mode still
 *   gets its `-shm`/`-wal` companions, as any reader does).
 * - PostgreSQL and MySQL/MariaDB (a `PooledStore`): every session is read-only (PostgreSQL
 *   `default_transaction_read_only`, MySQL `SET SESSION TRANSACTION READ ONLY`).
 *
 * Rejects, after closing what it opened, with `DatabaseNotFoundError` (no such file, an in-memory
 * database, or no such database on the server), `DatabaseConnectionError` (server unreachable or
 * login refused), `NotAnMl2tsDatabaseError` (a database of another application, or an empty
 * one), `SchemaVersionMismatchError` (migrated by a newer ml2ts, or not yet by this one),
 * `StoreOptionError`/`DatabaseUrlError` for an unusable option, or the driver's error when a
 * SQLite file cannot be read at all. Messages name a server database by its URL without
 * password. A unit of work that writes through the returned store fails.
 */
export function openStoreForReading(
  options?: OpenStoreForReadingOptions & { url?: undefined },
): Promise<SqliteStore>;
export function openStoreForReading(options: OpenStoreForReadingOptions): Promise<Store>;
export async function openStoreForReading(
  options: OpenStoreForReadingOptions = {},
): Promise<Store> {
  const url = resolveDatabaseUrl({ url: options.url, database: options.database });
  if (url.dialect !== 'sqlite') {
    return openServerStoreForReading(url, {
      poolSize: options.poolSize,
      connectTimeoutMs: options.connectTimeoutMs,
    });
  }
  return openSqliteForReading(url.path, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
}

/** The SQLite side of `openStoreForReading`. */
async function openSqliteForReading(database: string, busyTimeoutMs: number): Promise<SqliteStore> {
  if (database === IN_MEMORY_DATABASE || !existsSync(database)) {
    throw new DatabaseNotFoundError(database);
  }
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database,
    readonly: true,
    fileMustExist: true,
    timeout: busyTimeoutMs,
    entities: [...ENTITIES],
    synchronize: false,
    migrationsRun: false,
  });
  await dataSource.initialize();
  try {
    await checkSchemaForReading(dataSource, 'sqlite', database);
    return new SqliteStore(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
