/**
 * Why a database statement failed, as far as the store's retry logic cares:
 *
 * - `deadlock`, `serialization-failure`, `lock-timeout`, `busy` and `connection-lost` are
 *   transient: the database rolled the statement (and on a server, usually the whole
 *   transaction) back, and running the whole unit of work again may succeed;
 * - `unique-violation`: a primary key or unique constraint already holds the key;
 * - `other`: anything else the database or its driver reported (not retried);
 * - `not-a-database-error`: the error did not come from the database at all.
 */
export type DatabaseErrorReason =
  | 'deadlock'
  | 'serialization-failure'
  | 'lock-timeout'
  | 'busy'
  | 'connection-lost'
  | 'unique-violation'
  | 'other'
  | 'not-a-database-error';

/** The store's reading of an error thrown by TypeORM or by a database driver. */
export interface DatabaseErrorClassification {
  /**
   * `retryable` for the transient reasons, `unique-violation`, or `other` (which includes errors
   * that are not from the database: see `fromDatabase`).
   */
  readonly kind: 'retryable' | 'unique-violation' | 'other';
  readonly reason: DatabaseErrorReason;
  /**
   * The driver's code: PostgreSQL's SQLSTATE (`40P01`), MySQL's error name or number
   * (`ER_LOCK_DEADLOCK`, `1213`), SQLite's extended code (`SQLITE_BUSY`), a socket's `ECONNRESET`.
   */
  readonly code: string | undefined;
  /** False when nothing in the error (or its causes) came from a database driver or TypeORM. */
  readonly fromDatabase: boolean;
}

/** What the drivers put on their errors; every field may be missing. */
/** How SQLite words a duplicate key when only the primary result code is given. */
const SQLITE_DUPLICATE_MESSAGE = /UNIQUE constraint failed|PRIMARY KEY must be unique/;

interface DriverErrorFields {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly sqlState?: unknown;
  readonly severity?: unknown;
  readonly message?: unknown;
  readonly fatal?: unknown;
  readonly driverError?: unknown;
  readonly cause?: unknown;
}

/** PostgreSQL SQLSTATEs, by reason. Class 08 (connection exception) is matched as a class. */
const POSTGRES_CODES: Readonly<Record<string, DatabaseErrorReason>> = {
  '40P01': 'deadlock',
  '40001': 'serialization-failure',
  '55P03': 'lock-timeout',
  '57P01': 'connection-lost', // admin_shutdown
  '57P02': 'connection-lost', // crash_shutdown
  '57P03': 'connection-lost', // cannot_connect_now (starting up, in recovery)
  '23505': 'unique-violation',
};

/** MySQL and MariaDB error numbers, by reason. */
const MYSQL_ERRNOS: Readonly<Record<number, DatabaseErrorReason>> = {
  1213: 'deadlock', // ER_LOCK_DEADLOCK
  1205: 'lock-timeout', // ER_LOCK_WAIT_TIMEOUT
  1020: 'serialization-failure', // ER_CHECKREAD: record changed since last read (MariaDB, Galera)
  1180: 'serialization-failure', // ER_ERROR_DURING_COMMIT (Galera certification failure)
  4031: 'connection-lost', // ER_CLIENT_INTERACTION_TIMEOUT: the server closed an idle connection
  1927: 'connection-lost', // ER_CONNECTION_KILLED (MariaDB)
  1053: 'connection-lost', // ER_SERVER_SHUTDOWN
  2006: 'connection-lost', // CR_SERVER_GONE_ERROR
  2013: 'connection-lost', // CR_SERVER_LOST
  1062: 'unique-violation', // ER_DUP_ENTRY
  1586: 'unique-violation', // ER_DUP_ENTRY_WITH_KEY_NAME
};

/** Driver and socket codes (strings) that mean the connection is gone or cannot be made. */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CLIENT_INTERACTION_TIMEOUT',
]);

/** Messages of `pg` and `mysql2` errors that carry no code but mean the connection is gone. */
const CONNECTION_LOST_MESSAGES =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|Can't add new command when connection is in closed state|Connection lost: The server closed the connection/i;

/**
 * Classifies an error thrown while using the database, on all three dialects, looking through
 * TypeORM's `QueryFailedError` (its `driverError`) and through `cause` chains (a `DatabaseError`
 * of the store included):
 *
 * - PostgreSQL: 40P01 deadlock, 40001 serialization failure, 55P03 lock not available, class 08
 *   and 57P01-57P03 connection lost, 23505 unique violation; the pool's timeout waiting for a
 *   free connection as busy;
 * - MySQL/MariaDB: 1213 deadlock, 1205 lock wait timeout, 1020 record changed (MariaDB, Galera),
 *   4031/2006/2013/1927/1053 and lost sockets: connection lost, 1062 duplicate entry;
 * - SQLite: `SQLITE_BUSY*` busy, `SQLITE_LOCKED*` locked (as busy),
 *   `SQLITE_CONSTRAINT_UNIQUE`/`_PRIMARYKEY` unique violation.
 *
 * Pure; never throws.
 */
export function classifyDatabaseError(error: unknown): DatabaseErrorClassification {
  let fromDatabase = false;
  for (const candidate of errorChain(error)) {
    const fields = candidate as DriverErrorFields;
    if (isDatabaseOriginated(fields)) fromDatabase = true;
    const found = reasonOf(fields);
    if (found) {
      return {
        kind: kindOf(found.reason),
        reason: found.reason,
        code: found.code,
        fromDatabase: true,
      };
    }
  }
  return {
    kind: 'other',
    reason: fromDatabase ? 'other' : 'not-a-database-error',
    code: fromDatabase ? codeOf(error) : undefined,
    fromDatabase,
  };
}

/**
 * True when `error` is the database refusing a row because a primary key or unique constraint
 * already holds its key, on SQLite (`SQLITE_CONSTRAINT_UNIQUE`, `_PRIMARYKEY`), PostgreSQL
 * (23505) and MySQL/MariaDB (1062), whether raw, wrapped by TypeORM's `QueryFailedError` or the
 * `cause` of the store's `DatabaseError`. Pure; never throws.
 */
export function isUniqueViolation(error: unknown): boolean {
  return classifyDatabaseError(error).kind === 'unique-violation';
}

/**
 * True when running the whole unit of work again may succeed: a deadlock, a serialization
 * failure, a lock wait that timed out, SQLite's busy or locked database, a lost connection.
 * Pure; never throws.
 */
export function isRetryableDatabaseError(error: unknown): boolean {
  return classifyDatabaseError(error).kind === 'retryable';
}

function kindOf(reason: DatabaseErrorReason): DatabaseErrorClassification['kind'] {
  if (reason === 'unique-violation') return 'unique-violation';
  if (reason === 'other' || reason === 'not-a-database-error') return 'other';
  return 'retryable';
}

/** The error, its TypeORM `driverError` and its `cause`s, outermost first (at most 8). */
function* errorChain(error: unknown): Generator<object> {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0 && seen.size < 8) {
    const current = pending.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    yield current;
    const fields = current as DriverErrorFields;
    pending.push(fields.driverError, fields.cause);
  }
}

/** What pg's pool rejects with when no connection came free within its connect timeout. */
const PG_POOL_TIMEOUT_MESSAGE = 'timeout exceeded when trying to connect';

function reasonOf(error: DriverErrorFields): { reason: DatabaseErrorReason; code: string } | null {
  const code = typeof error.code === 'string' ? error.code : undefined;
  // SQLite (better-sqlite3): extended result codes.
  if (code?.startsWith('SQLITE_')) {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return { reason: 'busy', code };
    }
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return { reason: 'unique-violation', code };
    }
    // A driver that reports only the primary code says which constraint in the message.
    if (code === 'SQLITE_CONSTRAINT' && typeof error.message === 'string') {
      if (SQLITE_DUPLICATE_MESSAGE.test(error.message)) return { reason: 'unique-violation', code };
    }
    return null;
  }
  // MySQL / MariaDB (mysql2): a numeric errno next to a symbolic code.
  if (
    typeof error.errno === 'number' &&
    (typeof error.sqlState === 'string' || code?.startsWith('ER_'))
  ) {
    const reason = MYSQL_ERRNOS[error.errno];
    if (reason) return { reason, code: code ?? String(error.errno) };
  }
  // PostgreSQL (pg): a five-character SQLSTATE.
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    const reason = POSTGRES_CODES[code] ?? (code.startsWith('08') ? 'connection-lost' : undefined);
    if (reason) return { reason, code };
  }
  if (code && CONNECTION_CODES.has(code)) {
    return { reason: 'connection-lost', code };
  }
  // pg's pool waited its whole connect timeout for a free connection: every pooled connection
  // stayed busy (or the server was slow to accept one). Waiting and trying again may succeed.
  if (typeof error.message === 'string' && error.message === PG_POOL_TIMEOUT_MESSAGE) {
    return { reason: 'busy', code: 'POOL_TIMEOUT' };
  }
  // TypeORM released the unit's PostgreSQL connection because the connection failed.
  if (error.name === 'QueryRunnerProviderAlreadyReleasedError') {
    return { reason: 'connection-lost', code: 'QUERY_RUNNER_RELEASED' };
  }
  if (typeof error.message === 'string' && CONNECTION_LOST_MESSAGES.test(error.message)) {
    return { reason: 'connection-lost', code: code ?? 'CONNECTION_LOST' };
  }
  return null;
}

/** Whether an error object carries the marks of a database driver or of TypeORM. */
function isDatabaseOriginated(error: DriverErrorFields): boolean {
  const name = typeof error.name === 'string' ? error.name : '';
  return (
    error.driverError !== undefined ||
    name === 'QueryFailedError' ||
    name === 'QueryRunnerProviderAlreadyReleasedError' ||
    name === 'SqliteError' ||
    (typeof error.severity === 'string' && typeof error.code === 'string') || // pg
    typeof error.sqlState === 'string' || // mysql2
    (typeof error.errno === 'number' &&
      typeof error.code === 'string' &&
      error.code.startsWith('ER_'))
  );
}

function codeOf(error: unknown): string | undefined {
  for (const candidate of errorChain(error)) {
    const fields = candidate as DriverErrorFields;
    if (typeof fields.code === 'string') return fields.code;
    if (typeof fields.errno === 'number') return String(fields.errno);
  }
  return undefined;
}
