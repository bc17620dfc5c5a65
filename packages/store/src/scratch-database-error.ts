/**
 * Thrown by `createScratchDatabase` and by a scratch database's `drop()` when the server took
 * the connection but refused to create or drop the database (most often: the user lacks the
 * privilege). Names the server by its URL without password; the driver's error is the `cause`.
 * When creating failed, nothing was left behind.
 */
export class ScratchDatabaseError extends Error {
  /** The URL the scratch database was made from, password replaced by `***`. */
  readonly url: string;
  /** The scratch database's name. */
  readonly database: string;
  /** What was refused. */
  readonly operation: 'create' | 'drop';

  constructor(operation: 'create' | 'drop', url: string, database: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const advice =
      operation === 'create'
        ? 'the user of the URL must be allowed to create and drop databases ' +
          '(PostgreSQL: CREATEDB; MySQL and MariaDB: the CREATE and DROP privileges)'
        : `drop it by hand (DROP DATABASE ${database}) once nothing uses it`;
    super(`Cannot ${operation} scratch database ${database} on ${url}: ${detail}; ${advice}.`, {
      cause,
    });
    this.name = 'ScratchDatabaseError';
    this.url = url;
    this.database = database;
    this.operation = operation;
  }
}
