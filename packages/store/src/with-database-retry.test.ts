import { Ml2Error, NotFound } from '@ml2ts/driver-api';
import Database from 'better-sqlite3';
import { QueryFailedError } from 'typeorm';
import { DatabaseBusyError } from './errors/database-busy-error';
import { DatabaseError } from './errors/database-error';
import { StoreOptionError } from './errors/store-option-error';
import { DEFAULT_RETRY_POLICY, resolveRetryPolicy, retryDelayMs } from './retry-policy';
import { withDatabaseRetry } from './with-database-retry';

const busy = () => new Database.SqliteError('database is locked', 'SQLITE_BUSY');
const deadlock = () =>
  new QueryFailedError(
    'UPDATE x',
    [],
    Object.assign(new Error('deadlock detected'), { code: '40P01', severity: 'ERROR' }),
  );

/** A sleep that records its waits and returns at once. */
function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

describe('retryDelayMs', () => {
  it('doubles from the initial delay up to the maximum, scaled into [half, all] by the jitter', () => {
    const policy = { maxAttempts: 9, initialDelayMs: 20, maxDelayMs: 1000 };
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) =>
      retryDelayMs(policy, attempt, () => 0.999999),
    );
    const floors = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) =>
      retryDelayMs(policy, attempt, () => 0),
    );

    expect(ceilings).toEqual([20, 40, 80, 160, 320, 640, 1000, 1000]);
    expect(floors).toEqual([10, 20, 40, 80, 160, 320, 500, 500]);
  });
});

describe('resolveRetryPolicy', () => {
  it('defaults to 5 attempts, 20 ms doubling to 1 s, and takes overrides', () => {
    expect(resolveRetryPolicy()).toEqual({ maxAttempts: 5, initialDelayMs: 20, maxDelayMs: 1000 });
    expect(resolveRetryPolicy({ maxAttempts: 1 })).toMatchObject({ maxAttempts: 1 });
  });

  it.each([
    ['maxAttempts', { maxAttempts: 0 }],
    ['initialDelayMs', { initialDelayMs: -1 }],
    ['maxDelayMs', { maxDelayMs: 1.5 }],
  ])('refuses a bad %s with a StoreOptionError', (name, overrides) => {
    expect(() => resolveRetryPolicy(overrides)).toThrow(StoreOptionError);
    expect(() => resolveRetryPolicy(overrides)).toThrow(`retry.${name}`);
  });
});

describe('withDatabaseRetry', () => {
  it('returns the first result without waiting', async () => {
    const { waits, sleep } = recordingSleep();

    await expect(
      withDatabaseRetry('transaction', async () => 'ok', DEFAULT_RETRY_POLICY, { sleep }),
    ).resolves.toBe('ok');
    expect(waits).toEqual([]);
  });

  it('runs again after transient errors, backing off, and tells onRetry each time', async () => {
    const { waits, sleep } = recordingSleep();
    const events: unknown[] = [];
    const failures = [busy(), deadlock()];

    const result = await withDatabaseRetry(
      'transaction',
      async (attempt) => {
        const failure = failures.shift();
        if (failure) throw failure;
        return attempt;
      },
      { ...DEFAULT_RETRY_POLICY, onRetry: (event) => events.push({ ...event, error: undefined }) },
      { sleep, random: () => 0.5 },
    );

    expect(result).toBe(3);
    expect(waits).toEqual([15, 30]);
    expect(events).toEqual([
      { operation: 'transaction', attempt: 1, delayMs: 15, reason: 'busy', error: undefined },
      { operation: 'transaction', attempt: 2, delayMs: 30, reason: 'deadlock', error: undefined },
    ]);
  });

  it('gives up after maxAttempts with a retryable 503 DatabaseBusyError carrying the last error', async () => {
    const { sleep } = recordingSleep();
    const last = deadlock();
    let attempts = 0;

    const error: unknown = await withDatabaseRetry(
      'transaction',
      async () => {
        attempts += 1;
        throw attempts === 3 ? last : busy();
      },
      { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 },
      { sleep },
    ).catch((rejection: unknown) => rejection);

    expect(attempts).toBe(3);
    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect(error).toBeInstanceOf(Ml2Error);
    expect(error).toMatchObject({
      name: 'DatabaseBusyError',
      type: 'ServiceUnavailable',
      httpStatus: 503,
      retryable: true,
      attempts: 3,
      reason: 'deadlock',
      cause: last,
    });
    expect((error as Error).message).toMatch(
      /stayed busy \(deadlock\) through 3 attempts.*may be retried/,
    );
  });

  it("passes the work's own typed errors through unchanged, without retrying", async () => {
    const typed = new NotFound('PortNotFound', 'Port p could not be found.');
    let attempts = 0;

    await expect(
      withDatabaseRetry('transaction', async () => {
        attempts += 1;
        throw typed;
      }),
    ).rejects.toBe(typed);
    expect(attempts).toBe(1);
  });

  it('passes errors that are not from the database through unchanged', async () => {
    const bug = new TypeError('cannot read x of undefined');

    await expect(withDatabaseRetry('read', async () => Promise.reject(bug))).rejects.toBe(bug);
  });

  it('wraps any other database error in a 500 DatabaseError with the original as cause', async () => {
    const refusal = new QueryFailedError(
      'INSERT',
      [],
      new Database.SqliteError(
        'UNIQUE constraint failed: networks.id',
        'SQLITE_CONSTRAINT_PRIMARYKEY',
      ),
    );

    const error: unknown = await withDatabaseRetry('transaction', async () =>
      Promise.reject(refusal),
    ).catch((rejection: unknown) => rejection);

    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({
      name: 'DatabaseError',
      type: 'DBError',
      httpStatus: 500,
      code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
      outcomeUnknown: false,
      cause: refusal,
    });
    expect((error as Error).message).toMatch(/refused this transaction.*UNIQUE constraint failed/);
  });
});
