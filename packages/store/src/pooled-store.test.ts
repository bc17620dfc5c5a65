import { setTimeout as delay } from 'node:timers/promises';
import { PortNotFound } from '@ml2ts/driver-api';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { type EntityManager } from 'typeorm';
import { isUniqueViolation } from './classify-database-error';
import { createDataSource } from './data-source-factory';
import { Network } from './entities/network';
import { DatabaseBusyError } from './errors/database-busy-error';
import { DatabaseError } from './errors/database-error';
import { NestedUnitOfWorkError } from './errors/nested-unit-of-work-error';
import { StoreClosedError } from './errors/store-closed-error';
import { StoreOptionError } from './errors/store-option-error';
import { openStore, type OpenStoreOptions } from './open-store';
import { PooledStore } from './pooled-store';
import { type RetryEvent } from './retry-policy';
import {
  describeEachDatabase,
  SERVER_KINDS,
  type TestDatabase,
} from './test-support/database-kinds';
import { emptyAllTables } from './test-support/schema-inspection';
import { networkRow } from './testing/sample-rows';

const networkIds = (manager: EntityManager) =>
  manager.find(Network, { order: { id: 'ASC' } }).then((rows) => rows.map((row) => row.id));

/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

/** Runs `sql` on a connection of its own to `database` (not through any store). */
async function onOwnConnection(database: TestDatabase, sql: string): Promise<void> {
  const url = database.parsed;
  if (url.dialect === 'postgres') {
    const client = new pg.Client({
      host: url.host,
      port: url.port,
      user: url.user,
      password: url.password,
      database: url.database,
    });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return;
  }
  if (url.dialect !== 'mysql') throw new Error('a server kind');
  const connection = await createConnection({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
  });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

describeEachDatabase(
  'PooledStore on a $label database',
  (kind) => {
    let database: TestDatabase;
    let store: PooledStore;
    const retries: RetryEvent[] = [];

    async function open(options: OpenStoreOptions = {}): Promise<PooledStore> {
      const opened = await openStore({
        url: database.url,
        ...options,
        retry: {
          initialDelayMs: 5,
          maxDelayMs: 50,
          onRetry: (event) => retries.push(event),
          ...options.retry,
        },
      });
      if (!(opened instanceof PooledStore)) throw new Error('expected a PooledStore');
      return opened;
    }

    beforeAll(async () => {
      database = await kind.create();
    });

    beforeEach(async () => {
      store = await open();
      await store.transaction(emptyAllTables);
      retries.length = 0;
    });

    afterEach(async () => {
      await store.close();
    });

    afterAll(async () => {
      await database.remove();
    });

    const isPostgres = kind.dialect === 'postgres';

    describe('transaction', () => {
      it('commits what the unit wrote and resolves with its result', async () => {
        const result = await store.transaction(async (manager) => {
          await manager.insert(Network, networkRow(manager, { id: 'net-a' }));
          return 'done';
        });

        expect(result).toBe('done');
        expect(await store.read(networkIds)).toEqual(['net-a']);
      });

      it("leaves nothing behind when the unit throws, and rethrows the work's own error unchanged", async () => {
        const plain = new Error('engine refused');
        const typed = new PortNotFound('port-1');
        for (const failure of [plain, typed]) {
          await expect(
            store.transaction(async (manager) => {
              await manager.insert(Network, networkRow(manager));
              throw failure;
            }),
          ).rejects.toBe(failure);
        }
        expect(await store.read(networkIds)).toEqual([]);
      });

      it('wraps a refused statement in a 500 DatabaseError that isUniqueViolation reads', async () => {
        await store.transaction((manager) => manager.insert(Network, networkRow(manager)));

        const error: unknown = await store
          .transaction((manager) => manager.insert(Network, networkRow(manager)))
          .catch((rejection: unknown) => rejection);

        expect(error).toBeInstanceOf(DatabaseError);
        expect(error).toMatchObject({
          httpStatus: 500,
          code: isPostgres ? '23505' : 'ER_DUP_ENTRY',
        });
        expect(isUniqueViolation(error)).toBe(true);
      });

      it('opens a savepoint for manager.transaction, so a refused statement can be caught and the unit go on', async () => {
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

      it('runs units concurrently, each on a connection of its own', async () => {
        const bothInside = { first: signal(), second: signal() };

        const [first, second] = await Promise.all([
          store.transaction(async (manager) => {
            await manager.insert(Network, networkRow(manager, { id: 'net-1' }));
            bothInside.first.fire();
            await bothInside.second.promise;
            return manager.queryRunner;
          }),
          store.transaction(async (manager) => {
            await manager.insert(Network, networkRow(manager, { id: 'net-2' }));
            bothInside.second.fire();
            await bothInside.first.promise;
            return manager.queryRunner;
          }),
        ]);

        expect(first).not.toBe(second);
        expect(await store.read(networkIds)).toEqual(['net-1', 'net-2']);
      });

      it('runs no more units at once than the pool has connections', async () => {
        const small = await open({ poolSize: 2 });
        try {
          let inside = 0;
          let most = 0;
          await Promise.all(
            [1, 2, 3, 4, 5].map(() =>
              small.transaction(async (manager) => {
                inside += 1;
                most = Math.max(most, inside);
                await manager.query('SELECT 1');
                await delay(20);
                inside -= 1;
              }),
            ),
          );
          expect(most).toBeGreaterThanOrEqual(1);
          expect(most).toBeLessThanOrEqual(2);
        } finally {
          await small.close();
        }
      });
    });

    describe('retries', () => {
      it('resolves a deadlock between two units by running the loser again', async () => {
        await store.transaction((manager) =>
          manager.insert(Network, [
            networkRow(manager, { id: 'net-x' }),
            networkRow(manager, { id: 'net-y' }),
          ]),
        );
        const locked = { x: signal(), y: signal() };
        const attempts = { a: 0, b: 0 };
        // Each unit locks one row, waits (first attempt only) until the other holds its row, then
        // wants the other's row: a deadlock the database breaks by failing one of them.
        const crosswise = (unit: 'a' | 'b', mine: string, theirs: string) =>
          store.transaction(async (manager) => {
            attempts[unit] += 1;
            if (isPostgres) await manager.query(`SET LOCAL deadlock_timeout = '50ms'`);
            await manager.update(Network, { id: mine }, { mtu: 1400 });
            if (attempts[unit] === 1) {
              (unit === 'a' ? locked.x : locked.y).fire();
              await (unit === 'a' ? locked.y : locked.x).promise;
            }
            await manager.update(Network, { id: theirs }, { mtu: 1400 });
          });

        await Promise.all([crosswise('a', 'net-x', 'net-y'), crosswise('b', 'net-y', 'net-x')]);

        expect(retries.map((event) => event.reason)).toContain('deadlock');
        expect(attempts.a + attempts.b).toBe(3);
        const mtus = await store.read((manager) => manager.find(Network));
        expect(mtus.map((network) => network.mtu)).toEqual([1400, 1400]);
      });

      it('gives up with a retryable 503 when a row stays locked through every attempt', async () => {
        await store.transaction((manager) =>
          manager.insert(Network, networkRow(manager, { id: 'net-x' })),
        );
        const holding = signal();
        const done = signal();
        const holder = store.transaction(async (manager) => {
          await manager.query(
            isPostgres ? `SELECT * FROM networks FOR UPDATE` : 'SELECT * FROM networks FOR UPDATE',
          );
          holding.fire();
          await done.promise;
        });
        await holding.promise;

        const impatient = await open({ retry: { maxAttempts: 3 } });
        let ran = 0;
        const error: unknown = await impatient
          .transaction(async (manager) => {
            ran += 1;
            await manager.query('SELECT * FROM networks FOR UPDATE NOWAIT');
          })
          .catch((rejection: unknown) => rejection);
        done.fire();
        await holder;
        await impatient.close();

        expect(ran).toBe(3);
        expect(error).toBeInstanceOf(DatabaseBusyError);
        expect(error).toMatchObject({
          httpStatus: 503,
          retryable: true,
          attempts: 3,
          reason: 'lock-timeout',
        });
      });

      it('runs a unit again on a new connection when its connection is killed', async () => {
        let attempt = 0;

        const result = await store.transaction(async (manager) => {
          attempt += 1;
          await manager.insert(Network, networkRow(manager, { id: `net-attempt-${attempt}` }));
          if (attempt === 1) {
            const [row] = (await manager.query(
              isPostgres ? 'SELECT pg_backend_pid() AS id' : 'SELECT CONNECTION_ID() AS id',
            )) as { id: number }[];
            await onOwnConnection(
              database,
              isPostgres
                ? `SELECT pg_terminate_backend(${Number(row.id)}, 5000)`
                : `KILL ${Number(row.id)}`,
            );
            await manager.query('SELECT 1');
          }
          return attempt;
        });

        expect(result).toBe(2);
        expect(retries.map((event) => event.reason)).toEqual(['connection-lost']);
        expect(await store.read(networkIds)).toEqual(['net-attempt-2']);
      });
    });

    describe('a connection lost during COMMIT', () => {
      /** Makes the next COMMIT of any unit of the store fail as if the connection dropped. */
      function loseConnectionAtNextCommit(): jest.SpyInstance {
        const probe = store.dataSource.createQueryRunner();
        const prototype = Object.getPrototypeOf(probe) as { commitTransaction(): Promise<void> };
        void probe.release();
        return jest
          .spyOn(prototype, 'commitTransaction')
          .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
      }

      afterEach(() => jest.restoreAllMocks());

      it('fails a transaction with a 503 DatabaseError whose outcome is unknown, not retried', async () => {
        loseConnectionAtNextCommit();
        let ran = 0;

        const error: unknown = await store
          .transaction(async (manager) => {
            ran += 1;
            await manager.insert(Network, networkRow(manager));
          })
          .catch((rejection: unknown) => rejection);

        expect(ran).toBe(1);
        expect(error).toBeInstanceOf(DatabaseError);
        expect(error).toMatchObject({ httpStatus: 503, outcomeUnknown: true });
        expect((error as Error).message).toMatch(/may or may not have been written/);
      });

      it('runs a read again', async () => {
        loseConnectionAtNextCommit();

        await expect(store.read(networkIds)).resolves.toEqual([]);
        expect(retries.map((event) => event.reason)).toEqual(['connection-lost']);
      });
    });

    describe('read', () => {
      it('runs read-only: a write fails with a DatabaseError and nothing is written', async () => {
        const error: unknown = await store
          .read((manager) => manager.insert(Network, networkRow(manager)))
          .catch((rejection: unknown) => rejection);

        expect(error).toBeInstanceOf(DatabaseError);
        expect(await store.read(networkIds)).toEqual([]);
      });

      it('sees one snapshot from its first statement to its last', async () => {
        const firstRead = signal();
        const written = signal();
        const reading = store.read(async (manager) => {
          const before = await networkIds(manager);
          firstRead.fire();
          await written.promise;
          return [before, await networkIds(manager)];
        });
        await firstRead.promise;
        await store.transaction((manager) => manager.insert(Network, networkRow(manager)));
        written.fire();

        expect(await reading).toEqual([[], []]);
        expect(await store.read(networkIds)).toEqual(['net-1']);
      });
    });

    describe('nested units and close', () => {
      it('rejects a unit or close started inside a unit, telling to pass the manager on', async () => {
        const inner = await store.transaction(async () => [
          await store.transaction(async () => 'never runs').catch((error: unknown) => error),
          await store.read(async () => 'never runs').catch((error: unknown) => error),
          await store.close().catch((error: unknown) => error),
        ]);

        for (const error of inner) expect(error).toBeInstanceOf(NestedUnitOfWorkError);
        await expect(store.read(networkIds)).resolves.toEqual([]);
      });

      it('waits for running units, then closes the pool and refuses new units', async () => {
        const slow = store.transaction(async (manager) => {
          await delay(30);
          await manager.insert(Network, networkRow(manager));
          return 'finished';
        });

        const closing = store.close();

        expect(store.close()).toBe(closing);
        await expect(store.read(networkIds)).rejects.toBeInstanceOf(StoreClosedError);
        await expect(slow).resolves.toBe('finished');
        await closing;
        expect(store.dataSource.isInitialized).toBe(false);

        store = await open();
        expect(await store.read(networkIds)).toEqual(['net-1']);
      });
    });
  },
  SERVER_KINDS,
);

describe('PooledStore', () => {
  it('refuses a data source that is not an initialized server data source', () => {
    expect(() => new PooledStore(createDataSource({ database: ':memory:' }))).toThrow(
      StoreOptionError,
    );
    expect(() => new PooledStore(createDataSource({ url: 'postgresql://u@h/d' }))).toThrow(
      /an initialized postgres, mysql or mariadb DataSource/,
    );
  });
});
