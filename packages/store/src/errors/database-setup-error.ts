/**
 * Thrown while a database is being opened, when SQLite refuses a setting the store relies on
 * (for example write-ahead logging on a file system that does not support it). The database is
 * closed again before this is thrown.
 */
export class DatabaseSetupError extends Error {
  /** The database path as given to the store. */
  readonly database: string;

  constructor(database: string, detail: string) {
    super(`Cannot set up SQLite database ${JSON.stringify(database)}: ${detail}.`);
    this.name = 'DatabaseSetupError';
    this.database = database;
  }
}
