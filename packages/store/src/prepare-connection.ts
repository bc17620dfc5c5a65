import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseSetupError } from './errors/database-setup-error';

/** The path that selects a private in-memory database (gone when it is closed). */
export const IN_MEMORY_DATABASE = ':memory:';

/** What `prepareConnection` needs to know about the database it sets up. */
export interface ConnectionSettings {
  /** The path the connection was opened with; `':memory:'` skips write-ahead logging. */
  database: string;
  /** Milliseconds a statement waits for another connection's lock. */
  busyTimeoutMs: number;
}

/**
 * Sets a freshly opened connection up for a long-running server, before TypeORM uses it:
 * the busy timeout, `foreign_keys = ON`, write-ahead logging for file databases (readers never
 * block the writer) and `synchronous = NORMAL` (with WAL: no corruption on power loss, durable
 * across a process crash, one fsync less per commit). In-memory databases keep their `memory`
 * journal.
 *
 * Runs synchronously inside `DataSource.initialize()`. When SQLite does not switch to WAL (some
 * network file systems), the connection is closed and `DatabaseSetupError` is thrown, so
 * `initialize()` rejects: `synchronous = NORMAL` is only safe together with WAL.
 */
export function prepareConnection(
  connection: Pick<BetterSqlite3.Database, 'pragma' | 'close'>,
  settings: ConnectionSettings,
): void {
  connection.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
  connection.pragma('foreign_keys = ON');
  if (settings.database !== IN_MEMORY_DATABASE) {
    const mode = connection.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      connection.close();
      throw new DatabaseSetupError(
        settings.database,
        `write-ahead logging could not be enabled (journal_mode stayed "${String(mode)}")`,
      );
    }
  }
  connection.pragma('synchronous = NORMAL');
}
