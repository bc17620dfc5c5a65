import type BetterSqlite3 from 'better-sqlite3';
import { setTimeout as delay } from 'node:timers/promises';
import { type EntityManager } from 'typeorm';

import { createDataSource } from './data-source-factory';
import { Network } from './entities/network';
import { Port } from './entities/port';
import { PortBinding } from './entities/port-binding';
import { PortBindingLevel } from './entities/port-binding-level';
import { NestedUnitOfWorkError } from './errors/nested-unit-of-work-error';
import { StoreClosedError } from './errors/store-closed-error';
import { StoreOptionError } from './errors/store-option-error';
import { openStore } from './open-store';
import { SqliteStore } from './sqlite-store';
import { DATABASE_KINDS, TEMP_FILE, type TestDatabase } from './testing/database-fixtures';
import { networkRow, portRow } from './testing/sample-rows';

const countNetworks = (manager: EntityManager) => manager.count(Network);

/** Whether SQLite itself has a transaction open on the store's connection. */
function connectionInTransaction(store: SqliteStore): boolean {
  const driver = store.dataSource.driver as unknown as {
    databaseConnection: BetterSqlite3.Database;
  };
  return driver.databaseConnection.inTransaction;
}

describe.each(DATABASE_KINDS)('SqliteStore on a $label database', (kind) => {
  let database: TestDatabase;
  let store: SqliteStore;

  beforeEach(async () => {
    database = kind.create();
    store = await openStore({ database: database.path });
  });

  afterEach(async () => {
    await store.close();
    database.remove();
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
      await expect(
        store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager));
          await manager.insert(Network, networkRow(manager));
        }),
      ).rejects.toThrow(/UNIQUE constraint failed/);

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
        nested = await store.transaction(async () => 'never runs').catch((error: unknown) => error);
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
});

describe('SqliteStore', () => {
  it('keeps what close() waited for, for the next start of a file database', async () => {
    const database = TEMP_FILE.create();
    try {
      const first = await openStore({ database: database.path });
      const slow = first.transaction(async (manager) => {
        await delay(20);
        await manager.insert(Network, networkRow(manager, { id: 'net-last-words' }));
      });
      await first.close();
      await slow;

      const second = await openStore({ database: database.path });
      const found = await second.read((manager) =>
        manager.existsBy(Network, { id: 'net-last-words' }),
      );
      await second.close();
      expect(found).toBe(true);
    } finally {
      database.remove();
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
