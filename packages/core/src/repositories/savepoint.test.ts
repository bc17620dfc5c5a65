import { openStore, type Store, VxlanAllocation } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { withSavepoint } from './savepoint';
import { isUniqueViolation } from '@ml2ts/store';

async function vxlanIds(manager: EntityManager): Promise<number[]> {
  const rows = await manager.find(VxlanAllocation, { order: { id: 'ASC' } });
  return rows.map((row) => row.id);
}

function insert(manager: EntityManager, id: number): Promise<unknown> {
  return manager.insert(VxlanAllocation, { id, allocated: true });
}

/** Runs `work`, returns what it threw (undefined when it did not throw). */
async function thrownBy(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('withSavepoint', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ database: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('keeps what the work wrote and returns its result', async () => {
    const result = await store.transaction((m) =>
      withSavepoint(m, async () => {
        await insert(m, 1);
        return 'done';
      }),
    );
    expect(result).toBe('done');
    expect(await store.read(vxlanIds)).toEqual([1]);
  });

  it('on a throw undoes only the work and leaves the transaction usable', async () => {
    const error = await store.transaction(async (m) => {
      await insert(m, 1);
      const thrown = await thrownBy(() =>
        withSavepoint(m, async () => {
          await insert(m, 2);
          await insert(m, 1);
        }),
      );
      await insert(m, 3);
      return thrown;
    });
    expect(isUniqueViolation(error)).toBe(true);
    expect(await store.read(vxlanIds)).toEqual([1, 3]);
  });

  it('re-throws any error of the work unchanged', async () => {
    const failure = new Error('not a database error');
    const error = await store.transaction(async (m) =>
      thrownBy(() =>
        withSavepoint(m, async () => {
          await insert(m, 5);
          throw failure;
        }),
      ),
    );
    expect(error).toBe(failure);
    expect(await store.read(vxlanIds)).toEqual([]);
  });

  it('runs sections started at once on one manager one after another', async () => {
    const outcome = await store.transaction((m) =>
      Promise.allSettled([
        withSavepoint(m, async () => {
          await insert(m, 10);
          await insert(m, 10);
        }),
        withSavepoint(m, () => insert(m, 20)),
        withSavepoint(m, () => insert(m, 30)),
      ]),
    );
    expect(outcome.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(await store.read(vxlanIds)).toEqual([20, 30]);
  });

  it('outside a transaction runs the work as is', async () => {
    expect(await store.read((m) => withSavepoint(m, () => vxlanIds(m)))).toEqual([]);
  });
});
