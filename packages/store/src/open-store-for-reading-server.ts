import mysql2 from 'mysql2';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createDataSource, DEFAULT_CONNECT_TIMEOUT_MS } from './data-source-factory';
import { formatDatabaseUrl, type MysqlDatabaseUrl, type PostgresDatabaseUrl } from './database-url';
import { describeConnectionFailure } from './describe-connection-failure';
import { detectMysqlFlavor } from './detect-mysql-flavor';
import { DatabaseConnectionError } from './errors/database-connection-error';
import { DatabaseNotFoundError } from './errors/database-not-found-error';
import { checkSchemaForReading } from './open-store-for-reading-schema-check';
import { PooledStore } from './pooled-store';

/** How a server database is opened to be read. */
export interface ServerReadingOptions {
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number;
  /** Milliseconds a new connection may take. Default 10000. */
  readonly connectTimeoutMs?: number;
}

/** PostgreSQL start-up option: every transaction of the session is read-only. */
const POSTGRES_READ_ONLY = '-c default_transaction_read_only=on';

/** MySQL/MariaDB: every later transaction of the session is read-only. */
const MYSQL_READ_ONLY = 'SET SESSION TRANSACTION READ ONLY';

/** PostgreSQL SQLSTATE and MySQL error name of a database that does not exist. */
const NO_SUCH_DATABASE = new Set(['3D000', 'ER_BAD_DB_ERROR']);

/**
 * Opens an existing ml2ts database on a PostgreSQL or MySQL/MariaDB server to read it: a pooled
 * store whose every connection is read-only (PostgreSQL `default_transaction_read_only`, MySQL
 * `SET SESSION TRANSACTION READ ONLY`), after checking that the schema is exactly the one this
 * code reads. Never migrates, never installs an extension, writes nothing.
 *
 * Rejects, after closing what it opened, with `DatabaseConnectionError` (server unreachable,
 * login refused), `DatabaseNotFoundError` (no such database on the server),
 * `NotAnMl2tsDatabaseError` or `SchemaVersionMismatchError`; every message names the database by
 * its URL without password.
 */
export async function openServerStoreForReading(
  url: PostgresDatabaseUrl | MysqlDatabaseUrl,
  options: ServerReadingOptions = {},
): Promise<PooledStore> {
  const redacted = formatDatabaseUrl(url);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let resolved = url;
  if (resolved.dialect === 'mysql' && resolved.flavor === undefined) {
    try {
      resolved = { ...resolved, flavor: await detectMysqlFlavor(resolved, connectTimeoutMs) };
    } catch (error) {
      throw openingError(redacted, error);
    }
  }
  const dataSource = readOnlyDataSource(resolved, { ...options, connectTimeoutMs });
  try {
    await dataSource.initialize();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    throw openingError(redacted, error);
  }
  try {
    await checkSchemaForReading(dataSource, url.dialect, redacted);
    return new PooledStore(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/** The typed error of a database that could not be opened. */
function openingError(redacted: string, error: unknown): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NO_SUCH_DATABASE.has(code)) {
    return new DatabaseNotFoundError(redacted);
  }
  return new DatabaseConnectionError(redacted, describeConnectionFailure(error), error);
}

/**
 * The store's data source for `url` (same entities, pool, time zone and TLS settings), with
 * read-only sessions and no extension installation.
 */
function readOnlyDataSource(
  url: PostgresDatabaseUrl | MysqlDatabaseUrl,
  options: ServerReadingOptions,
): DataSource {
  const base = createDataSource({ url, ...options }).options;
  if (url.dialect === 'postgres') {
    const extra = (base as { extra?: Record<string, unknown> }).extra ?? {};
    return new DataSource({
      ...base,
      installExtensions: false,
      extra: { ...extra, options: POSTGRES_READ_ONLY },
    } as DataSourceOptions);
  }
  return new DataSource({ ...base, driver: readOnlyMysqlDriver() } as DataSourceOptions);
}

/**
 * The `mysql2` module, but every connection its pools open runs `MYSQL_READ_ONLY` before any
 * other statement (the pool hands a new connection out only after its `connection` event, and a
 * connection runs its statements in order). A connection that refuses it is destroyed, so a
 * read never runs on a writable session.
 */
function readOnlyMysqlDriver(): typeof mysql2 {
  return {
    ...mysql2,
    createPool: ((config: mysql2.PoolOptions) => {
      const pool = mysql2.createPool(config);
      pool.on('connection', (connection) => {
        connection.query(MYSQL_READ_ONLY, (error) => {
          if (error) connection.destroy();
        });
      });
      return pool;
    }) as typeof mysql2.createPool,
  };
}
