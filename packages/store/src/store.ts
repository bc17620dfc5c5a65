import { type DataSource, type EntityManager } from 'typeorm';

/**
 * The unit-of-work boundary of ml2ts. All database access goes through one of its two methods,
 * which run one at a time in call order (SQLite has one writer, and better-sqlite3 one
 * connection): a read never sees another unit's uncommitted rows.
 */
export interface Store {
  /** The underlying TypeORM data source (schema owner). Prefer `transaction` and `read`. */
  readonly dataSource: DataSource;

  /**
   * Runs `work` in one write transaction: everything it wrote is committed when it resolves, and
   * nothing when it throws (the error is re-thrown unchanged). Calling `transaction` or `read`
   * from inside `work` throws `NestedUnitOfWorkError` instead of deadlocking: pass the manager on.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;

  /** Runs `work` with a manager for reads, queued like a transaction. Must not write. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;

  /** Waits for queued work, then closes the database. Further calls reject. */
  close(): Promise<void>;
}
