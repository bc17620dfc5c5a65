import { type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { beginTransaction, rollbackQuietly } from './begin-transaction';
import { NestedUnitOfWorkError } from './errors/nested-unit-of-work-error';
import { StoreClosedError } from './errors/store-closed-error';
import { StoreOptionError } from './errors/store-option-error';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy';
import { type Store } from './store';
import { UnitTracker } from './unit-tracker';
import { withDatabaseRetry } from './with-database-retry';

const ignore = (): void => undefined;

/**
 * Every this many units the queue lets the event loop turn (timers, I/O) before the next unit:
 * a caller awaiting unit after unit otherwise never leaves the microtask queue.
 */
export const UNITS_BETWEEN_EVENT_LOOP_TURNS = 64;

/** Options of a `SqliteStore`. */
export interface SqliteStoreOptions {
  /** How units that find the database busy are retried. Default `DEFAULT_RETRY_POLICY`. */
  retry?: Partial<RetryPolicy>;
}

/**
 * The `Store` over an initialized better-sqlite3 data source.
 *
 * TypeORM's better-sqlite3 driver has exactly one connection and one query runner, shared by
 * everything that uses the data source. Two async units of work interleaving on it would run
 * inside each other's transaction, so every `transaction` and `read` is put in one FIFO queue and
 * runs alone, in call order. A unit that calls back into the store while it runs would wait for
 * itself: an AsyncLocalStorage marks the running unit so the inner call fails fast with
 * `NestedUnitOfWorkError` instead.
 *
 * A transaction starts with `BEGIN IMMEDIATE`: it takes the database's write lock up front,
 * waiting up to the busy timeout for another connection (another process) to release it. A
 * deferred BEGIN would read first and then fail at once, without waiting, when it tries to write
 * while another connection writes. A unit that still finds the database busy (or locked) is rolled
 * back and run again from the start, with back-off, per the retry policy; after the last attempt
 * it rejects with `DatabaseBusyError` (503). While better-sqlite3 waits for the lock it blocks
 * the event loop (its calls are synchronous): keep the busy timeout short where other processes
 * write the same file.
 *
 * Reads and transactions share one `EntityManager` bound to the query runner, so no per-call
 * manager or runner is created on the hot path.
 */
export class SqliteStore implements Store {
  /**
   * The data source the store owns. Using its manager directly bypasses the queue and lands in
   * whatever unit is running: use it for schema work and diagnostics only.
   */
  readonly dataSource: DataSource;

  private readonly queryRunner: QueryRunner;
  private readonly manager: EntityManager;
  private readonly retry: RetryPolicy;
  private readonly units = new UnitTracker();
  /** Settles when the last queued unit has finished (never rejects). */
  private queueTail: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private unitsSinceLastTurn = 0;

  /**
   * Takes over an initialized better-sqlite3 data source whose schema is up to date (see
   * `openStore`). `close()` destroys it. Throws `StoreOptionError` for any other data source or
   * a bad retry option.
   */
  constructor(dataSource: DataSource, options: SqliteStoreOptions = {}) {
    if (dataSource.options.type !== 'better-sqlite3' || !dataSource.isInitialized) {
      throw new StoreOptionError(
        'dataSource',
        `${dataSource.options.type} (${dataSource.isInitialized ? 'initialized' : 'not initialized'})`,
        'an initialized better-sqlite3 DataSource',
      );
    }
    this.dataSource = dataSource;
    this.retry = resolveRetryPolicy(options.retry);
    this.queryRunner = dataSource.createQueryRunner();
    this.manager = dataSource.createEntityManager(this.queryRunner);
  }

  /**
   * Queues `work` and runs it in one write transaction (`BEGIN IMMEDIATE`) when its turn comes:
   * committed when it resolves; rolled back when it (or the commit) throws.
   *
   * `work` may run more than once: when the database stays busy or locked, the attempt is rolled
   * back completely and `work` runs again, so it must touch the database only through the given
   * manager and have no other side effect it cannot repeat. Rejects with what `work` threw when
   * that is an `Ml2Error` or not a database error; with `DatabaseBusyError` (503) when every
   * attempt found the database busy; with `DatabaseError` (500) for any other database error;
   * with `NestedUnitOfWorkError` when called from inside a unit of this store, and with
   * `StoreClosedError` after `close()`.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue('transaction', () =>
      withDatabaseRetry('transaction', () => this.runInTransaction(work), this.retry),
    );
  }

  /**
   * Queues `work` and runs it outside any transaction when its turn comes; the queue guarantees
   * it sees only committed rows of this store (other processes' commits may land between its
   * statements). `work` must not write; it is run again if the database is busy. Rejects like
   * `transaction`.
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue('read', () =>
      withDatabaseRetry('read', () => this.units.run(() => work(this.manager)), this.retry),
    );
  }

  /**
   * Stops accepting work, waits for every unit queued before the call, then closes the database.
   * Idempotent: later calls return the same promise. Rejects with `NestedUnitOfWorkError` when
   * called from inside a unit (it would wait for itself).
   */
  close(): Promise<void> {
    if (this.units.isInsideRunningUnit()) {
      return Promise.reject(new NestedUnitOfWorkError('close'));
    }
    this.closing ??= this.queueTail.then(async () => {
      if (this.dataSource.isInitialized) {
        await this.dataSource.destroy();
      }
    });
    return this.closing;
  }

  private enqueue<T>(operation: string, run: () => Promise<T>): Promise<T> {
    if (this.closing) {
      return Promise.reject(new StoreClosedError(operation));
    }
    if (this.units.isInsideRunningUnit()) {
      return Promise.reject(new NestedUnitOfWorkError(operation));
    }
    const result = this.queueTail.then(() => {
      this.unitsSinceLastTurn += 1;
      if (this.unitsSinceLastTurn < UNITS_BETWEEN_EVENT_LOOP_TURNS) return run();
      this.unitsSinceLastTurn = 0;
      return new Promise<void>((turned) => setImmediate(turned)).then(run);
    });
    this.queueTail = result.then(ignore, ignore);
    return result;
  }

  /** One attempt: BEGIN IMMEDIATE, the work, COMMIT; everything rolled back on a throw. */
  private async runInTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    await beginTransaction(this.queryRunner, 'BEGIN IMMEDIATE');
    try {
      const result = await this.units.run(() => work(this.manager));
      await this.queryRunner.commitTransaction();
      return result;
    } catch (error) {
      await rollbackQuietly(this.queryRunner);
      throw error;
    }
  }
}
