import { setTimeout as sleep } from 'node:timers/promises';
import { Ml2Error } from '@ml2ts/driver-api';
import { classifyDatabaseError } from './classify-database-error';
import { DatabaseBusyError } from './errors/database-busy-error';
import { DatabaseError } from './errors/database-error';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs } from './retry-policy';

/** Test seams of `withDatabaseRetry`. */
export interface RetryDependencies {
  /** Waits `ms` milliseconds. Default: a timer. */
  readonly sleep?: (ms: number) => Promise<unknown>;
  /** A number in [0, 1) for the jitter. Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Runs `attempt` (given its number, from 1) until it resolves, retrying it while it fails with a
 * transient database error (see `classifyDatabaseError`), with exponential back-off and jitter,
 * at most `policy.maxAttempts` times. `attempt` must leave nothing behind when it throws: the
 * stores pass a function that runs a whole unit of work in its own transaction and rolls it back.
 *
 * What a rejection means:
 * - `DatabaseBusyError` (503, `retryable`): every attempt failed with a transient error;
 * - an `Ml2Error` thrown by the attempt (the work's own typed error, or a typed error the store
 *   raised itself): passed through unchanged, never retried;
 * - `DatabaseError` (500): any other error that came from the database or TypeORM, wrapped with
 *   the original as `cause`;
 * - anything else (an error of the work's own that is not from the database): unchanged.
 *
 * `operation` names the unit in messages (`transaction`, `read`, `migration`). Waits between
 * attempts on a timer: the event loop keeps turning.
 */
export async function withDatabaseRetry<T>(
  operation: string,
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  dependencies: RetryDependencies = {},
): Promise<T> {
  const wait = dependencies.sleep ?? sleep;
  const random = dependencies.random ?? Math.random;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (error instanceof Ml2Error) throw error;
      const classification = classifyDatabaseError(error);
      if (classification.kind === 'retryable') {
        if (attemptNumber >= policy.maxAttempts) {
          throw new DatabaseBusyError(operation, attemptNumber, classification.reason, error);
        }
        const delayMs = retryDelayMs(policy, attemptNumber, random);
        policy.onRetry?.({
          operation,
          attempt: attemptNumber,
          delayMs,
          reason: classification.reason,
          error,
        });
        await wait(delayMs);
        continue;
      }
      if (classification.fromDatabase) {
        throw new DatabaseError(operation, error, { code: classification.code });
      }
      throw error;
    }
  }
}
