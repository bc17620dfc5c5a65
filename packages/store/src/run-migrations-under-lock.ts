import { createHash } from 'node:crypto';
import { type DataSource, MigrationExecutor, type QueryRunner } from 'typeorm';
import { beginTransaction, rollbackQuietly } from './begin-transaction';
import { classifyDatabaseError } from './classify-database-error';
import { MigrationLockTimeoutError } from './errors/migration-lock-timeout-error';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { withDatabaseRetry } from './with-database-retry';

/**
 * The key of the PostgreSQL advisory lock ml2ts migrates under (advisory locks belong to one
 * database, so databases on one server do not wait for each other). "ml2ts" in ASCII.
 */
export const POSTGRES_MIGRATION_LOCK_KEY = '469966681203';

/** How long `openStore` waits for another process's migration lock when not told otherwise. */
export const DEFAULT_MIGRATION_LOCK_TIMEOUT_MS = 300_000;

/** How `runMigrationsUnderLock` waits for the lock. */
export interface MigrationLockOptions {
  /** The database URL without password, for error messages. */
  readonly redactedUrl: string;
  /** Longest wait for another process's lock (PostgreSQL, MySQL). Default 300000. */
  readonly lockTimeoutMs?: number;
  /** SQLite: how `BEGIN IMMEDIATE` is retried while the database is busy. */
  readonly retry?: RetryPolicy;
}

/**
 * Brings the schema of an initialized data source up to date, holding a database-wide lock so
 * that processes starting together on one database migrate it once: the first migrates, the
 * others wait, then find nothing left to do. Resolves with the names of the migrations this call
 * ran (none when the schema was current).
 *
 * - PostgreSQL: `pg_advisory_lock(POSTGRES_MIGRATION_LOCK_KEY)` on one connection, which also runs
 *   the migrations, all in one transaction (PostgreSQL's DDL is transactional).
 * - MySQL/MariaDB: `GET_LOCK('ml2ts_migrations:<database>', ...)` likewise; MySQL commits each
 *   DDL statement itself, so a failing migration leaves the statements before it applied.
 * - SQLite: the write lock (`BEGIN IMMEDIATE`, retried per `retry` while busy), with every
 *   pending migration in that one transaction.
 *
 * Blocks while it waits and migrates. Rejects with `MigrationLockTimeoutError` when another
 * process held the lock longer than `lockTimeoutMs`, with `DatabaseBusyError` when SQLite stayed
 * busy, or with the failing migration's own error (its transaction rolled back).
 */
export async function runMigrationsUnderLock(
  dataSource: DataSource,
  options: MigrationLockOptions,
): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner('master');
  try {
    switch (dataSource.options.type) {
      case 'better-sqlite3':
        return await underSqliteWriteLock(queryRunner, options);
      case 'postgres':
        return await underPostgresAdvisoryLock(queryRunner, options);
      default:
        return await underMysqlNamedLock(queryRunner, options);
    }
  } finally {
    await queryRunner.release();
  }
}

/** Runs the pending migrations on `queryRunner`, all in one transaction (or in the open one). */
async function executePendingMigrations(queryRunner: QueryRunner): Promise<string[]> {
  const executor = new MigrationExecutor(queryRunner.connection, queryRunner);
  executor.transaction = 'all';
  const executed = await executor.executePendingMigrations();
  return executed.map((migration) => migration.name);
}

async function underSqliteWriteLock(
  queryRunner: QueryRunner,
  options: MigrationLockOptions,
): Promise<string[]> {
  // Foreign keys off while tables are rebuilt (TypeORM's own migration set-up), back on after.
  await queryRunner.beforeMigration();
  try {
    await withDatabaseRetry(
      'migration',
      () => beginTransaction(queryRunner, 'BEGIN IMMEDIATE'),
      options.retry ?? DEFAULT_RETRY_POLICY,
    );
    try {
      const executed = await executePendingMigrations(queryRunner);
      await queryRunner.commitTransaction();
      return executed;
    } catch (error) {
      await rollbackQuietly(queryRunner);
      throw error;
    }
  } finally {
    await queryRunner.afterMigration();
  }
}

async function underPostgresAdvisoryLock(
  queryRunner: QueryRunner,
  options: MigrationLockOptions,
): Promise<string[]> {
  const timeoutMs = options.lockTimeoutMs ?? DEFAULT_MIGRATION_LOCK_TIMEOUT_MS;
  await queryRunner.query(`SET lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [POSTGRES_MIGRATION_LOCK_KEY]);
  } catch (error) {
    if (classifyDatabaseError(error).reason === 'lock-timeout') {
      throw new MigrationLockTimeoutError(options.redactedUrl, timeoutMs, error);
    }
    throw error;
  } finally {
    await queryRunner.query('RESET lock_timeout');
  }
  try {
    return await executePendingMigrations(queryRunner);
  } finally {
    await queryRunner.query('SELECT pg_advisory_unlock($1)', [POSTGRES_MIGRATION_LOCK_KEY]);
  }
}

/**
 * The MySQL lock name for one database: named locks are server-wide, and names longer than 64
 * characters are refused, so a long database name is replaced by its hash.
 */
export function mysqlMigrationLockName(database: string): string {
  const name = `ml2ts_migrations:${database}`;
  if (name.length <= 64) return name;
  return `ml2ts_migrations:${createHash('sha256').update(database).digest('hex').slice(0, 40)}`;
}

async function underMysqlNamedLock(
  queryRunner: QueryRunner,
  options: MigrationLockOptions,
): Promise<string[]> {
  const timeoutMs = options.lockTimeoutMs ?? DEFAULT_MIGRATION_LOCK_TIMEOUT_MS;
  const [{ database }] = (await queryRunner.query('SELECT DATABASE() AS `database`')) as {
    database: string;
  }[];
  const lockName = mysqlMigrationLockName(database);
  const [{ acquired }] = (await queryRunner.query('SELECT GET_LOCK(?, ?) AS acquired', [
    lockName,
    Math.max(1, Math.ceil(timeoutMs / 1000)),
  ])) as { acquired: unknown }[];
  if (Number(acquired) !== 1) {
    throw new MigrationLockTimeoutError(options.redactedUrl, timeoutMs);
  }
  try {
    return await executePendingMigrations(queryRunner);
  } finally {
    await queryRunner.query('SELECT RELEASE_LOCK(?)', [lockName]);
  }
}
