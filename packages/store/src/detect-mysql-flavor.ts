import { createConnection } from 'mysql2/promise';
import { type MysqlDatabaseUrl } from './database-url';

/**
 * Asks a MySQL-protocol server whether it is MariaDB or MySQL (`SELECT VERSION()`), on a
 * connection of its own that it closes again: TypeORM reads the two servers' catalogs differently.
 * Runs once at start-up; blocks until the server answers or `connectTimeoutMs` passes. Rejects
 * with the driver's error when the server cannot be reached, refuses the login or has no such
 * database.
 */
export async function detectMysqlFlavor(
  url: MysqlDatabaseUrl,
  connectTimeoutMs: number,
): Promise<'mysql' | 'mariadb'> {
  const connection = await createConnection({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
    socketPath: url.parameters.unix_socket,
    connectTimeout: connectTimeoutMs,
  });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as { version?: unknown }[])[0]?.version ?? '');
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end().catch(() => undefined);
  }
}
