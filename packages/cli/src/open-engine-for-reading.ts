import { type Engine, loadConfiguration, openEngine } from '@ml2ts/core';

/** Where to read from: a database and, optionally, the server's configuration file. */
export interface ReadingOptions {
  /** The database URL or SQLite path; default the configuration's `ml2ts.database`. */
  database?: string;
  /** A JSON configuration file (agent_down_time, ...); default the defaults. */
  config?: string;
}

/**
 * Opens an existing database to read it (`openEngine`: no migration, no allocation sync, nothing
 * written, a read-only file or read-only server sessions), with the user's configuration or the
 * defaults. Throws `ConfigurationError` for a bad configuration file, the store's
 * `DatabaseNotFoundError`, `NotAnMl2tsDatabaseError` or `SchemaVersionMismatchError` for a
 * database it must not read, and `DatabaseConnectionError` for a server it cannot reach.
 */
export async function openEngineForReading(options: ReadingOptions): Promise<Engine> {
  const configuration = loadConfiguration({ file: options.config });
  return openEngine({ configuration, database: options.database });
}
