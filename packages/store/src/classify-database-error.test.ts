import Database from 'better-sqlite3';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import {
  classifyDatabaseError,
  isRetryableDatabaseError,
  isUniqueViolation,
} from './classify-database-error';
import { DatabaseError } from './errors/database-error';

/** A `pg` server error with a SQLSTATE, as the driver builds it. */
function postgresError(code: string, message = 'server error'): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = 'ERROR';
  return error;
}

/** A `mysql2` server error: errno, symbolic code and SQLSTATE. */
function mysqlError(errno: number, code: string, sqlState = 'HY000'): Error {
  return Object.assign(new Error(`${code}: server error`), {
    errno,
    code,
    sqlState,
    sqlMessage: 'x',
  });
}

/** A TypeORM query failure around a driver error, as every manager call reports it. */
function wrapped(driverError: Error): QueryFailedError {
  return new QueryFailedError('UPDATE t SET x = 1', [], driverError);
}

describe('classifyDatabaseError', () => {
  it.each([
    ['40P01', 'deadlock'],
    ['40001', 'serialization-failure'],
    ['55P03', 'lock-timeout'],
    ['08006', 'connection-lost'],
    ['08003', 'connection-lost'],
    ['57P01', 'connection-lost'],
  ])('reads PostgreSQL %s as retryable: %s', (code, reason) => {
    for (const error of [postgresError(code), wrapped(postgresError(code))]) {
      expect(classifyDatabaseError(error)).toEqual({
        kind: 'retryable',
        reason,
        code,
        fromDatabase: true,
      });
    }
  });

  it("reads pg's pool timing out for a free connection as busy, retryable", () => {
    const timeout = new Error('timeout exceeded when trying to connect');
    for (const error of [timeout, new Error('wrapped', { cause: timeout })]) {
      expect(classifyDatabaseError(error)).toEqual({
        kind: 'retryable',
        reason: 'busy',
        code: 'POOL_TIMEOUT',
        fromDatabase: true,
      });
    }
  });

  it.each([
    [1213, 'ER_LOCK_DEADLOCK', 'deadlock'],
    [1205, 'ER_LOCK_WAIT_TIMEOUT', 'lock-timeout'],
    [1020, 'ER_CHECKREAD', 'serialization-failure'],
    [4031, 'ER_CLIENT_INTERACTION_TIMEOUT', 'connection-lost'],
    [2013, 'CR_SERVER_LOST', 'connection-lost'],
  ])('reads MySQL %s %s as retryable: %s', (errno, code, reason) => {
    for (const error of [mysqlError(errno, code), wrapped(mysqlError(errno, code))]) {
      expect(classifyDatabaseError(error)).toMatchObject({ kind: 'retryable', reason, code });
    }
  });

  it.each(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE'])(
    'reads SQLite %s as retryable: busy',
    (code) => {
      const error = new Database.SqliteError('database is locked', code);
      expect(classifyDatabaseError(error)).toMatchObject({
        kind: 'retryable',
        reason: 'busy',
        code,
      });
      expect(isRetryableDatabaseError(wrapped(error))).toBe(true);
    },
  );

  it.each([
    ['a socket reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })],
    ['pg losing the server', new Error('Connection terminated unexpectedly')],
    [
      'TypeORM releasing a connection that failed',
      Object.assign(new Error('connection was already released'), {
        name: 'QueryRunnerProviderAlreadyReleasedError',
      }),
    ],
    [
      'mysql2 losing the server',
      Object.assign(new Error('Connection lost: The server closed the connection.'), {
        code: 'PROTOCOL_CONNECTION_LOST',
        fatal: true,
      }),
    ],
  ])('reads %s as a lost connection', (_what, error) => {
    expect(classifyDatabaseError(error)).toMatchObject({
      kind: 'retryable',
      reason: 'connection-lost',
    });
  });

  it('reads unique violations of all three dialects, raw, wrapped, or inside a DatabaseError', () => {
    const violations = [
      postgresError('23505', 'duplicate key value violates unique constraint'),
      mysqlError(1062, 'ER_DUP_ENTRY', '23000'),
      new Database.SqliteError(
        'UNIQUE constraint failed: networks.id',
        'SQLITE_CONSTRAINT_PRIMARYKEY',
      ),
      new Database.SqliteError('UNIQUE constraint failed: ports.x', 'SQLITE_CONSTRAINT_UNIQUE'),
    ];
    for (const violation of violations) {
      for (const error of [
        violation,
        wrapped(violation),
        new DatabaseError('transaction', wrapped(violation)),
      ]) {
        expect(isUniqueViolation(error)).toBe(true);
        expect(classifyDatabaseError(error)).toMatchObject({
          kind: 'unique-violation',
          reason: 'unique-violation',
          fromDatabase: true,
        });
      }
    }
  });

  it('reads other database refusals as other, from the database, with their code', () => {
    const refusals = [
      [postgresError('23503', 'violates foreign key constraint'), '23503'],
      [mysqlError(1452, 'ER_NO_REFERENCED_ROW_2', '23000'), 'ER_NO_REFERENCED_ROW_2'],
      [
        new Database.SqliteError('FOREIGN KEY constraint failed', 'SQLITE_CONSTRAINT_FOREIGNKEY'),
        'SQLITE_CONSTRAINT_FOREIGNKEY',
      ],
      [wrapped(postgresError('42P01', 'relation "x" does not exist')), '42P01'],
    ] as const;
    for (const [error, code] of refusals) {
      expect(classifyDatabaseError(error)).toEqual({
        kind: 'other',
        reason: 'other',
        code,
        fromDatabase: true,
      });
      expect(isUniqueViolation(error)).toBe(false);
      expect(isRetryableDatabaseError(error)).toBe(false);
    }
  });

  it('reads errors that did not come from a database as not-a-database-error', () => {
    for (const error of [
      new Error('boom'),
      new TypeError('x is undefined'),
      'a string',
      null,
      42,
    ]) {
      expect(classifyDatabaseError(error)).toEqual({
        kind: 'other',
        reason: 'not-a-database-error',
        code: undefined,
        fromDatabase: false,
      });
    }
  });

  it('follows cause chains, but not forever', () => {
    const cyclic: Error & { cause?: unknown } = new Error('outer');
    cyclic.cause = cyclic;
    expect(classifyDatabaseError(cyclic).reason).toBe('not-a-database-error');
    expect(
      classifyDatabaseError(new Error('wrapper', { cause: postgresError('40P01') })).reason,
    ).toBe('deadlock');
  });
});
