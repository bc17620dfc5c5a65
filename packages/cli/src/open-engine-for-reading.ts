import { existsSync } from 'node:fs';
import { createEngine, type Engine, loadConfiguration } from '@ml2ts/core';

/** Where to read from: a database file and, optionally, the server's configuration file. */
export interface ReadingOptions {
  /** The SQLite file; default the configuration's `ml2ts.database`. */
  database?: string;
  /** A JSON configuration file (agent_down_time, drivers, ...); default the defaults. */
  config?: string;
}

/** The database file that should be read does not exist. */
export class DatabaseNotFoundError extends Error {
  constructor(database: string) {
    super(`there is no database at ${database} (give one with --database FILE)`);
    this.name = 'DatabaseNotFoundError';
  }
}

/**
 * Opens an existing database through the engine, with the user's configuration or the defaults
 * (no mechanism driver is needed to read). Blocks while the file is opened and migrated. Throws
 * `DatabaseNotFoundError` when the file is missing (nothing is created), `ConfigurationError`
 * for a bad configuration file, or the store's error for a file that is not a database.
 */
export async function openEngineForReading(options: ReadingOptions): Promise<Engine> {
  const configuration = loadConfiguration({ file: options.config });
  const database = options.database ?? configuration.ml2ts.database;
  if (!existsSync(database)) throw new DatabaseNotFoundError(database);
  return createEngine({ configuration, database, rebindInterruptedPorts: false });
}
