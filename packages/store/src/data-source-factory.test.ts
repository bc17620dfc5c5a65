import { type DataSource } from 'typeorm';
import {
  createDataSource,
  DEFAULT_BUSY_TIMEOUT_MS,
  DEFAULT_DATABASE_PATH,
} from './data-source-factory';
import { ENTITIES } from './entities';
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
    expect(dataSource.options.migrations).toHaveLength(1);
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
});
