import { isUniqueViolation } from '@ml2ts/store';
import { type EntityManager, type QueryRunner } from 'typeorm';

/** Per connection: settles (never rejects) when its last queued savepoint section has finished. */
const sectionTails = new WeakMap<QueryRunner, Promise<unknown>>();

/**
 * Runs `work` inside a savepoint of the caller's transaction: when `work` throws, everything it
 * wrote is rolled back to the savepoint and the same error is re-thrown, while the caller's
 * transaction stays usable. This is what lets a caller treat an expected failure, such as a
 * duplicate key on an INSERT, as an answer: PostgreSQL aborts the whole transaction on any
 * failed statement unless it is rolled back to a savepoint first.
 *
 * Runs on the manager's query runner (TypeORM opens a nested transaction as a SAVEPOINT on
 * SQLite, PostgreSQL and MySQL). Without a query runner or without an active transaction there
 * is nothing to protect and `work` runs as is.
 *
 * Sections on one connection run one after another, even when a caller runs several units on
 * one manager at once: savepoints nest, and two interleaved sections would release or roll back
 * each other's. So `work` must not open a savepoint section itself (it would wait for itself),
 * and should be a few statements. May block only on the database. A throw is `work`'s error, or
 * the database's when the rollback to the savepoint failed (then the transaction is unusable).
 */
export function withSavepoint<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  const runner = manager.queryRunner;
  if (runner === undefined || !runner.isTransactionActive) return work();
  const previous = sectionTails.get(runner) ?? Promise.resolve();
  const section = previous.then(() => runInSavepoint(runner, work));
  sectionTails.set(
    runner,
    section.catch(() => undefined),
  );
  return section;
}

async function runInSavepoint<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
  await runner.startTransaction();
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
  await runner.commitTransaction();
  return result;
}

/**
 * Runs the INSERT `insert` in a savepoint (see `withSavepoint`): true when it went in, false
 * when a primary key or unique constraint refused it (the savepoint was rolled back and the
 * caller's transaction goes on). Any other error is re-thrown.
 */
export async function insertUnlessDuplicate(
  manager: EntityManager,
  insert: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await withSavepoint(manager, insert);
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
