import { fork } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { PortNotFound } from '@ml2ts/driver-api';
import BetterSqlite3 from 'better-sqlite3';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { isUniqueViolation } from './classify-database-error';

import { createDataSource } from './data-source-factory';
import { Network } from './entities/network';
import { Port } from './entities/port';
import { PortBinding } from './entities/port-binding';
import { PortBindingLevel } from './entities/port-binding-level';
import { DatabaseBusyError } from './errors/database-busy-error';
import { DatabaseError } from './errors/database-error';
import { NestedUnitOfWorkError } from './errors/nested-unit-of-work-error';
import { StoreClosedError } from './errors/store-closed-error';
import { StoreOptionError } from './errors/store-option-error';
import { openStore, type OpenStoreOptions } from './open-store';
import { type RetryEvent } from './retry-policy';
import { SqliteStore } from './sqlite-store';
import {
  describeEachDatabase,
  SQLITE_FILE,
  SQLITE_KINDS,
  type TestDatabase,
} from './test-support/database-kinds';
import { networkRow, portRow } from './testing/sample-rows';

/** Opens a SQLite store (the type `openStore` returns for a SQLite URL). */
async function openSqliteStore(options: OpenStoreOptions): Promise<SqliteStore> {
  const store = await openStore(options);
  if (!(store instanceof SqliteStore)) throw new Error('expected a SqliteStore');
  return store;
}

/** The file of a SQLite test database. */
function pathOf(database: TestDatabase): string {
  if (database.parsed.dialect !== 'sqlite') throw new Error('a SQLite kind');
  return database.parsed.path;
}

const countNetworks = (manager: EntityManager) => manager.count(Network);

/** Whether SQLite itself has a transaction open on the store's connection. */
function connectionInTransaction(store: SqliteStore): boolean {
  const driver = store.dataSource.driver as unknown as {
    databaseConnection: BetterSqlite3.Database;
  };
  return driver.databaseConnection.inTransaction;
}

describeEachDatabase(
  'SqliteStore on a $label database',
  (kind) => {
    let database: TestDatabase;
    let store: SqliteStore;

    beforeEach(async () => {
      database = await kind.create();
      store = await openSqliteStore({ url: database.url });
    });

    afterEach(async () => {
      await store.close();
      await database.remove();
    });

    describe('transaction', () => {
      it('commits what the unit wrote and resolves with its result', async () => {
        const result = await store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager, { id: 'net-a' }));
          return 'done';
        });

        expect(result).toBe('done');
        expect(connectionInTransaction(store)).toBe(false);
        expect(await store.read(countNetworks)).toBe(1);
      });

      it('leaves nothing behind when the unit throws, and rethrows the same error', async () => {
        const failure = new Error('driver refused');

        const outcome = store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager));
          await manager.insert(Port, portRow(manager));
          await manager.insert(PortBinding, { portId: 'port-1', host: 'h1', vifType: 'ovs' });
          await manager.insert(PortBindingLevel, {
            portId: 'port-1',
            host: 'h1',
            level: 0,
            driver: 'openvswitch',
          });
          throw failure;
        });

        await expect(outcome).rejects.toBe(failure);
        expect(connectionInTransaction(store)).toBe(false);
        const left = await store.read(async (manager) => [
          await manager.count(Network),
          await manager.count(Port),
          await manager.count(PortBinding),
          await manager.count(PortBindingLevel),
        ]);
        expect(left).toEqual([0, 0, 0, 0]);
      });

      it('rolls back when the unit throws synchronously', async () => {
        const failure = new Error('thrown before any await');

        await expect(
          store.transaction(() => {
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(connectionInTransaction(store)).toBe(false);
      });

      it('keeps serving units after one failed', async () => {
        const failed = store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager));
          await manager.insert(Network, networkRow(manager));
        });
        await expect(failed).rejects.toBeInstanceOf(DatabaseError);
        await expect(failed).rejects.toThrow(/UNIQUE constraint failed/);

        await store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager, { id: 'net-b' }));
        });
        expect(await store.read(countNetworks)).toBe(1);
      });
    });

    describe('queue', () => {
      it('runs concurrent transactions one after the other, in call order', async () => {
        const events: string[] = [];
        const unit = (name: string, pauseMs: number) =>
          store.transaction(async (manager) => {
            events.push(`${name} begins, sees ${await countNetworks(manager)}`);
            await manager.insert(Network, networkRow(manager, { id: `${name}-1` }));
            await delay(pauseMs);
            await manager.insert(Network, networkRow(manager, { id: `${name}-2` }));
            events.push(`${name} ends`);
          });

        await Promise.all([unit('first', 30), unit('second', 0), unit('third', 10)]);

        expect(events).toEqual([
          'first begins, sees 0',
          'first ends',
          'second begins, sees 2',
          'second ends',
          'third begins, sees 4',
          'third ends',
        ]);
      });

      it('does not let a failing unit undo the unit queued behind it', async () => {
        const failing = store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager, { id: 'net-failing' }));
          await delay(20);
          throw new Error('late failure');
        });
        const following = store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager, { id: 'net-following' }));
        });

        await expect(failing).rejects.toThrow('late failure');
        await following;
        const ids = await store.read(async (manager) =>
          (await manager.find(Network)).map((network) => network.id),
        );
        expect(ids).toEqual(['net-following']);
      });

      it('gives a read only committed rows: before or after a running transaction', async () => {
        const seenBefore = store.read(countNetworks);
        const writing = store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager));
          await delay(20);
        });
        const seenAfter = store.read(countNetworks);

        await writing;
        expect(await seenBefore).toBe(0);
        expect(await seenAfter).toBe(1);
      });

      it('runs a read outside any database transaction', async () => {
        const inTransaction = await store.read(
          async (manager) => manager.queryRunner?.isTransactionActive,
        );

        expect(inTransaction).toBe(false);
      });
    });

    describe('nested units of work', () => {
      it('rejects a transaction started inside a transaction, telling to pass the manager on', async () => {
        let nested: unknown;
        await store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager));
          nested = await store
            .transaction(async () => 'never runs')
            .catch((error: unknown) => error);
        });

        expect(nested).toBeInstanceOf(NestedUnitOfWorkError);
        expect((nested as Error).message).toMatch(/Pass the EntityManager/);
        expect(await store.read(countNetworks)).toBe(1);
      });

      it('rejects a read inside a transaction, a transaction inside a read and close inside both', async () => {
        const inTransaction = await store.transaction(async () => [
          await store.read(countNetworks).catch((error: unknown) => error),
          await store.close().catch((error: unknown) => error),
        ]);
        const inRead = await store.read(async () => [
          await store.transaction(async () => 'never runs').catch((error: unknown) => error),
          await store.close().catch((error: unknown) => error),
        ]);

        for (const error of [...inTransaction, ...inRead]) {
          expect(error).toBeInstanceOf(NestedUnitOfWorkError);
        }
        expect(await store.read(countNetworks)).toBe(0);
      });

      it('rolls the outer unit back when it lets the nested-unit error escape', async () => {
        const outcome = store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager));
          await store.transaction(async () => undefined);
        });

        await expect(outcome).rejects.toBeInstanceOf(NestedUnitOfWorkError);
        expect(await store.read(countNetworks)).toBe(0);
      });

      it('queues normally work that a finished unit left scheduled', async () => {
        let leftBehind: Promise<number> | undefined;
        await store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager));
          leftBehind = delay(10).then(() => store.read(countNetworks));
        });

        await expect(leftBehind).resolves.toBe(1);
      });
    });

    describe('close', () => {
      it('finishes the units queued before it, then closes the database', async () => {
        const slow = store.transaction(async (manager) => {
          await delay(20);
          await manager.insert(Network, networkRow(manager));
          return 'finished';
        });

        const closing = store.close();

        await expect(slow).resolves.toBe('finished');
        await closing;
        expect(store.dataSource.isInitialized).toBe(false);
      });

      it('rejects every unit of work asked for after it, and returns the same promise twice', async () => {
        const closing = store.close();

        expect(store.close()).toBe(closing);
        await expect(store.transaction(async () => 'never runs')).rejects.toBeInstanceOf(
          StoreClosedError,
        );
        await expect(store.read(async () => 'never runs')).rejects.toThrow(
          new StoreClosedError('read'),
        );
        await closing;
      });
    });
  },
  SQLITE_KINDS,
);

describe('SqliteStore', () => {
  it('keeps what close() waited for, for the next start of a file database', async () => {
    const database = await SQLITE_FILE.create();
    try {
      const first = await openStore({ url: database.url });
      const slow = first.transaction(async (manager) => {
        await delay(20);
        await manager.insert(Network, networkRow(manager, { id: 'net-last-words' }));
      });
      await first.close();
      await slow;

      const second = await openStore({ url: database.url });
      const found = await second.read((manager) =>
        manager.existsBy(Network, { id: 'net-last-words' }),
      );
      await second.close();
      expect(found).toBe(true);
    } finally {
      await database.remove();
    }
  });

  it('lets a unit of one store use another store', async () => {
    const [left, right] = await Promise.all([
      openStore({ database: ':memory:' }),
      openStore({ database: ':memory:' }),
    ]);
    try {
      const seenOnRight = await left.transaction(async (manager) => {
        await manager.insert(Network, networkRow(manager));
        return right.read(countNetworks);
      });

      expect(seenOnRight).toBe(0);
    } finally {
      await Promise.all([left.close(), right.close()]);
    }
  });

  it('refuses a data source that is not initialized', () => {
    const dataSource = createDataSource({ database: ':memory:' });

    expect(() => new SqliteStore(dataSource)).toThrow(StoreOptionError);
  });
});

describe('SqliteStore and the event loop', () => {
  it('lets timers and I/O run while a caller awaits unit after unit', async () => {
    const store = await openStore({ database: ':memory:' });
    try {
      let immediateRanAt = -1;
      setImmediate(() => {
        immediateRanAt = completed;
      });
      let completed = 0;
      for (let index = 0; index < 1000; index++) {
        await store.read(async () => undefined);
        completed += 1;
      }
      expect(immediateRanAt).toBeGreaterThanOrEqual(0);
      expect(immediateRanAt).toBeLessThan(1000);
    } finally {
      await store.close();
    }
  });
});

const LOCK_HOLDER = join(__dirname, 'test-support/sqlite-lock-holder-child.cjs');

/**
 * Starts another process that takes the write lock of `path` and holds it `holdMs` ms (or until
 * `release()`); resolves once it holds it, with a promise of its exit code.
 */
async function lockInAnotherProcess(
  path: string,
  holdMs: number | 'until-released',
): Promise<{ exited: Promise<number | null>; release: () => void }> {
  const child = fork(LOCK_HOLDER, [path, String(holdMs)], {
    execArgv: [],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
  return { exited, release: () => child.send('release') };
}

const networkIds = (manager: EntityManager) =>
  manager.find(Network, { order: { id: 'ASC' } }).then((rows) => rows.map((row) => row.id));

describe('SqliteStore transactions and the write lock', () => {
  let database: TestDatabase;
  const stores: SqliteStore[] = [];

  async function open(options: OpenStoreOptions = {}): Promise<SqliteStore> {
    const store = await openSqliteStore({ ...options, url: database.url });
    stores.push(store);
    return store;
  }

  beforeEach(async () => {
    database = await SQLITE_FILE.create();
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await database.remove();
  });

  it('take the write lock at BEGIN, before the unit has written anything', async () => {
    const store = await open();
    let pause!: () => void;
    const paused = new Promise<void>((resolve) => (pause = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const unit = store.transaction(async (manager) => {
      await manager.count(Network);
      pause();
      await released;
    });
    await paused;

    const other = new BetterSqlite3(pathOf(database), { timeout: 0 });
    try {
      expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(
        expect.objectContaining({ code: 'SQLITE_BUSY' }),
      );
    } finally {
      other.close();
      release();
    }
    await unit;
  });

  it('of two stores on one file both commit: the second waits out the first by retrying', async () => {
    const retries: RetryEvent[] = [];
    const first = await open({ busyTimeoutMs: 20 });
    const second = await open({
      busyTimeoutMs: 20,
      retry: { maxAttempts: 10, onRetry: (event) => retries.push(event) },
    });
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));

    const firstUnit = first.transaction(async (manager) => {
      await manager.insert(Network, networkRow(manager, { id: 'net-first' }));
      started();
      await delay(60);
    });
    await firstStarted;
    const secondUnit = second.transaction(async (manager) => {
      await manager.insert(Network, networkRow(manager, { id: 'net-second' }));
    });

    await Promise.all([firstUnit, secondUnit]);
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]).toMatchObject({ operation: 'transaction', attempt: 1, reason: 'busy' });
    expect(await second.read(networkIds)).toEqual(['net-first', 'net-second']);
  });

  it('wait for another process holding the write lock, then commit', async () => {
    const retries: RetryEvent[] = [];
    const store = await open({
      busyTimeoutMs: 5000,
      retry: { onRetry: (event) => retries.push(event) },
    });
    const { exited } = await lockInAnotherProcess(pathOf(database), 300);

    const sawOtherCommit = await store.transaction(async (manager) => {
      await manager.insert(Network, networkRow(manager, { id: 'net-this-process' }));
      return manager.existsBy(Network, { id: 'net-other-process' });
    });

    // It began only once the other process had committed: it waited for the lock.
    expect(sawOtherCommit).toBe(true);
    expect(retries).toEqual([]);
    expect(await exited).toBe(0);
    expect(await store.read(networkIds)).toEqual(['net-other-process', 'net-this-process']);
  });

  it('reject with a retryable 503 when the lock outlasts busy timeout × attempts, writing nothing', async () => {
    const store = await open({
      busyTimeoutMs: 50,
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 20 },
    });
    const { exited, release } = await lockInAnotherProcess(pathOf(database), 'until-released');
    let ran = 0;

    const error: unknown = await store
      .transaction(async (manager) => {
        ran += 1;
        await manager.insert(Network, networkRow(manager, { id: 'net-never' }));
      })
      .catch((rejection: unknown) => rejection);
    release();

    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect(error).toMatchObject({
      httpStatus: 503,
      type: 'ServiceUnavailable',
      retryable: true,
      attempts: 3,
      reason: 'busy',
    });
    expect(ran).toBe(0);
    expect(await exited).toBe(0);
    expect(await store.read(networkIds)).toEqual(['net-other-process']);
  });

  it('run a unit again from the start after a busy error, nothing of the failed attempt kept', async () => {
    const store = await open({ retry: { initialDelayMs: 1 } });
    let attempts = 0;

    const result = await store.transaction(async (manager) => {
      attempts += 1;
      await manager.insert(Network, networkRow(manager, { id: 'net-once' }));
      if (attempts === 1) throw new BetterSqlite3.SqliteError('database is locked', 'SQLITE_BUSY');
      return attempts;
    });

    expect(result).toBe(2);
    expect(await store.read(networkIds)).toEqual(['net-once']);
  });

  it("pass the work's own Ml2Error through unchanged, and wrap database refusals", async () => {
    const store = await open();
    const typed = new PortNotFound('port-9');

    await expect(store.transaction(async () => Promise.reject(typed))).rejects.toBe(typed);
    const refusal: unknown = await store
      .transaction(async (manager) => {
        await manager.insert(Network, networkRow(manager));
        await manager.insert(Network, networkRow(manager));
      })
      .catch((rejection: unknown) => rejection);
    expect(refusal).toBeInstanceOf(DatabaseError);
    expect(refusal).toMatchObject({ httpStatus: 500, code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect((refusal as DatabaseError).cause).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(refusal)).toBe(true);
  });

  it('open a savepoint for manager.transaction, so a refused statement can be caught and the unit go on', async () => {
    const store = await open();

    await store.transaction(async (manager) => {
      await manager.insert(Network, networkRow(manager, { id: 'net-kept' }));
      const duplicate = await manager
        .transaction((inner) => inner.insert(Network, networkRow(inner, { id: 'net-kept' })))
        .catch((error: unknown) => error);
      expect(isUniqueViolation(duplicate)).toBe(true);
      await manager.insert(Network, networkRow(manager, { id: 'net-after' }));
    });

    expect(await store.read(networkIds)).toEqual(['net-after', 'net-kept']);
  });
});
