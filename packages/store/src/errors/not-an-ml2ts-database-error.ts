/**
 * Thrown by `openStoreForReading` when the database exists but was not created by ml2ts: it has
 * no record of ml2ts's schema migrations. Nothing was written to it.
 */
export class NotAnMl2tsDatabaseError extends Error {
  /** The database, as given (passwords removed). */
  readonly database: string;

  constructor(database: string, detail: string) {
    super(
      `${database} is not an ml2ts database (${detail}); it was left untouched. ` +
        'Point --database at the database an ml2ts server uses.',
    );
    this.name = 'NotAnMl2tsDatabaseError';
    this.database = database;
  }
}
