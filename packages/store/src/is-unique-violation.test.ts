import { QueryFailedError } from 'typeorm';
import { isUniqueViolation } from './classify-database-error';

/** A driver error as the database client would throw it. */
function driverError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? 'database error')), fields);
}

function wrapped(fields: Record<string, unknown>): QueryFailedError {
  return new QueryFailedError('INSERT ...', [], driverError(fields));
}

describe('isUniqueViolation', () => {
  const duplicates: Array<[string, Record<string, unknown>]> = [
    ['SQLite primary key', { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }],
    ['SQLite unique index', { code: 'SQLITE_CONSTRAINT_UNIQUE' }],
    [
      'SQLite, primary code only',
      { code: 'SQLITE_CONSTRAINT', message: 'SQLITE_CONSTRAINT: UNIQUE constraint failed: t.id' },
    ],
    ['PostgreSQL', { code: '23505', message: 'duplicate key value violates unique constraint' }],
    ['MySQL', { code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000' }],
    ['MariaDB, errno only', { errno: 1062, sqlState: '23000' }],
  ];

  it.each(duplicates)('recognises a duplicate key of %s, wrapped or not', (_name, fields) => {
    expect(isUniqueViolation(wrapped(fields))).toBe(true);
    expect(isUniqueViolation(driverError(fields))).toBe(true);
  });

  const others: Array<[string, Record<string, unknown>]> = [
    ['SQLite foreign key', { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }],
    ['SQLite not null', { code: 'SQLITE_CONSTRAINT', message: 'NOT NULL constraint failed: t.x' }],
    ['PostgreSQL foreign key', { code: '23503' }],
    ['PostgreSQL serialization failure', { code: '40001' }],
    ['MySQL foreign key', { code: 'ER_NO_REFERENCED_ROW_2', errno: 1452, sqlState: '23000' }],
    ['MySQL lock timeout', { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }],
  ];

  it.each(others)('does not mistake a %s error for a duplicate', (_name, fields) => {
    expect(isUniqueViolation(wrapped(fields))).toBe(false);
    expect(isUniqueViolation(driverError(fields))).toBe(false);
  });

  it('finds a duplicate key carried as the cause of another error', () => {
    const duplicate = wrapped({ code: '23505' });
    expect(isUniqueViolation(new Error('unit failed', { cause: duplicate }))).toBe(true);
    const other = wrapped({ code: '23503' });
    expect(isUniqueViolation(new Error('unit failed', { cause: other }))).toBe(false);
  });

  it('is false for anything that is not a database error', () => {
    for (const value of [undefined, null, 'SQLITE_CONSTRAINT_UNIQUE', 23505, new Error('x'), {}]) {
      expect(isUniqueViolation(value)).toBe(false);
    }
  });
});
