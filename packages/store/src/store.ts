import { type DataSource, type EntityManager } from 'typeorm';

/**
 * The unit-of-work boundary of ml2ts. All database access goes through one of its two methods.
 * On SQLite (`SqliteStore`) units run one at a time in call order (one writer, and better-sqlite3
 * has one connection); on PostgreSQL and MySQL/MariaDB (`PooledStore`) they run concurrently,
 * each on a connection of its own from a pool. Either way a unit never sees another unit's
 * uncommitted rows.
 *
 * Transient database errors (deadlock, serialization failure, lock wait timeout, SQLite's busy
 * lock, a connection lost before the commit) make the store roll the unit back completely and
 * run it again, with back-off, a bounded number of times: `work` may therefore run more than
 * once, and must touch the database only through the manager it is given and do nothing else it
 * could not repeat (no messages sent, no counters bumped outside the database).
 */
export interface Store {
  /** The underlying TypeORM data source (schema owner). Prefer `transaction` and `read`. */
  readonly dataSource: DataSource;

  /**
   * Runs `work` in one write transaction: everything it wrote is committed when it resolves, and
   * nothing when it throws. Errors of `work` that are `Ml2Error`s, or not database errors at all,
   * are re-thrown unchanged; when the database stayed busy through every attempt it rejects with
   * `DatabaseBusyError` (503, retryable), and any other database error comes as `DatabaseError`
   * (500, the driver's error as `cause`). Calling `transaction` or `read` from inside `work`
   * throws `NestedUnitOfWorkError` instead of deadlocking: pass the manager on. Inside `work`,
   * `manager.transaction(...)` opens a savepoint: a statement that fails there can be caught
   * without losing the rest of the unit (PostgreSQL aborts the whole transaction otherwise).
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;

  /**
   * Runs `work` with a manager for reads. Must not write. Retried and rejected like
   * `transaction`.
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;

  /** Waits for queued and running work, then closes the database. Further calls reject. */
  close(): Promise<void>;
}
