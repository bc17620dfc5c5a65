import { type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { beginTransaction, rollbackQuietly } from './begin-transaction';
import { classifyDatabaseError } from './classify-database-error';
import { DatabaseError } from './errors/database-error';
import { NestedUnitOfWorkError } from './errors/nested-unit-of-work-error';
import { StoreClosedError } from './errors/store-closed-error';
import { StoreOptionError } from './errors/store-option-error';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy';
import { type Store } from './store';
import { UnitTracker } from './unit-tracker';
import { withDatabaseRetry } from './with-database-retry';

/** Options of a `PooledStore`. */
export interface PooledStoreOptions {
  /** How units that hit a deadlock, a lock timeout or a lost connection are retried. */
  retry?: Partial<RetryPolicy>;
}

/** The statements that open a unit's transaction, per dialect. */
interface BeginStatements {
  readonly transaction: string;
  readonly read: string;
}

/**
 * PostgreSQL: writes at READ COMMITTED (PostgreSQL's default, and what Neutron runs at): each
 * statement sees what was committed before it began, row locks serialize writers. Reads see one
 * snapshot from their first statement to their last (REPEATABLE READ, READ ONLY, which never
 * fails with a serialization error).
 */
const POSTGRES_BEGIN: BeginStatements = {
  transaction: 'BEGIN ISOLATION LEVEL READ COMMITTED',
  read: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
};

/**
 * MySQL/MariaDB: writes at the server's isolation level, by default InnoDB's REPEATABLE READ (what
 * Neutron runs at there): plain SELECTs read the transaction's snapshot, locking reads and
 * writes see the latest rows; gap locks make deadlocks likelier, and those are retried. Reads take
 * a consistent snapshot, read-only.
 */
const MYSQL_BEGIN: BeginStatements = {
  transaction: 'START TRANSACTION',
  read: 'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY',
};

const SERVER_TYPES: Readonly<Record<string, BeginStatements>> = {
  postgres: POSTGRES_BEGIN,
  mysql: MYSQL_BEGIN,
  mariadb: MYSQL_BEGIN,
};

/**
 * The `Store` over an initialized PostgreSQL or MySQL/MariaDB data source, whose driver keeps a
 * pool of connections (`poolSize`, default 10). Each unit of work takes a connection of its own
 * (its own query runner) for its whole length, so units run concurrently, as many at once as the
 * pool has connections; further units wait for a free connection. Calling back into the store
 * from inside a unit fails fast with `NestedUnitOfWorkError` (the inner unit would be another
 * transaction, blind to the outer one's rows and liable to wait for its locks).
 *
 * A unit that fails with a transient error (deadlock, serialization failure, lock wait timeout,
 * lost connection) is rolled back and run again with back-off, per the retry policy.
 */
export class PooledStore implements Store {
  /** The data source the store owns: use it for schema work and diagnostics only. */
  readonly dataSource: DataSource;

  private readonly begin: BeginStatements;
  private readonly retry: RetryPolicy;
  private readonly units = new UnitTracker();
  private readonly running = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;

  /**
   * Takes over an initialized `postgres`, `mysql` or `mariadb` data source whose schema is up to
   * date (see `openStore`). `close()` destroys it. Throws `StoreOptionError` for any other data
   * source or a bad retry option.
   */
  constructor(dataSource: DataSource, options: PooledStoreOptions = {}) {
    const begin = SERVER_TYPES[dataSource.options.type];
    if (!begin || !dataSource.isInitialized) {
      throw new StoreOptionError(
        'dataSource',
        `${dataSource.options.type} (${dataSource.isInitialized ? 'initialized' : 'not initialized'})`,
        'an initialized postgres, mysql or mariadb DataSource',
      );
    }
    this.dataSource = dataSource;
    this.begin = begin;
    this.retry = resolveRetryPolicy(options.retry);
  }

  /**
   * Runs `work` in one write transaction on a connection of its own, concurrently with other
   * units: committed when it resolves; rolled back when it (or the commit) throws.
   *
   * `work` may run more than once: after a deadlock, a serialization failure, a lock wait timeout
   * or a connection lost before the commit, the attempt is rolled back completely and `work` runs
   * again, so it must touch the database only through the given manager and have no other side
   * effect it cannot repeat. Rejects with what `work` threw when that is an `Ml2Error` or not a
   * database error; with `DatabaseBusyError` (503) when every attempt failed that way; with
   * `DatabaseError` (503, `outcomeUnknown`) when the connection was lost during COMMIT, and
   * (500) for any other database error; with `NestedUnitOfWorkError` when called from inside a
   * unit of this store, and with `StoreClosedError` after `close()`.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.start('transaction', this.begin.transaction, work);
  }

  /**
   * Runs `work` in a read-only transaction on a connection of its own (one snapshot throughout),
   * concurrently with other units. `work` must not write (the database refuses it); it is run
   * again after a transient error. Rejects like `transaction`.
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.start('read', this.begin.read, work);
  }

  /**
   * Stops accepting work, waits for every running unit (retries included), then closes the pool.
   * Idempotent: later calls return the same promise. Rejects with `NestedUnitOfWorkError` when
   * called from inside a unit (it would wait for itself).
   */
  close(): Promise<void> {
    if (this.units.isInsideRunningUnit()) {
      return Promise.reject(new NestedUnitOfWorkError('close'));
    }
    this.closing ??= (async () => {
      await Promise.allSettled([...this.running]);
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    })();
    return this.closing;
  }

  private start<T>(
    operation: 'transaction' | 'read',
    beginStatement: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (this.closing) {
      return Promise.reject(new StoreClosedError(operation));
    }
    if (this.units.isInsideRunningUnit()) {
      return Promise.reject(new NestedUnitOfWorkError(operation));
    }
    const unit = withDatabaseRetry(
      operation,
      () => this.attempt(operation, beginStatement, work),
      this.retry,
    );
    this.running.add(unit);
    const forget = () => this.running.delete(unit);
    unit.then(forget, forget);
    return unit;
  }

  /** One attempt on a connection of its own: BEGIN, the work, COMMIT; rolled back on a throw. */
  private async attempt<T>(
    operation: string,
    beginStatement: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const queryRunner: QueryRunner = this.dataSource.createQueryRunner('master');
    try {
      await beginTransaction(queryRunner, beginStatement);
      let result: T;
      try {
        result = await this.units.run(() => work(queryRunner.manager));
      } catch (error) {
        await rollbackQuietly(queryRunner);
        throw error;
      }
      try {
        await queryRunner.commitTransaction();
      } catch (error) {
        await rollbackQuietly(queryRunner);
        const classification = classifyDatabaseError(error);
        // A read wrote nothing, so it is simply run again; a write may have been committed.
        if (operation === 'transaction' && classification.reason === 'connection-lost') {
          throw new DatabaseError(operation, error, {
            code: classification.code,
            outcomeUnknown: true,
          });
        }
        throw error;
      }
      return result;
    } finally {
      await queryRunner.release().catch(() => undefined);
    }
  }
}
