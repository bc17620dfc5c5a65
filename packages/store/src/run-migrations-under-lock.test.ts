import { SQLITE_MIGRATIONS } from '@ml2ts/migrations';
import { createDataSource } from './data-source-factory';
import {
  mysqlMigrationLockName,
  POSTGRES_MIGRATION_LOCK_KEY,
  runMigrationsUnderLock,
} from './run-migrations-under-lock';

describe('runMigrationsUnderLock', () => {
  it('runs the pending migrations once and reports them; a second run finds none', async () => {
    const dataSource = createDataSource({ database: ':memory:' });
    await dataSource.initialize();
    try {
      const options = { redactedUrl: 'sqlite://' };

      expect(await runMigrationsUnderLock(dataSource, options)).toEqual(
        SQLITE_MIGRATIONS.map((migration) => migration.name),
      );
      expect(await runMigrationsUnderLock(dataSource, options)).toEqual([]);
      const [{ foreign_keys }] = await dataSource.query('PRAGMA foreign_keys');
      expect(foreign_keys).toBe(1);
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('the migration locks', () => {
  it('on PostgreSQL: one advisory lock key, "ml2ts" in ASCII', () => {
    expect(BigInt(POSTGRES_MIGRATION_LOCK_KEY)).toBe(
      BigInt('0x' + Buffer.from('ml2ts').toString('hex')),
    );
  });

  it('on MySQL: one named lock per database, never longer than MySQL allows', () => {
    const long = 'x'.repeat(64);

    expect(mysqlMigrationLockName('neutron')).toBe('ml2ts_migrations:neutron');
    expect(mysqlMigrationLockName(long)).toMatch(/^ml2ts_migrations:[0-9a-f]{40}$/);
    expect(mysqlMigrationLockName(long)).not.toBe(mysqlMigrationLockName(`${long}y`));
  });
});
