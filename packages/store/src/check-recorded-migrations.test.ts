import { checkRecordedMigrations } from './check-recorded-migrations';
import { NotAnMl2tsDatabaseError } from './errors/not-an-ml2ts-database-error';
import { SchemaVersionMismatchError } from './errors/schema-version-mismatch-error';

const KNOWN = ['InitialSchema1', 'AddTraces2'];

describe('checkRecordedMigrations', () => {
  it('accepts exactly the known migrations', () => {
    expect(() => checkRecordedMigrations('db', KNOWN, KNOWN)).not.toThrow();
  });

  it('calls an empty record or a foreign one not an ml2ts database', () => {
    expect(() => checkRecordedMigrations('db', [], KNOWN)).toThrow(NotAnMl2tsDatabaseError);
    expect(() => checkRecordedMigrations('db', ['Invoices1'], KNOWN)).toThrow(
      NotAnMl2tsDatabaseError,
    );
  });

  it('calls a schema with an unknown migration newer, naming it', () => {
    const check = () => checkRecordedMigrations('db', [...KNOWN, 'Future3'], KNOWN);
    expect(check).toThrow(SchemaVersionMismatchError);
    expect(check).toThrow(/newer ml2ts \(unknown migrations: Future3\)/);
  });

  it('calls a schema missing a known migration older, saying to run ml2ts migrate', () => {
    const check = () => checkRecordedMigrations('db', ['InitialSchema1'], KNOWN);
    expect(check).toThrow(SchemaVersionMismatchError);
    expect(check).toThrow(/pending migrations: AddTraces2\); run `ml2ts migrate`/);
  });
});
