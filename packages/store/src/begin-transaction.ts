import { type QueryRunner } from 'typeorm';

/** The transaction bookkeeping TypeORM keeps on every query runner. */
interface TransactionBookkeeping {
  isTransactionActive: boolean;
  transactionDepth: number;
}

/**
 * Opens a transaction on `queryRunner` with a BEGIN statement of the store's choosing
 * (`BEGIN IMMEDIATE` on SQLite, `BEGIN ISOLATION LEVEL READ COMMITTED` on PostgreSQL, a read-only
 * start for reads), which TypeORM's `startTransaction` cannot issue, and records it in TypeORM's
 * own bookkeeping, exactly as `startTransaction` would have: `commitTransaction` and
 * `rollbackTransaction` then end it, and `manager.transaction(...)` inside it opens a SAVEPOINT.
 *
 * Runs `statement` on the runner's connection, so it may block as that statement does (SQLite's
 * `BEGIN IMMEDIATE` waits up to the busy timeout for another connection's write lock). A throw
 * means the statement failed and no transaction is open. Throws `Error` if one already is.
 */
export async function beginTransaction(queryRunner: QueryRunner, statement: string): Promise<void> {
  if (queryRunner.isTransactionActive) {
    throw new Error('beginTransaction: a transaction is already open on this query runner');
  }
  await queryRunner.query(statement);
  const bookkeeping = queryRunner as unknown as TransactionBookkeeping;
  bookkeeping.isTransactionActive = true;
  bookkeeping.transactionDepth = 1;
}

/**
 * Rolls back the whole transaction open on `queryRunner`, if any (savepoints a unit left open
 * included), ignoring a failure: a lost connection rolls back on the server anyway, and on error
 * paths the original error is what matters. Never throws.
 */
export async function rollbackQuietly(queryRunner: QueryRunner): Promise<void> {
  const bookkeeping = queryRunner as unknown as TransactionBookkeeping;
  try {
    // Each call undoes one level: savepoints first, then the transaction itself.
    for (let level = 0; queryRunner.isTransactionActive && level < 64; level += 1) {
      await queryRunner.rollbackTransaction();
    }
  } catch {
    // Fall through: the bookkeeping is reset below.
  }
  if (queryRunner.isTransactionActive) {
    bookkeeping.isTransactionActive = false;
    bookkeeping.transactionDepth = 0;
  }
}
