import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrationsFor } from '@ml2ts/migrations';
import {
  type DatabaseUrl,
  type MysqlDatabaseUrl,
  parseDatabaseUrl,
  type PostgresDatabaseUrl,
  redactDatabaseUrl,
} from './database-url';
import { ENTITIES } from './entities';
import { hydrateMariaDbInserts } from './hydrate-mariadb-inserts';
import { StoreOptionError } from './errors/store-option-error';
import { sendDatesAsUtc, UTC_TIMESTAMP_TYPES } from './postgres-utc-timestamps';
import { IN_MEMORY_DATABASE, prepareConnection } from './prepare-connection';

/** The database file used when none is given, relative to the working directory. */
export const DEFAULT_DATABASE_PATH = './ml2ts.sqlite';

/** How long a statement waits for another process's lock before failing with SQLITE_BUSY. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** Connections of a PostgreSQL or MySQL store's pool when `poolSize` is not given. */
export const DEFAULT_POOL_SIZE = 10;

/** How long connecting to a database server may take when `connectTimeoutMs` is not given. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Where the ml2ts database lives and how it is opened. */
export interface DatabaseOptions {
  /**
   * The database as a URL (`sqlite:///path`, `postgresql://user:pw@host/db`,
   * `mysql://user:pw@host/db`, ...; see `parseDatabaseUrl`), or already parsed. Give this or
   * `database`, not both.
   */
  url?: string | DatabaseUrl;
  /**
   * The SQLite database: a file path (created with its directory if missing), `':memory:'` or a
   * `sqlite://` URL. Default `./ml2ts.sqlite` when neither this nor `url` is given. A server
   * database is given as `url`.
   */
  database?: string;
  /** SQLite: milliseconds to wait for a lock held by another connection. Default 5000. */
  busyTimeoutMs?: number;
  /** PostgreSQL and MySQL: connections in the pool, at least 1. Default 10. */
  poolSize?: number;
  /** PostgreSQL and MySQL: milliseconds a new connection may take. Default 10000. */
  connectTimeoutMs?: number;
  /** Logs every SQL statement through TypeORM's logger. Default false. */
  logging?: boolean;
}

/**
 * Where `options` point: the parsed URL of `url` or `database` (SQLite only), or the default
 * path. Pure; throws `StoreOptionError` (or its `DatabaseUrlError`) for an unusable value.
 */
export function resolveDatabaseUrl(options: DatabaseOptions = {}): DatabaseUrl {
  if (options.url !== undefined && options.database !== undefined) {
    throw new StoreOptionError('url', '(with database)', 'either url or database, not both');
  }
  if (options.url !== undefined) {
    return typeof options.url === 'string' ? parseDatabaseUrl(options.url) : options.url;
  }
  const database = options.database ?? DEFAULT_DATABASE_PATH;
  const allowed = `a SQLite file path, "${IN_MEMORY_DATABASE}" or a sqlite:// URL (a server database is given as the url option)`;
  if (typeof database !== 'string' || database.length === 0) {
    throw new StoreOptionError('database', database, allowed);
  }
  const url = parseDatabaseUrl(database);
  if (url.dialect !== 'sqlite') {
    throw new StoreOptionError('database', redactDatabaseUrl(database), allowed);
  }
  return url;
}

/**
 * Builds (does not open) the TypeORM data source of an ml2ts database: every entity, the ordered
 * migrations of the database's dialect, no schema synchronization and no automatic migration run
 * (`openStore` runs migrations explicitly, under a lock). By dialect:
 *
 * - SQLite (the default): better-sqlite3. When the data source is initialized,
 *   `prepareConnection` sets the connection up for a server (WAL for files,
 *   `synchronous = NORMAL`, `foreign_keys = ON`, the busy timeout); if SQLite refuses write-ahead
 *   logging, `initialize()` rejects with `DatabaseSetupError`.
 * - PostgreSQL: `pg` with a pool of `poolSize`; `timestamp` values are sent and read as UTC.
 * - MySQL/MariaDB: `mysql2` with a pool of `poolSize`, utf8mb4, dates in UTC. TypeORM's
 *   `mariadb` type when the URL says `mariadb://` (or `openStore` found a MariaDB server),
 *   `mysql` otherwise (TypeORM then misreads a MariaDB catalog in schema diffs: give MariaDB as
 *   `mariadb://`, or open it with `openStore`, which asks). On MariaDB, inserted entities get
 *   their database defaults read back hydrated.
 *
 * Throws `StoreOptionError` (or `DatabaseUrlError`) synchronously for an unusable option value.
 */
export function createDataSource(options: DatabaseOptions = {}): DataSource {
  const url = resolveDatabaseUrl(options);
  const common: CommonOptions = {
    entities: [...ENTITIES],
    migrations: [...migrationsFor(url.dialect)],
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? false,
  };
  switch (url.dialect) {
    case 'sqlite':
      return new DataSource(sqliteOptions(url.path, options, common));
    case 'postgres':
      sendDatesAsUtc();
      return new DataSource(postgresOptions(url, options, common));
    case 'mysql': {
      const dataSource = new DataSource(mysqlOptions(url, options, common));
      hydrateMariaDbInserts(dataSource);
      return dataSource;
    }
  }
}

/** The options every dialect's data source shares. */
type CommonOptions = Pick<
  DataSourceOptions,
  'entities' | 'migrations' | 'synchronize' | 'migrationsRun' | 'logging'
>;

function sqliteOptions(
  database: string,
  options: DatabaseOptions,
  common: CommonOptions,
): DataSourceOptions {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new StoreOptionError('busyTimeoutMs', busyTimeoutMs, 'an integer number of ms >= 0');
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database,
    timeout: busyTimeoutMs,
    prepareDatabase: (connection: BetterSqlite3.Database) =>
      prepareConnection(connection, { database, busyTimeoutMs }),
  };
}

function serverSettings(options: DatabaseOptions): { poolSize: number; connectTimeoutMs: number } {
  const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
  if (!Number.isSafeInteger(poolSize) || poolSize < 1) {
    throw new StoreOptionError('poolSize', poolSize, 'an integer >= 1');
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  if (!Number.isSafeInteger(connectTimeoutMs) || connectTimeoutMs < 1) {
    throw new StoreOptionError(
      'connectTimeoutMs',
      connectTimeoutMs,
      'an integer number of ms >= 1',
    );
  }
  return { poolSize, connectTimeoutMs };
}

/** TLS as libpq's `sslmode` asks for it: off, or on with or without certificate checks. */
function postgresTls(sslmode: string | undefined): boolean | { rejectUnauthorized: boolean } {
  if (sslmode === 'require') return { rejectUnauthorized: false };
  if (sslmode === 'verify-ca' || sslmode === 'verify-full') return { rejectUnauthorized: true };
  return false;
}

function postgresOptions(
  url: PostgresDatabaseUrl,
  options: DatabaseOptions,
  common: CommonOptions,
): DataSourceOptions {
  const { poolSize, connectTimeoutMs } = serverSettings(options);
  return {
    ...common,
    type: 'postgres',
    host: url.parameters.host ?? url.host,
    port: url.port,
    username: url.user,
    password: url.password,
    database: url.database,
    ssl: postgresTls(url.parameters.sslmode),
    applicationName: 'ml2ts',
    poolSize,
    connectTimeoutMS: connectTimeoutMs,
    extra: { types: UTC_TIMESTAMP_TYPES },
  };
}

function mysqlOptions(
  url: MysqlDatabaseUrl,
  options: DatabaseOptions,
  common: CommonOptions,
): DataSourceOptions {
  const { poolSize, connectTimeoutMs } = serverSettings(options);
  return {
    ...common,
    type: url.flavor === 'mariadb' ? 'mariadb' : 'mysql',
    host: url.host,
    port: url.port,
    username: url.user,
    password: url.password,
    database: url.database,
    socketPath: url.parameters.unix_socket,
    charset: 'utf8mb4',
    timezone: 'Z',
    poolSize,
    connectTimeout: connectTimeoutMs,
  };
}
