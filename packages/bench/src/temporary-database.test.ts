import { existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createTemporaryDatabase,
  removeTemporaryDatabases,
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
