import { DataSource, type QueryRunner } from 'typeorm';
import {
  type MigrationClass,
  migrationsFor,
  MIGRATIONS,
  MYSQL_MIGRATIONS,
  POSTGRES_MIGRATIONS,
  SQLITE_MIGRATIONS,
} from './index';

const TIMESTAMP_SUFFIX = /(\d{13})$/;

function timestampOf(name: string): number {
  const match = TIMESTAMP_SUFFIX.exec(name);
  if (!match) throw new Error(`migration name ${name} does not end with a 13-digit timestamp`);
  return Number(match[1]);
}

describe('MIGRATIONS', () => {
  it('lists migrations oldest first, each named after its class with a unique timestamp', () => {
    const names = MIGRATIONS.map((migration) => new migration().name ?? '');
    const timestamps = names.map(timestampOf);

    expect(names).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    expect(new Set(timestamps).size).toBe(timestamps.length);
  });

  describe('on an empty SQLite database', () => {
    let dataSource: DataSource;

    beforeEach(async () => {
      dataSource = new DataSource({
        type: 'better-sqlite3',
        database: ':memory:',
        migrations: [...MIGRATIONS],
      });
      await dataSource.initialize();
    });

    afterEach(async () => {
      await dataSource.destroy();
    });

    async function schemaObjects(): Promise<string[]> {
      const rows: { name: string }[] = await dataSource.query(
        `SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY name`,
      );
      return rows.map((row) => row.name);
    }

    it('runs every migration up and records it', async () => {
      await dataSource.runMigrations({ transaction: 'all' });

      expect(await schemaObjects()).toEqual(
        expect.arrayContaining(['networks', 'ports', 'ml2_port_bindings', 'ix_agents_host']),
      );
      const recorded: { name: string }[] = await dataSource.query(
        'SELECT name FROM migrations ORDER BY id',
      );
      expect(recorded.map((row) => row.name)).toEqual(MIGRATIONS.map((m) => m.name));
    });

    it('runs every migration down again to an empty schema', async () => {
      await dataSource.runMigrations({ transaction: 'all' });
      for (let undone = 0; undone < MIGRATIONS.length; undone += 1) {
        await dataSource.undoLastMigration({ transaction: 'all' });
      }

      expect(await schemaObjects()).toEqual([]);
    });
  });

  it('refuses to run its SQLite DDL on another kind of database', async () => {
    const queries: string[] = [];
    const postgresRunner = {
      dataSource: { options: { type: 'postgres' } },
      query: async (sql: string) => {
        queries.push(sql);
      },
    } as unknown as QueryRunner;

    for (const migration of MIGRATIONS) {
      await expect(new migration().up(postgresRunner)).rejects.toThrow(/SQLite.*"postgres"/);
    }
    expect(queries).toEqual([]);
  });
});

/** A query runner of a data source of `type` that records what it is asked to run. */
function recordingRunner(type: string, queries: string[]): QueryRunner {
  return {
    dataSource: { options: { type } },
    query: async (sql: string) => {
      queries.push(sql);
    },
  } as unknown as QueryRunner;
}

describe.each([
  ['SQLite', 'sqlite', SQLITE_MIGRATIONS, ['better-sqlite3'], ['postgres', 'mysql', 'mariadb']],
  ['PostgreSQL', 'postgres', POSTGRES_MIGRATIONS, ['postgres'], ['better-sqlite3', 'mysql']],
  ['MySQL', 'mysql', MYSQL_MIGRATIONS, ['mysql', 'mariadb'], ['better-sqlite3', 'postgres']],
] as const)('the %s history', (_label, dialect, history, runsOn, refuses) => {
  it('is what migrationsFor gives, oldest first, each named after its class', () => {
    const names = history.map((migration: MigrationClass) => new migration().name ?? '');
    const timestamps = names.map(timestampOf);

    expect(migrationsFor(dialect)).toBe(history);
    expect(names).toEqual(history.map((migration: MigrationClass) => migration.name));
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
  });

  it('has a migration for every schema version the SQLite history has', () => {
    const versions = (list: readonly MigrationClass[]) =>
      list.map((migration) => timestampOf(migration.name));

    expect(versions(history)).toEqual(versions(MIGRATIONS));
  });

  it.each(refuses)('refuses to run on a "%s" database, running nothing', async (type) => {
    const queries: string[] = [];
    for (const migration of history) {
      await expect(new migration().up(recordingRunner(type, queries))).rejects.toThrow(
        new RegExp(`cannot run on a "${type}" database`),
      );
      await expect(new migration().down(recordingRunner(type, queries))).rejects.toThrow(
        /cannot run on a/,
      );
    }
    expect(queries).toEqual([]);
  });

  it.each(runsOn)('runs its DDL on a "%s" database', async (type) => {
    const queries: string[] = [];
    for (const migration of history) await new migration().up(recordingRunner(type, queries));

    expect(queries.length).toBeGreaterThan(0);
  });
});
