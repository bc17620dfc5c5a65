import { NotAnMl2tsDatabaseError } from './errors/not-an-ml2ts-database-error';
import { SchemaVersionMismatchError } from './errors/schema-version-mismatch-error';

/**
 * Compares the migrations a database records (oldest first) with the ones this code knows, and
 * throws unless they are the same: `NotAnMl2tsDatabaseError` when it records none of ml2ts's,
 * `SchemaVersionMismatchError` (`newer`) when it records one this code does not know,
 * (`older`) when one of the code's is missing. Pure; `database` only names it in the message.
 */
export function checkRecordedMigrations(
  database: string,
  recorded: readonly string[],
  known: readonly string[],
): void {
  if (recorded.length === 0) {
    throw new NotAnMl2tsDatabaseError(database, 'its migrations table records no ml2ts migration');
  }
  if (!recorded.some((name) => known.includes(name))) {
    throw new NotAnMl2tsDatabaseError(
      database,
      `its migrations table records ${recorded.join(', ')}, none of them ml2ts's`,
    );
  }
  const unknown = recorded.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new SchemaVersionMismatchError(database, 'newer', unknown);
  const pending = known.filter((name) => !recorded.includes(name));
  if (pending.length > 0) throw new SchemaVersionMismatchError(database, 'older', pending);
}
