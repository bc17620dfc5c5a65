/**
 * Thrown by `openStoreForReading` when there is no database where it was told to look. Opening
 * to read never creates one: a mistyped path must not leave an empty database behind.
 */
export class DatabaseNotFoundError extends Error {
  /** The path that was given. */
  readonly database: string;

  constructor(database: string) {
    super(`There is no database at ${database} (give the right one with --database).`);
    this.name = 'DatabaseNotFoundError';
    this.database = database;
  }
}
