import { Ml2Error } from '@ml2ts/driver-api';

/**
 * 503 `ServiceUnavailable`: a unit of work kept failing with a transient database error (a
 * deadlock, a serialization failure, a lock wait that timed out, SQLite's busy lock, a lost
 * connection) on every attempt the store's retry policy allows. Every attempt was rolled back:
 * nothing of the unit was written. The caller may retry the whole request later.
 */
export class DatabaseBusyError extends Ml2Error {
  /** Always true: retrying the request later is safe and may succeed. */
  readonly retryable = true;
  /** How many times the unit ran before the store gave up. */
  readonly attempts: number;
  /** Why the last attempt failed, e.g. `deadlock` or `busy` (see `DatabaseErrorReason`). */
  readonly reason: string;

  constructor(operation: string, attempts: number, reason: string, cause: unknown) {
    super(
      'ServiceUnavailable',
      503,
      `The database stayed busy (${reason}) through ${attempts} attempt${attempts === 1 ? '' : 's'} ` +
        `of this ${operation}; nothing was written and the request may be retried. ` +
        `Last database error: ${describeCause(cause)}.`,
      { cause },
    );
    this.name = 'DatabaseBusyError';
    this.attempts = attempts;
    this.reason = reason;
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
