import { fromSqliteDatetime, toSqliteDatetime } from '@ml2ts/store';

/** A nullable SQLite `datetime` column's value, as TypeORM would read it. Pure. */
export function fromOptionalSqliteDatetime(value: string | null): Date | null {
  return value === null ? null : fromSqliteDatetime(value);
}

/** A nullable SQLite `datetime` column's text, as TypeORM would write it. Pure. */
export function toOptionalSqliteDatetime(date: Date | null): string | null {
  return date === null ? null : toSqliteDatetime(date);
}
