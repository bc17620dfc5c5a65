import { existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createDataSource, parseDatabaseUrl } from '@ml2ts/store';
import {
  describeEachDatabase,
  MARIADB,
  POSTGRESQL,
  SQLITE_FILE,
  type TestDatabase,
} from '@ml2ts/store/test-support';
import {
  createTemporaryDatabase,
  dropScratchDatabases,
  removeTemporaryDatabases,
  withScratchDatabase,
  withTemporaryDatabase,
} from './temporary-database';

describe('temporary databases', () => {
  it('gives each measurement a directory of its own and deletes it afterwards', async () => {
    let seen = '';
    await withTemporaryDatabase(async (path) => {
      seen = path;
      writeFileSync(`${path}-wal`, 'x');
      expect(existsSync(dirname(path))).toBe(true);
    });
    expect(seen).toMatch(/ml2ts-bench-.*bench\.sqlite$/);
    expect(existsSync(dirname(seen))).toBe(false);
  });

  it('deletes the directory when the measurement throws', async () => {
    let seen = '';
    await expect(
      withTemporaryDatabase(async (path) => {
        seen = path;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(dirname(seen))).toBe(false);
  });

  it('removes every directory still in use when interrupted', () => {
    const first = createTemporaryDatabase();
    const second = createTemporaryDatabase();
    expect(first.path).not.toBe(second.path);
    removeTemporaryDatabases();
    expect(existsSync(dirname(first.path))).toBe(false);
    expect(existsSync(dirname(second.path))).toBe(false);
  });
});

/** Whether the scratch database at `url` can still be opened (a SQLite one: its directory). */
async function scratchExists(url: string): Promise<boolean> {
  const parsed = parseDatabaseUrl(url);
  if (parsed.dialect === 'sqlite') return existsSync(dirname(parsed.path));
  const dataSource = createDataSource({ url });
  try {
    await dataSource.initialize();
  } catch {
    return false;
  }
  await dataSource.destroy();
  return true;
}

describeEachDatabase(
  'scratch databases on $label',
  (kind) => {
    let server: TestDatabase;
    beforeEach(async () => {
      server = await kind.create();
    });
    afterEach(async () => {
      await server.remove();
    });

    it('gives each job a scratch database of its own and drops it, also when the job throws', async () => {
      const seen: string[] = [];
      await withScratchDatabase(server.url, async (url) => {
        seen.push(url);
        expect(url).not.toBe(server.url);
        if (kind.dialect !== 'sqlite') expect(await scratchExists(url)).toBe(true);
      });
      await expect(
        withScratchDatabase(server.url, async (url) => {
          seen.push(url);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(seen[0]).toMatch(/ml2ts_bench/);
      for (const url of seen) expect(await scratchExists(url)).toBe(false);
    });

    it('drops the scratch databases still in use when interrupted', async () => {
      let seen = '';
      let release: () => void = () => undefined;
      const running = withScratchDatabase(server.url, (url) => {
        seen = url;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      });
      while (seen === '') await new Promise((resolve) => setTimeout(resolve, 10));
      await dropScratchDatabases();
      expect(await scratchExists(seen)).toBe(false);
      release();
      await running;
    });
  },
  [SQLITE_FILE, POSTGRESQL, MARIADB],
);
