import { QueryFailedError } from 'typeorm';

/** Driver error codes that mean "duplicate key": SQLite, PostgreSQL, MySQL. */
const DUPLICATE_KEY_CODES: ReadonlySet<string> = new Set([
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_CONSTRAINT_UNIQUE',
  '23505',
  'ER_DUP_ENTRY',
]);

/**
 * True when `error` is the database refusing a row because a primary key or unique constraint
 * already holds its key. Pure; never throws.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && DUPLICATE_KEY_CODES.has(code);
}
