/** What the drivers put on a connection error; every field may be missing. */
interface ConnectionErrorFields {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly message?: unknown;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);
/** PostgreSQL SQLSTATEs and MySQL error names of a refused login. */
const LOGIN_REFUSED = new Set([
  '28P01',
  '28000',
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
]);
/** PostgreSQL SQLSTATE and MySQL error name of a database that does not exist. */
const NO_SUCH_DATABASE = new Set(['3D000', 'ER_BAD_DB_ERROR']);

/**
 * One sentence (no final period) saying why a database could not be opened and what to check,
 * from the driver's error: unreachable server, refused login, missing database, or the driver's
 * own message. Pure; never throws.
 */
export function describeConnectionFailure(error: unknown): string {
  const fields = (
    typeof error === 'object' && error !== null ? error : {}
  ) as ConnectionErrorFields;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  if (code && UNREACHABLE.has(code)) {
    return `the server did not answer (${code}: ${message}); check that it runs and that host and port are right`;
  }
  if (code && LOGIN_REFUSED.has(code)) {
    return `the server refused the login (${code}: ${message}); check the user name and password`;
  }
  if (code && NO_SUCH_DATABASE.has(code)) {
    return `the database does not exist (${code}: ${message}); create it first`;
  }
  if (/timeout/i.test(message)) {
    return `connecting timed out (${message}); check that the server runs and is reachable`;
  }
  return code ? `${message} (${code})` : message;
}
