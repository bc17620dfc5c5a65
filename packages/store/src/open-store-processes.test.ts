import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFor } from '@ml2ts/migrations';
import { openStore } from './open-store';
import {
  describeEachDatabase,
  MARIADB,
  POSTGRESQL,
  SQLITE_FILE,
  type TestDatabase,
} from './test-support/database-kinds';
import { recordedMigrations } from './test-support/schema-inspection';

const CHILD = join(__dirname, 'test-support/open-store-child.cjs');
const BUILT = join(__dirname, '../dist/index.js');
const PROCESSES = 3;

/** Runs the child on `url`; resolves with its exit code and what it wrote to stderr. */
function startProcess(url: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [url], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describeEachDatabase(
  'processes starting together on one empty $label database',
  (kind) => {
    let database: TestDatabase;

    beforeEach(async () => {
      if (!existsSync(BUILT)) {
        throw new Error(
          `the child processes run the built package: run "npx tsc -b packages/store" first`,
        );
      }
      database = await kind.create();
    });

    afterEach(async () => {
      await database.remove();
    });

    it(`all start (${PROCESSES} at once), and the schema is migrated exactly once`, async () => {
      const outcomes = await Promise.all(
        Array.from({ length: PROCESSES }, () => startProcess(database.url)),
      );

      expect(outcomes).toEqual(Array.from({ length: PROCESSES }, () => ({ code: 0, stderr: '' })));
      const store = await openStore({ url: database.url });
      try {
        expect(await store.read(recordedMigrations)).toEqual(
          migrationsFor(kind.dialect).map((migration) => migration.name),
        );
      } finally {
        await store.close();
      }
    }, 30_000);
  },
  [SQLITE_FILE, POSTGRESQL, MARIADB],
);
