import type BetterSqlite3 from 'better-sqlite3';
import { type DataSource, type QueryRunner } from 'typeorm';
import { beginTransaction, rollbackQuietly } from './begin-transaction';
import { createDataSource } from './data-source-factory';
import { Network } from './entities/network';
import { networkRow } from './testing/sample-rows';

describe('beginTransaction', () => {
  let dataSource: DataSource;
  let runner: QueryRunner;
  let connection: BetterSqlite3.Database;

  beforeEach(async () => {
    dataSource = createDataSource({ database: ':memory:' });
    await dataSource.initialize();
    await dataSource.runMigrations();
    runner = dataSource.createQueryRunner();
    connection = (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database })
      .databaseConnection;
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  it("opens a transaction with the given statement, in TypeORM's bookkeeping too", async () => {
    await beginTransaction(runner, 'BEGIN IMMEDIATE');

    expect(runner.isTransactionActive).toBe(true);
    expect(connection.inTransaction).toBe(true);
    await runner.manager.insert(Network, networkRow(runner.manager));
    await runner.commitTransaction();
    expect(runner.isTransactionActive).toBe(false);
    expect(connection.inTransaction).toBe(false);
    expect(await dataSource.manager.count(Network)).toBe(1);
  });

  it('lets manager.transaction nest as a savepoint inside it', async () => {
    await beginTransaction(runner, 'BEGIN IMMEDIATE');
    await runner.manager.insert(Network, networkRow(runner.manager, { id: 'net-outer' }));
    await runner.manager
      .transaction(async (inner) => {
        await inner.insert(Network, networkRow(inner, { id: 'net-inner' }));
        throw new Error('undo the inner part only');
      })
      .catch(() => undefined);

    expect(runner.isTransactionActive).toBe(true);
    await runner.commitTransaction();
    const ids = (await dataSource.manager.find(Network)).map((network) => network.id);
    expect(ids).toEqual(['net-outer']);
  });

  it('refuses to open a second transaction on the same runner', async () => {
    await beginTransaction(runner, 'BEGIN');

    await expect(beginTransaction(runner, 'BEGIN')).rejects.toThrow(/already open/);
    await runner.rollbackTransaction();
  });
});

describe('rollbackQuietly', () => {
  it('rolls back every level, savepoints a unit left open included, and never throws', async () => {
    const dataSource = createDataSource({ database: ':memory:' });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const runner = dataSource.createQueryRunner();
      await beginTransaction(runner, 'BEGIN IMMEDIATE');
      await runner.manager.insert(Network, networkRow(runner.manager));
      await runner.startTransaction(); // a savepoint left open
      await runner.startTransaction(); // and another

      await rollbackQuietly(runner);
      await rollbackQuietly(runner);

      expect(runner.isTransactionActive).toBe(false);
      expect(await dataSource.manager.count(Network)).toBe(0);
    } finally {
      await dataSource.destroy();
    }
  });
});
