import pg from 'pg';

/** PostgreSQL's type OID of `timestamp without time zone`. */
const TIMESTAMP_OID = 1114;

const TIMESTAMP_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(\.\d{1,3})?\d*$/;

/** Reads a `timestamp` column value as UTC (the store writes UTC), to the millisecond. */
function parseUtcTimestamp(text: string): Date | string {
  const match = TIMESTAMP_TEXT.exec(text);
  if (!match) return pg.types.getTypeParser(TIMESTAMP_OID, 'text')(text) as Date | string;
  return new Date(`${match[1]}T${match[2]}${match[3] ?? ''}Z`);
}

/**
 * The `types` of a `pg` client of the store: `timestamp without time zone` values are read as UTC
 * instead of the process's local time; every other type parses as `pg` does by default.
 */
export const UTC_TIMESTAMP_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === TIMESTAMP_OID && format !== 'binary') return parseUtcTimestamp;
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

/**
 * Makes `pg` send `Date` parameters as UTC: the store's `timestamp` columns hold UTC, as SQLite's
 * and MySQL's do, whatever the time zone of the process. `pg` offers this only as a
 * process-wide default, which the store sets when it builds a PostgreSQL data source; nothing
 * else in ml2ts uses `pg`. Idempotent.
 */
export function sendDatesAsUtc(): void {
  pg.defaults.parseInputDatesAsUTC = true;
}
