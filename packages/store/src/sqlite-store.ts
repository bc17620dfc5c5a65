import { AsyncLocalStorage } from 'node:async_hooks';
import { type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { NestedUnitOfWorkError } from './errors/nested-unit-of-work-error';
import { StoreClosedError } from './errors/store-closed-error';
import { StoreOptionError } from './errors/store-option-error';
import { type Store } from './store';

/** Marks one running unit of work; compared by identity. */
type UnitToken = object;

const ignore = (): void => undefined;

/**
 * Every this many units the queue lets the event loop turn (timers, I/O) before the next unit:
 * a caller awaiting unit after unit otherwise never leaves the microtask queue.
 */
export const UNITS_BETWEEN_EVENT_LOOP_TURNS = 64;

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
  private readonly runningUnit = new AsyncLocalStorage<UnitToken>();
  /** The token of the unit executing now, if any. */
  private activeUnit: UnitToken | undefined;
  /** Settles when the last queued unit has finished (never rejects). */
  private queueTail: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private unitsSinceLastTurn = 0;

  /**
   * Takes over an initialized better-sqlite3 data source whose schema is up to date (see
   * `openStore`). `close()` destroys it. Throws `StoreOptionError` for any other data source.
   */
  constructor(dataSource: DataSource) {
    if (dataSource.options.type !== 'better-sqlite3' || !dataSource.isInitialized) {
      throw new StoreOptionError(
        'dataSource',
        `${dataSource.options.type} (${dataSource.isInitialized ? 'initialized' : 'not initialized'})`,
        'an initialized better-sqlite3 DataSource',
      );
    }
    this.dataSource = dataSource;
    this.queryRunner = dataSource.createQueryRunner();
    this.manager = dataSource.createEntityManager(this.queryRunner);
  }

  /**
   * Queues `work` and runs it in one write transaction when its turn comes: committed when it
   * resolves; rolled back when it (or the commit) throws, and that same error is re-thrown.
   * Rejects with `NestedUnitOfWorkError` when called from inside a unit of this store, and with
   * `StoreClosedError` after `close()`.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue('transaction', () => this.runInTransaction(work));
  }

  /**
   * Queues `work` and runs it outside any transaction when its turn comes; the queue guarantees
   * it sees only committed rows. `work` must not write. Rejects like `transaction`.
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.enqueue('read', () => this.runAsUnit(work));
  }

  /**
   * Stops accepting work, waits for every unit queued before the call, then closes the database.
   * Idempotent: later calls return the same promise. Rejects with `NestedUnitOfWorkError` when
   * called from inside a unit (it would wait for itself).
   */
  close(): Promise<void> {
    if (this.isInsideRunningUnit()) {
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
    if (this.isInsideRunningUnit()) {
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

  private async runInTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    await this.queryRunner.startTransaction();
    let result: T;
    try {
      result = await this.runAsUnit(work);
      await this.queryRunner.commitTransaction();
    } catch (error) {
      if (this.queryRunner.isTransactionActive) {
        try {
          await this.queryRunner.rollbackTransaction();
        } catch {
          // The original error says what went wrong; a failed rollback adds nothing to act on.
        }
      }
      throw error;
    }
    return result;
  }

  /** Runs `work` marked as the active unit, so calls back into the store are recognized. */
  private async runAsUnit<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const token: UnitToken = {};
    this.activeUnit = token;
    try {
      return await this.runningUnit.run(token, () => work(this.manager));
    } finally {
      this.activeUnit = undefined;
    }
  }

  /**
   * True only inside the unit that is running now: a callback a finished unit left behind
   * carries that unit's token, which is no longer active, and may queue normally.
   */
  private isInsideRunningUnit(): boolean {
    const token = this.runningUnit.getStore();
    return token !== undefined && token === this.activeUnit;
  }
}
