import type BetterSqlite3 from 'better-sqlite3';
import { type EntityManager } from 'typeorm';

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/**
 * The better-sqlite3 connection under a TypeORM manager. Only for use inside a unit of work of
 * the `Store` (which owns the single connection), for hot paths where TypeORM's per-call cost
 * matters: statements run synchronously inside the unit's transaction.
 */
export function rawConnection(manager: EntityManager): BetterSqlite3.Database {
  const driver = manager.connection.driver as unknown as {
    databaseConnection?: BetterSqlite3.Database;
  };
  if (!driver.databaseConnection) {
    throw new Error('rawConnection needs an initialized better-sqlite3 data source');
  }
  return driver.databaseConnection;
}

/** A prepared statement for `sql`, prepared once per connection and reused. */
export function preparedStatement(manager: EntityManager, sql: string): BetterSqlite3.Statement {
  const connection = rawConnection(manager);
  let cache = caches.get(connection);
  if (!cache) {
    cache = new Map();
    caches.set(connection, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * A date in the form TypeORM stores `datetime` columns in on SQLite (UTC,
 * `YYYY-MM-DD HH:MM:SS.SSS`), so rows written by raw statements read back through entities.
 */
export function toSqliteDatetime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** Parses a `datetime` column value written by TypeORM or `toSqliteDatetime`. */
export function fromSqliteDatetime(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}
