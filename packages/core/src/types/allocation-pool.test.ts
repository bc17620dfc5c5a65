import { type Store, VlanAllocation, VxlanAllocation } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { AllocationPool, type AllocationTable } from './allocation-pool';
import { SegmentAllocationRaceLost } from './errors/segment-allocation-race-lost';
import { firstChoice, lastChoice, ScriptedRandom } from './testing/deterministic';
import { openTestStore } from './testing/type-test-store';

const VXLAN: AllocationTable<VxlanAllocation> = {
  entity: VxlanAllocation,
  idProperty: 'id',
  keyProperties: ['id'],
};
const VLAN: AllocationTable<VlanAllocation> = {
  entity: VlanAllocation,
  idProperty: 'vlanId',
  keyProperties: ['physicalNetwork', 'vlanId'],
};

async function vxlanRows(manager: EntityManager): Promise<Array<[number, boolean]>> {
  const rows = await manager.find(VxlanAllocation, { order: { id: 'ASC' } });
  return rows.map((row) => [row.id, row.allocated]);
}

describe('AllocationPool', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('sync inserts every id of the ranges as free and reports what it did', async () => {
    const pool = new AllocationPool(VXLAN);
    const result = await store.transaction((m) =>
      pool.sync(m, [
        [1, 3],
        [7, 8],
      ]),
    );
    expect(result).toEqual({ deleted: 0, inserted: 5 });
    expect(await store.read(vxlanRows)).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [7, false],
      [8, false],
    ]);
  });

  it('sync deletes free rows outside the ranges, keeps allocated ones and fills gaps', async () => {
    const pool = new AllocationPool(VXLAN);
    await store.transaction(async (m) => {
      await m.insert(VxlanAllocation, [
        { id: 1, allocated: false },
        { id: 2, allocated: true },
        { id: 5, allocated: false },
        { id: 9, allocated: false },
        { id: 20, allocated: true },
        { id: 30, allocated: false },
      ]);
    });
    const result = await store.transaction((m) =>
      pool.sync(m, [
        [4, 6],
        [9, 10],
      ]),
    );
    expect(result).toEqual({ deleted: 2, inserted: 3 });
    expect(await store.read(vxlanRows)).toEqual([
      [2, true],
      [4, false],
      [5, false],
      [6, false],
      [9, false],
      [10, false],
      [20, true],
    ]);
  });

  it('sync with no ranges deletes every free row and keeps allocated ones', async () => {
    await store.transaction((m) =>
      m.insert(VxlanAllocation, [
        { id: 1, allocated: false },
        { id: 2, allocated: true },
      ]),
    );
    const result = await store.transaction((m) => new AllocationPool(VXLAN).sync(m, []));
    expect(result).toEqual({ deleted: 1, inserted: 0 });
    expect(await store.read(vxlanRows)).toEqual([[2, true]]);
  });

  it('sync of a scoped pool touches only rows of its scope', async () => {
    await store.transaction((m) =>
      m.insert(VlanAllocation, [
        { physicalNetwork: 'physnet1', vlanId: 100, allocated: false },
        { physicalNetwork: 'physnet2', vlanId: 100, allocated: false },
      ]),
    );
    await store.transaction((m) =>
      new AllocationPool(VLAN, { physicalNetwork: 'physnet1' }).sync(m, [[1, 2]]),
    );
    const rows = await store.read((m) =>
      m.find(VlanAllocation, { order: { physicalNetwork: 'ASC', vlanId: 'ASC' } }),
    );
    expect(rows.map((row) => `${row.physicalNetwork}:${row.vlanId}`)).toEqual([
      'physnet1:1',
      'physnet1:2',
      'physnet2:100',
    ]);
  });

  it('sync handles a 1..100000 range in one transaction and is idempotent', async () => {
    const pool = new AllocationPool(VXLAN);
    const first = await store.transaction((m) => pool.sync(m, [[1, 100000]]));
    expect(first).toEqual({ deleted: 0, inserted: 100000 });
    const second = await store.transaction((m) => pool.sync(m, [[1, 100000]]));
    expect(second).toEqual({ deleted: 0, inserted: 0 });
    const shrunk = await store.transaction((m) => pool.sync(m, [[50001, 100000]]));
    expect(shrunk).toEqual({ deleted: 50000, inserted: 0 });
    expect(await store.read((m) => m.count(VxlanAllocation))).toBe(50000);
  });

  it('claimRandomFree picks the free row at the random offset in key order', async () => {
    const pool = new AllocationPool(VXLAN);
    await store.transaction((m) => pool.sync(m, [[1, 5]]));
    const random = new ScriptedRandom((bound) => (bound === 5 ? 2 : 0));
    const row = await store.transaction((m) => pool.claimRandomFree(m, random));
    expect(row).toMatchObject({ id: 3, allocated: true });
    expect(random.bounds).toEqual([5]);
    const next = await store.transaction((m) => pool.claimRandomFree(m, random));
    expect(next).toMatchObject({ id: 1 });
    expect(random.bounds).toEqual([5, 4]);
    expect(await store.read(vxlanRows)).toEqual([
      [1, true],
      [2, false],
      [3, true],
      [4, false],
      [5, false],
    ]);
  });

  it('claimRandomFree returns null when nothing is free, without asking for randomness', async () => {
    const pool = new AllocationPool(VXLAN);
    await store.transaction((m) => m.insert(VxlanAllocation, { id: 1, allocated: true }));
    const random = firstChoice();
    expect(await store.transaction((m) => pool.claimRandomFree(m, random))).toBeNull();
    expect(random.bounds).toEqual([]);
  });

  it('claimRandomFree reports a lost race when a concurrent claim takes the same row', async () => {
    const pool = new AllocationPool(VXLAN);
    await store.transaction((m) => pool.sync(m, [[1, 3]]));
    const results = await store.transaction((m) =>
      Promise.allSettled([
        pool.claimRandomFree(m, lastChoice()),
        pool.claimRandomFree(m, lastChoice()),
      ]),
    );
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { id: 3 } });
    expect(results[1]).toMatchObject({ status: 'rejected' });
    const reason = (results[1] as PromiseRejectedResult).reason as SegmentAllocationRaceLost;
    expect(reason).toBeInstanceOf(SegmentAllocationRaceLost);
    expect(reason.httpStatus).toBe(503);
  });

  it('claim flips a free row, refuses an allocated one and inserts a missing one', async () => {
    const pool = new AllocationPool(VXLAN);
    await store.transaction((m) => pool.sync(m, [[1, 2]]));
    expect(await store.transaction((m) => pool.claim(m, 2))).toMatchObject({
      id: 2,
      allocated: true,
    });
    expect(await store.transaction((m) => pool.claim(m, 2))).toBeNull();
    expect(await store.transaction((m) => pool.claim(m, 500))).toMatchObject({
      id: 500,
      allocated: true,
    });
    expect(await store.read(vxlanRows)).toEqual([
      [1, false],
      [2, true],
      [500, true],
    ]);
  });

  it('claim reports a lost race on a free row and "in use" on a concurrent insert', async () => {
    const pool = new AllocationPool(VXLAN);
    await store.transaction((m) => pool.sync(m, [[1, 1]]));
    const onFree = await store.transaction((m) =>
      Promise.allSettled([pool.claim(m, 1), pool.claim(m, 1)]),
    );
    expect(onFree[0]).toMatchObject({ status: 'fulfilled', value: { id: 1 } });
    expect((onFree[1] as PromiseRejectedResult).reason).toBeInstanceOf(SegmentAllocationRaceLost);

    const onMissing = await store.transaction((m) =>
      Promise.all([pool.claim(m, 9), pool.claim(m, 9)]),
    );
    expect(onMissing[0]).toMatchObject({ id: 9, allocated: true });
    expect(onMissing[1]).toBeNull();
  });

  it('markFree and remove report how many rows they touched', async () => {
    const pool = new AllocationPool(VXLAN);
    await store.transaction((m) =>
      m.insert(VxlanAllocation, [
        { id: 1, allocated: true },
        { id: 2, allocated: false },
      ]),
    );
    expect(await store.transaction((m) => pool.markFree(m, 2, true))).toBe(0);
    expect(await store.transaction((m) => pool.markFree(m, 2, false))).toBe(1);
    expect(await store.transaction((m) => pool.markFree(m, 1, true))).toBe(1);
    expect(await store.transaction((m) => pool.remove(m, 1))).toBe(1);
    expect(await store.transaction((m) => pool.remove(m, 1))).toBe(0);
    expect(await store.read(vxlanRows)).toEqual([[2, false]]);
  });
});
