import { Ml2Error } from '@ml2ts/driver-api';

/**
 * A database error that the store does not retry, escaping a unit of work as a typed error
 * instead of the driver's own (`QueryFailedError`, better-sqlite3's `SqliteError`, a `pg` or
 * `mysql2` error). The driver's error is the `cause`, its code is `code`.
 *
 * - 500 `DBError` (the default): the database refused a statement (a constraint the engine did
 *   not turn into its own typed error, a malformed query): a bug or a schema mismatch.
 * - 503 `ServiceUnavailable` when `outcomeUnknown`: the connection was lost while COMMIT was
 *   under way, so the unit may or may not have been written; it was not retried.
 */
export class DatabaseError extends Ml2Error {
  /** The driver's error code (`23505`, `ER_DUP_ENTRY`, `SQLITE_CONSTRAINT_UNIQUE`...), if any. */
  readonly code: string | undefined;
  /** True when the connection was lost during COMMIT: the unit may or may not be written. */
  readonly outcomeUnknown: boolean;

  constructor(
    operation: string,
    cause: unknown,
    options: { code?: string; outcomeUnknown?: boolean } = {},
  ) {
    const outcomeUnknown = options.outcomeUnknown ?? false;
    const detail = cause instanceof Error ? cause.message : String(cause);
    const code = options.code ? ` (${options.code})` : '';
    super(
      outcomeUnknown ? 'ServiceUnavailable' : 'DBError',
      outcomeUnknown ? 503 : 500,
      outcomeUnknown
        ? `The database connection was lost while committing this ${operation}${code}: it may ` +
            `or may not have been written. Read the state back before retrying. Cause: ${detail}`
        : `The database refused this ${operation}${code}: ${detail}`,
      { cause },
    );
    this.name = 'DatabaseError';
    this.code = options.code;
    this.outcomeUnknown = outcomeUnknown;
  }
}
