import { StoreOptionError } from './errors/store-option-error';

/** What a store's `onRetry` hook is told before it waits and runs a unit of work again. */
export interface RetryEvent {
  /** `transaction`, `read` or `migration`. */
  readonly operation: string;
  /** The attempt that just failed, from 1. */
  readonly attempt: number;
  /** How long the store waits before the next attempt. */
  readonly delayMs: number;
  /** Why the attempt failed (`deadlock`, `busy`, ...; see `DatabaseErrorReason`). */
  readonly reason: string;
  /** The database error of the failed attempt. */
  readonly error: unknown;
}

/**
 * How a store retries a unit of work that failed with a transient database error: up to
 * `maxAttempts` runs in all, waiting `initialDelayMs` before the second, doubling each time up to
 * `maxDelayMs`, each wait drawn at random between half of it and all of it (jitter, so that units
 * that collided once do not collide again in step).
 */
export interface RetryPolicy {
  /** Runs in all, the first included; 1 turns retrying off. Default 5. */
  readonly maxAttempts: number;
  /** The wait before the second attempt, in ms. Default 20. */
  readonly initialDelayMs: number;
  /** The longest wait between two attempts, in ms. Default 1000. */
  readonly maxDelayMs: number;
  /**
   * Called synchronously before each wait (for logs and metrics); must not throw. Default: none.
   */
  readonly onRetry?: (event: RetryEvent) => void;
}

/** The default retry policy: 5 attempts, 20 ms doubling to at most 1 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  initialDelayMs: 20,
  maxDelayMs: 1000,
});

/**
 * The full policy for the given overrides, validated. Throws `StoreOptionError` (option
 * `retry.<name>`) for a value that is not a whole number in range.
 */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  const check = (name: keyof RetryPolicy, value: number, min: number) => {
    if (!Number.isSafeInteger(value) || value < min) {
      throw new StoreOptionError(`retry.${name}`, value, `an integer >= ${min}`);
    }
  };
  check('maxAttempts', policy.maxAttempts, 1);
  check('initialDelayMs', policy.initialDelayMs, 0);
  check('maxDelayMs', policy.maxDelayMs, 0);
  return policy;
}

/**
 * The wait before attempt `failedAttempt + 1`: `initialDelayMs * 2^(failedAttempt - 1)`, capped
 * at `maxDelayMs`, scaled into [half, all] by `random()` (a number in [0, 1)). Pure.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
