import { createDataSource, formatDatabaseUrl } from '@ml2ts/store';
import {
  describeEachDatabase,
  MARIADB,
  POSTGRESQL,
  recordedMigrations,
  SQLITE_FILE,
  type TestDatabase,
} from '@ml2ts/store/test-support';
import { captureIo } from '../test-support/capture-io';
import { migrateCommand } from './migrate';

/** The migrations recorded in the database at `url`. */
async function recorded(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url });
  await dataSource.initialize();
  try {
    return await recordedMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

describe('ml2ts migrate --database on a server that does not answer', () => {
  it.each([
    'postgresql://postgres:secret-pw@127.0.0.1:1/postgres',
    'mysql+pymysql://root:secret-pw@127.0.0.1:1/test',
  ])('%s: exits 1, naming the database without its password', async (url) => {
    const io = captureIo();
    expect(await migrateCommand(['--database', url], io)).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/^ml2ts migrate: Cannot open database \S+:\*\*\*@127\.0\.0\.1:1\//);
    expect(io.err()).toContain('did not answer');
    expect(io.err()).not.toContain('secret-pw');
  });
});

describeEachDatabase(
  'ml2ts migrate --database on $label',
  (kind) => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await kind.create();
    });
    afterEach(async () => {
      await database.remove();
    });

    it('applies the dialect migrations, lists them, then finds nothing to do', async () => {
      const shown = formatDatabaseUrl(database.parsed);
      const first = captureIo();
      expect(await migrateCommand(['--database', database.url], first)).toBe(0);
      expect(first.err()).toBe('');
      const names = await recorded(database.url);
      expect(names.length).toBeGreaterThan(0);
      const count = names.length === 1 ? '1 migration' : `${names.length} migrations`;
      expect(first.out()).toBe(
        `Database ${shown}: applied ${count}:\n${names.map((name) => `  ${name}\n`).join('')}`,
      );
      // The dialect's own history: PostgreSQL and MariaDB have migrations of their own.
      const dialectWord = { sqlite: /^[A-Z][a-z]/, postgres: /Postgres\d+$/, mysql: /Mysql\d+$/ };
      for (const name of names) expect(name).toMatch(dialectWord[kind.dialect]);

      const second = captureIo();
      expect(await migrateCommand([`--database=${database.url}`], second)).toBe(0);
      expect(second.out()).toBe(`Database ${shown} is up to date: no migration to apply.\n`);
    });

    it('migrates once when two run at the same time (under the migration lock)', async () => {
      const [left, right] = [captureIo(), captureIo()];
      const codes = await Promise.all([
        migrateCommand(['--database', database.url], left),
        migrateCommand(['--database', database.url], right),
      ]);
      expect(codes).toEqual([0, 0]);
      const outputs = [left.out(), right.out()];
      expect(outputs.filter((output) => output.includes(': applied '))).toHaveLength(1);
      expect(outputs.filter((output) => output.includes('is up to date'))).toHaveLength(1);
      const applied = outputs.find((output) => output.includes(': applied ')) ?? '';
      expect(applied.split('\n').slice(1, -1)).toEqual(
        (await recorded(database.url)).map((name) => `  ${name}`),
      );
    });
  },
  [SQLITE_FILE, POSTGRESQL, MARIADB],
);
