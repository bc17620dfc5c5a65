/** Driver error codes that mean "duplicate key": SQLite (better-sqlite3), PostgreSQL, MySQL/MariaDB. */
const DUPLICATE_KEY_CODES: ReadonlySet<string> = new Set([
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_CONSTRAINT_UNIQUE',
  '23505',
  'ER_DUP_ENTRY',
]);

/** MySQL's and MariaDB's error number for a duplicate key (`ER_DUP_ENTRY`). */
const MYSQL_DUPLICATE_ENTRY_ERRNO = 1062;

/** SQLite drivers that report only the primary code put the constraint kind in the message. */
const SQLITE_DUPLICATE_MESSAGE = /UNIQUE constraint failed|PRIMARY KEY must be unique/;

/** The fields of a driver error that tell a duplicate key apart. */
interface DriverErrorFields {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly message?: unknown;
}

/** How many wrappers (`driverError`, `cause`) deep a duplicate key is looked for. */
const MAX_WRAPPING_DEPTH = 4;

/**
 * True when `error` is the database refusing a row because a primary key or unique constraint
 * already holds its key: SQLite (`SQLITE_CONSTRAINT_PRIMARYKEY` / `_UNIQUE`), PostgreSQL
 * (SQLSTATE `23505`), MySQL and MariaDB (errno 1062, `ER_DUP_ENTRY`). Recognises the driver's
 * own error and errors wrapping it: TypeORM's `QueryFailedError` (`driverError`) and errors
 * carrying it as `cause`, a few levels deep. Other constraint failures (foreign key, not null,
 * check) are not duplicates. Pure; never throws.
 */
export function isUniqueViolation(error: unknown): boolean {
  return holdsDuplicateKey(error, 0);
}

function holdsDuplicateKey(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_WRAPPING_DEPTH) return false;
  const { driverError, cause } = error as { driverError?: unknown; cause?: unknown };
  return (
    isDuplicateKey(error as DriverErrorFields) ||
    holdsDuplicateKey(driverError, depth + 1) ||
    holdsDuplicateKey(cause, depth + 1)
  );
}

function isDuplicateKey({ code, errno, message }: DriverErrorFields): boolean {
  if (typeof code === 'string' && DUPLICATE_KEY_CODES.has(code)) return true;
  if (errno === MYSQL_DUPLICATE_ENTRY_ERRNO) return true;
  return (
    code === 'SQLITE_CONSTRAINT' &&
    typeof message === 'string' &&
    SQLITE_DUPLICATE_MESSAGE.test(message)
  );
}
