import { type DataSource } from 'typeorm';
import { MYSQL_MIGRATIONS, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '@ml2ts/migrations';
import {
  createDataSource,
  DEFAULT_BUSY_TIMEOUT_MS,
  DEFAULT_DATABASE_PATH,
  resolveDatabaseUrl,
} from './data-source-factory';
import { ENTITIES } from './entities';
import { DatabaseUrlError } from './errors/database-url-error';
import { StoreOptionError } from './errors/store-option-error';
import { IN_MEMORY, TEMP_FILE, type TestDatabase } from './testing/database-fixtures';

async function pragma(dataSource: DataSource, name: string): Promise<unknown> {
  const rows: Record<string, unknown>[] = await dataSource.query(`PRAGMA ${name}`);
  return Object.values(rows[0])[0];
}

/** SQLite's numeric value of `synchronous = NORMAL`. */
const SYNCHRONOUS_NORMAL = 1;

describe('createDataSource', () => {
  let database: TestDatabase;
  let dataSource: DataSource | undefined;

  afterEach(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    dataSource = undefined;
    database?.remove();
  });

  it('sets a file database up for a server: WAL, foreign keys, busy timeout, NORMAL sync', async () => {
    database = TEMP_FILE.create();
    dataSource = createDataSource({ database: database.path });
    await dataSource.initialize();

    expect(await pragma(dataSource, 'journal_mode')).toBe('wal');
    expect(await pragma(dataSource, 'foreign_keys')).toBe(1);
    expect(await pragma(dataSource, 'busy_timeout')).toBe(DEFAULT_BUSY_TIMEOUT_MS);
    expect(await pragma(dataSource, 'synchronous')).toBe(SYNCHRONOUS_NORMAL);
  });

  it('keeps an in-memory database in memory, with the other settings', async () => {
    database = IN_MEMORY.create();
    dataSource = createDataSource({ database: database.path });
    await dataSource.initialize();

    expect(await pragma(dataSource, 'journal_mode')).toBe('memory');
    expect(await pragma(dataSource, 'foreign_keys')).toBe(1);
    expect(await pragma(dataSource, 'synchronous')).toBe(SYNCHRONOUS_NORMAL);
  });

  it('uses the busy timeout it is given', async () => {
    database = IN_MEMORY.create();
    dataSource = createDataSource({ database: database.path, busyTimeoutMs: 1234 });
    await dataSource.initialize();

    expect(await pragma(dataSource, 'busy_timeout')).toBe(1234);
  });

  it('builds a better-sqlite3 source with every entity and migration, never synchronizing', () => {
    database = IN_MEMORY.create();
    dataSource = createDataSource();

    expect(dataSource.options).toMatchObject({
      type: 'better-sqlite3',
      database: DEFAULT_DATABASE_PATH,
      synchronize: false,
      migrationsRun: false,
      logging: false,
    });
    expect(dataSource.options.entities).toEqual([...ENTITIES]);
    expect(dataSource.options.migrations).toEqual([...SQLITE_MIGRATIONS]);
    expect(dataSource.isInitialized).toBe(false);
  });

  it.each([
    ['database', { database: '' }],
    ['busyTimeoutMs', { busyTimeoutMs: -1 }],
    ['busyTimeoutMs', { busyTimeoutMs: 2.5 }],
  ])('rejects an unusable %s with a StoreOptionError naming it', (option, options) => {
    database = IN_MEMORY.create();
    const attempt = () => createDataSource(options);

    expect(attempt).toThrow(StoreOptionError);
    expect(attempt).toThrow(expect.objectContaining({ option }));
  });

  it('takes a SQLite URL or a bare path, and says the default when given neither', () => {
    database = IN_MEMORY.create();

    expect(resolveDatabaseUrl()).toEqual({ dialect: 'sqlite', path: DEFAULT_DATABASE_PATH });
    expect(resolveDatabaseUrl({ url: 'sqlite:////var/lib/ml2ts.sqlite' })).toEqual({
      dialect: 'sqlite',
      path: '/var/lib/ml2ts.sqlite',
    });
    expect(createDataSource({ url: 'sqlite://' }).options).toMatchObject({
      type: 'better-sqlite3',
      database: ':memory:',
    });
    expect(() => createDataSource({ database: 'postgresql://u:pw@h/d' })).toThrow(
      /Invalid store option database="postgresql:\/\/u:\*\*\*@h\/d".*given as the url option/,
    );
  });

  it('builds a pooled pg source from a PostgreSQL URL, with its own migrations', () => {
    database = IN_MEMORY.create();
    dataSource = createDataSource({
      url: 'postgresql+psycopg2://neutron:pw@db:6432/ml2?sslmode=require',
    });

    expect(dataSource.options).toMatchObject({
      type: 'postgres',
      host: 'db',
      port: 6432,
      username: 'neutron',
      password: 'pw',
      database: 'ml2',
      ssl: { rejectUnauthorized: false },
      poolSize: 10,
      synchronize: false,
      migrationsRun: false,
    });
    expect(dataSource.options.migrations).toEqual([...POSTGRES_MIGRATIONS]);
    expect(dataSource.options.entities).toEqual([...ENTITIES]);
  });

  it('builds a pooled mysql2 source from a MySQL URL (mariadb for mariadb://), dates in UTC', () => {
    database = IN_MEMORY.create();
    const mysql = createDataSource({
      url: 'mysql+pymysql://root:pw@db/ml2?charset=utf8',
      poolSize: 4,
    });
    const mariadb = createDataSource({ url: 'mariadb://root@db/ml2' });

    expect(mysql.options).toMatchObject({
      type: 'mysql',
      host: 'db',
      port: 3306,
      username: 'root',
      password: 'pw',
      database: 'ml2',
      charset: 'utf8mb4',
      timezone: 'Z',
      poolSize: 4,
    });
    expect(mariadb.options.type).toBe('mariadb');
    expect(mysql.options.migrations).toEqual([...MYSQL_MIGRATIONS]);
    expect(createDataSource({ database: ':memory:' }).options.migrations).toEqual([
      ...SQLITE_MIGRATIONS,
    ]);
  });

  it.each([
    ['url', { url: 'sqlite://', database: ':memory:' }],
    ['url', { url: 'redis://h/0' }],
    ['poolSize', { url: 'postgresql://u@h/d', poolSize: 0 }],
    ['connectTimeoutMs', { url: 'mysql://u@h/d', connectTimeoutMs: 0 }],
  ])('rejects an unusable %s with a StoreOptionError naming it', (option, options) => {
    database = IN_MEMORY.create();
    const attempt = () => createDataSource(options);

    expect(attempt).toThrow(StoreOptionError);
    expect(attempt).toThrow(expect.objectContaining({ option }));
  });

  it('rejects a URL of an unknown scheme with a DatabaseUrlError', () => {
    database = IN_MEMORY.create();

    expect(() => createDataSource({ url: 'redis://h/0' })).toThrow(DatabaseUrlError);
  });
});
