import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { DEFAULT_CONNECT_TIMEOUT_MS } from './data-source-factory';
import {
  type DatabaseUrl,
  formatDatabaseUrl,
  type MysqlDatabaseUrl,
  parseDatabaseUrl,
  type PostgresDatabaseUrl,
} from './database-url';
import { describeConnectionFailure } from './describe-connection-failure';
import { DatabaseConnectionError } from './errors/database-connection-error';
import { StoreOptionError } from './errors/store-option-error';
import { IN_MEMORY_DATABASE } from './prepare-connection';
import { ScratchDatabaseError } from './scratch-database-error';

/** A database made for one job (a test, a scenario, a benchmark run), to drop afterwards. */
export interface ScratchDatabase {
  /**
   * The URL to open it with, password included (`openStore({ url })`, `createEngine({ database
   * })`): hand it to programs, never to a log (`redactDatabaseUrl` first).
   */
  readonly url: string;
  /** The same, parsed. */
  readonly parsed: DatabaseUrl;
  /**
   * Drops the database (deletes the SQLite file's directory). Close every connection to it
   * first; on PostgreSQL connections still open are cut (`WITH (FORCE)`). Calling it again does
   * nothing. Rejects with `DatabaseConnectionError` or `ScratchDatabaseError` when the server
   * refuses.
   */
  drop(): Promise<void>;
}

/** How `createScratchDatabase` makes the database. */
export interface ScratchDatabaseOptions {
  /**
   * PostgreSQL: false makes the new database commit without waiting for the disk
   * (`synchronous_commit = off`), for throwaway databases whose contents need not survive a server
   * crash. Default true: the server's own setting. No effect on other dialects.
   */
  readonly durable?: boolean;
  /** Milliseconds connecting to the server may take. Default 10000. */
  readonly connectTimeoutMs?: number;
}

/** Lower-case letters, digits and `_`, starting with a letter: a name no dialect needs to quote. */
const PREFIX_PATTERN = /^[a-z][a-z0-9_]*$/;

/** PostgreSQL's name limit (63 bytes) minus `_` and the 8 random hex digits. */
const MAX_PREFIX_LENGTH = 54;

/**
 * Makes a fresh, empty database next to the one `serverUrl` names, for one job, and returns its
 * URL and how to drop it. The database of `serverUrl` is only connected to (as the maintenance
 * database, with the URL's credentials); nothing is written in it.
 *
 * - PostgreSQL: `CREATE DATABASE <prefix>_<8 random hex digits>`; `drop` runs `DROP DATABASE ...
 *   WITH (FORCE)` (PostgreSQL 13 or later).
 * - MySQL/MariaDB: `CREATE DATABASE <prefix>_<random> CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`;
 *   `drop` runs `DROP DATABASE`. The URL returned says `mariadb://` when the server is MariaDB.
 * - SQLite: `<prefix>.sqlite` in a fresh directory under the system temp directory (not created:
 *   the store creates it); `drop` deletes the directory. A `:memory:` URL gives an in-memory
 *   database (every open is a fresh one) and a `drop` that does nothing.
 *
 * Blocks while it connects and creates. Rejects with `DatabaseUrlError` for an unusable URL,
 * `StoreOptionError` for a prefix that is not lower-case letters, digits and `_` (starting with a
 * letter, at most 54 characters), `DatabaseConnectionError` when the server cannot be reached or
 * refuses the login, and `ScratchDatabaseError` when it refuses to create the database. Messages
 * name the server without its password.
 */
export async function createScratchDatabase(
  serverUrl: string | DatabaseUrl,
  prefix: string,
  options: ScratchDatabaseOptions = {},
): Promise<ScratchDatabase> {
  const server = typeof serverUrl === 'string' ? parseDatabaseUrl(serverUrl) : serverUrl;
  if (!PREFIX_PATTERN.test(prefix) || prefix.length > MAX_PREFIX_LENGTH) {
    throw new StoreOptionError(
      'prefix',
      prefix,
      `lower-case letters, digits and _, starting with a letter, at most ${MAX_PREFIX_LENGTH} characters`,
    );
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  switch (server.dialect) {
    case 'sqlite':
      return scratchSqlite(prefix, server.path === IN_MEMORY_DATABASE);
    case 'postgres':
      return scratchPostgres(server, freshName(prefix), options.durable ?? true, connectTimeoutMs);
    case 'mysql':
      return scratchMysql(server, freshName(prefix), connectTimeoutMs);
  }
}

/** `<prefix>_<8 random hex digits>`. */
function freshName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

function scratchSqlite(prefix: string, inMemory: boolean): ScratchDatabase {
  if (inMemory) {
    return {
      url: formatDatabaseUrl({ dialect: 'sqlite', path: IN_MEMORY_DATABASE }),
      parsed: { dialect: 'sqlite', path: IN_MEMORY_DATABASE },
      drop: async () => undefined,
    };
  }
  const directory = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const parsed: DatabaseUrl = { dialect: 'sqlite', path: join(directory, `${prefix}.sqlite`) };
  return {
    url: formatDatabaseUrl(parsed),
    parsed,
    drop: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

async function scratchPostgres(
  server: PostgresDatabaseUrl,
  name: string,
  durable: boolean,
  connectTimeoutMs: number,
): Promise<ScratchDatabase> {
  const statements = [`CREATE DATABASE "${name}"`];
  if (!durable) statements.push(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  await onServer(server, name, 'create', () =>
    onPostgres(server, connectTimeoutMs, async (client) => {
      await client.query(statements[0]);
      try {
        for (const statement of statements.slice(1)) await client.query(statement);
      } catch (error) {
        await client.query(`DROP DATABASE IF EXISTS "${name}"`).catch(() => undefined);
        throw error;
      }
    }),
  );
  const parsed: PostgresDatabaseUrl = { ...server, database: name };
  return {
    url: formatDatabaseUrl(parsed, { showPassword: true }),
    parsed,
    drop: () =>
      onServer(server, name, 'drop', () =>
        onPostgres(server, connectTimeoutMs, async (client) => {
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        }),
      ),
  };
}

async function scratchMysql(
  server: MysqlDatabaseUrl,
  name: string,
  connectTimeoutMs: number,
): Promise<ScratchDatabase> {
  const isMariaDb = await onServer(server, name, 'create', () =>
    onMysql(server, connectTimeoutMs, async (connection) => {
      await connection.query(
        `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
      );
      const [rows] = await connection.query('SELECT VERSION() AS version');
      return /mariadb/i.test(String((rows as { version?: unknown }[])[0]?.version));
    }),
  );
  // The URL says which server it is (`mariadb://`), as an operator's would.
  const parsed: MysqlDatabaseUrl = {
    ...server,
    database: name,
    flavor: server.flavor ?? (isMariaDb ? 'mariadb' : 'mysql'),
  };
  return {
    url: formatDatabaseUrl(parsed, { showPassword: true }),
    parsed,
    drop: () =>
      onServer(server, name, 'drop', () =>
        onMysql(server, connectTimeoutMs, async (connection) => {
          await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
        }),
      ),
  };
}

/** A failure to connect: the typed error every store function gives for it. */
class ConnectFailure extends Error {
  constructor(readonly error: unknown) {
    super('connect failed');
  }
}

/**
 * Runs `work`, turning a connection failure into `DatabaseConnectionError` and a refused
 * statement into `ScratchDatabaseError`, both naming the server without its password.
 */
async function onServer<T>(
  server: PostgresDatabaseUrl | MysqlDatabaseUrl,
  name: string,
  operation: 'create' | 'drop',
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const redacted = formatDatabaseUrl(server);
    if (error instanceof ConnectFailure) {
      throw new DatabaseConnectionError(
        redacted,
        describeConnectionFailure(error.error),
        error.error,
      );
    }
    throw new ScratchDatabaseError(operation, redacted, name, error);
  }
}

/** TLS as libpq's `sslmode` asks for it (as the store's data sources read it). */
function postgresTls(sslmode: string | undefined): boolean | { rejectUnauthorized: boolean } {
  if (sslmode === 'require') return { rejectUnauthorized: false };
  if (sslmode === 'verify-ca' || sslmode === 'verify-full') return { rejectUnauthorized: true };
  return false;
}

/** Connects to the server's database, runs `work` on the client, disconnects. */
async function onPostgres<T>(
  server: PostgresDatabaseUrl,
  connectTimeoutMs: number,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    host: server.parameters.host ?? server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: server.database,
    ssl: postgresTls(server.parameters.sslmode),
    application_name: 'ml2ts',
    connectionTimeoutMillis: connectTimeoutMs,
  });
  // A connection the server ends later must not crash the process: its error is in `work`'s.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new ConnectFailure(error);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Connects to the server's database, runs `work` on the connection, disconnects. */
async function onMysql<T>(
  server: MysqlDatabaseUrl,
  connectTimeoutMs: number,
  work: (connection: Awaited<ReturnType<typeof createConnection>>) => Promise<T>,
): Promise<T> {
  let connection: Awaited<ReturnType<typeof createConnection>>;
  try {
    connection = await createConnection({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      database: server.database,
      socketPath: server.parameters.unix_socket,
      connectTimeout: connectTimeoutMs,
    });
  } catch (error) {
    throw new ConnectFailure(error);
  }
  connection.on('error', () => undefined);
  try {
    return await work(connection);
  } finally {
    await connection.end().catch(() => undefined);
  }
}
