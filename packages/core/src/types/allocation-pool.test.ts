import { type Store, VlanAllocation, VxlanAllocation } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { type AllocationScope } from '../repositories/allocation-repository';
import { type Repositories, repositoriesOver } from '../repositories/unit-of-work';
import { AllocationPool } from './allocation-pool';
import { openTestStore } from './testing/type-test-store';

const VXLAN: AllocationScope = { table: 'vxlan' };
const PHYSNET1: AllocationScope = { table: 'vlan', physicalNetwork: 'physnet1' };
const PHYSNET2: AllocationScope = { table: 'vlan', physicalNetwork: 'physnet2' };

async function vxlanRows(manager: EntityManager): Promise<Array<[number, boolean]>> {
  const rows = await manager.find(VxlanAllocation, { order: { id: 'ASC' } });
  return rows.map((row) => [row.id, row.allocated]);
}

async function vlanRows(manager: EntityManager): Promise<string[]> {
  const rows = await manager.find(VlanAllocation, {
    order: { physicalNetwork: 'ASC', vlanId: 'ASC' },
  });
  return rows.map((row) => `${row.physicalNetwork}:${row.vlanId}${row.allocated ? '*' : ''}`);
}

async function insertAllocatedVxlan(store: Store, ids: readonly number[]): Promise<void> {
  await store.transaction((m) =>
    m.insert(
      VxlanAllocation,
      ids.map((id) => ({ id, allocated: true })),
    ),
  );
}

describe('AllocationPool', () => {
  let store: Store;
  let units: Repositories;
  beforeEach(async () => {
    store = await openTestStore();
    units = repositoriesOver(store);
  });
  afterEach(async () => {
    await store.close();
  });

  it('merges its ranges and stores nothing for them', async () => {
    const pool = new AllocationPool(VXLAN, [
      [7, 8],
      [1, 3],
      [4, 5],
    ]);
    expect(pool.ranges).toEqual([
      [1, 5],
      [7, 8],
    ]);
    expect(await units.transaction((u) => pool.sync(u.allocations))).toEqual({
      deleted: 0,
      allocatedOutside: 0,
    });
    expect(await store.read(vxlanRows)).toEqual([]);
  });

  it('sync deletes free rows of older versions and keeps every allocated row, also outside', async () => {
    await store.transaction((m) =>
      m.insert(VxlanAllocation, [
        { id: 1, allocated: false },
        { id: 2, allocated: true },
        { id: 5, allocated: false },
        { id: 9, allocated: true },
        { id: 20, allocated: true },
        { id: 30, allocated: false },
      ]),
    );
    const pool = new AllocationPool(VXLAN, [
      [4, 6],
      [9, 10],
    ]);
    expect(await units.transaction((u) => pool.sync(u.allocations))).toEqual({
      deleted: 3,
      allocatedOutside: 2,
    });
    expect(await store.read(vxlanRows)).toEqual([
      [2, true],
      [9, true],
      [20, true],
    ]);
  });

  it('sync without ranges keeps allocated rows and counts them all as outside', async () => {
    await store.transaction((m) =>
      m.insert(VxlanAllocation, [
        { id: 1, allocated: false },
        { id: 2, allocated: true },
      ]),
    );
    const result = await units.transaction((u) =>
      new AllocationPool(VXLAN, []).sync(u.allocations),
    );
    expect(result).toEqual({ deleted: 1, allocatedOutside: 1 });
    expect(await store.read(vxlanRows)).toEqual([[2, true]]);
  });

  it('sync of a scoped pool touches only rows of its scope', async () => {
    await store.transaction((m) =>
      m.insert(VlanAllocation, [
        { physicalNetwork: 'physnet1', vlanId: 1, allocated: false },
        { physicalNetwork: 'physnet1', vlanId: 300, allocated: true },
        { physicalNetwork: 'physnet2', vlanId: 1, allocated: false },
        { physicalNetwork: 'physnet2', vlanId: 100, allocated: true },
      ]),
    );
    const pool = new AllocationPool(PHYSNET1, [[1, 2]]);
    expect(await units.transaction((u) => pool.sync(u.allocations))).toEqual({
      deleted: 1,
      allocatedOutside: 1,
    });
    expect(await store.read(vlanRows)).toEqual(['physnet1:300*', 'physnet2:1', 'physnet2:100*']);
  });

  it('claim inserts an allocated row, inside or outside the ranges, once', async () => {
    const pool = new AllocationPool(VXLAN, [[1, 2]]);
    expect(await units.transaction((u) => pool.claim(u.allocations, 2))).toBe(true);
    expect(await units.transaction((u) => pool.claim(u.allocations, 2))).toBe(false);
    expect(await units.transaction((u) => pool.claim(u.allocations, 500))).toBe(true);
    expect(await units.transaction((u) => pool.claim(u.allocations, 500))).toBe(false);
    expect(await store.read(vxlanRows)).toEqual([
      [2, true],
      [500, true],
    ]);
  });

  it('claim of a scoped pool writes the scope and ignores other scopes', async () => {
    const physnet1 = new AllocationPool(PHYSNET1, [[1, 5]]);
    const physnet2 = new AllocationPool(PHYSNET2, [[1, 5]]);
    await units.transaction(async (u) => {
      expect(await physnet1.claim(u.allocations, 3)).toBe(true);
      expect(await physnet2.claim(u.allocations, 3)).toBe(true);
      expect(await physnet2.claim(u.allocations, 3)).toBe(false);
    });
    expect(await store.read(vlanRows)).toEqual(['physnet1:3*', 'physnet2:3*']);
  });

  it('a claim that loses the insert race answers false and leaves the transaction usable', async () => {
    const pool = new AllocationPool(VXLAN, [[1, 10]]);
    const outcome = await units.transaction(async (u) => {
      const claims = await Promise.all([
        pool.claim(u.allocations, 9),
        pool.claim(u.allocations, 9),
      ]);
      const later = await pool.claim(u.allocations, 4);
      return { claims, later };
    });
    expect([...outcome.claims].sort()).toEqual([false, true]);
    expect(outcome.later).toBe(true);
    expect(await store.read(vxlanRows)).toEqual([
      [4, true],
      [9, true],
    ]);
  });

  it('insertAllocated answers false for a taken id, also a free row of an older version', async () => {
    await store.transaction((m) => m.insert(VxlanAllocation, { id: 3, allocated: false }));
    const pool = new AllocationPool(VXLAN, [[1, 5]]);
    expect(await units.transaction((u) => pool.insertAllocated(u.allocations, 3))).toBe(false);
    expect(await units.transaction((u) => pool.isTaken(u.allocations, 3))).toBe(true);
    expect(await units.transaction((u) => pool.isTaken(u.allocations, 4))).toBe(false);
  });

  it('counts taken ids per range and finds the n-th free id by walking taken ids', async () => {
    await insertAllocatedVxlan(store, [2, 3, 5, 9, 50]);
    const pool = new AllocationPool(VXLAN, [
      [1, 10],
      [20, 22],
    ]);
    const counts = await units.read((u) =>
      Promise.all(pool.ranges.map((range) => pool.countTakenWithin(u.allocations, range))),
    );
    expect(counts).toEqual([4, 0]);
    const free = await units.read(async (u) => {
      const ids: Array<number | null> = [];
      for (let n = 0; n < 7; n += 1) ids.push(await pool.freeIdWithin(u.allocations, [1, 10], n));
      return ids;
    });
    expect(free).toEqual([1, 4, 6, 7, 8, 10, null]);
    expect(await units.read((u) => pool.freeIdWithin(u.allocations, [20, 22], 2))).toBe(22);
  });

  it('the walk crosses pages of taken ids', async () => {
    const taken = [...Array.from({ length: 25 }, (_, index) => 101 + index), 200];
    await insertAllocatedVxlan(store, taken);
    const pool = new AllocationPool(VXLAN, [[100, 300]], 4);
    const answers = await units.read(async (u) => [
      await pool.freeIdWithin(u.allocations, [100, 300], 0),
      await pool.freeIdWithin(u.allocations, [100, 300], 1),
      await pool.freeIdWithin(u.allocations, [100, 300], 74),
      await pool.freeIdWithin(u.allocations, [100, 300], 75),
      await pool.freeIdWithin(u.allocations, [100, 300], 174),
      await pool.freeIdWithin(u.allocations, [100, 300], 175),
    ]);
    expect(answers).toEqual([100, 126, 199, 201, 300, null]);
  });

  it('release deletes the row, inside or outside the ranges, and reports it', async () => {
    await insertAllocatedVxlan(store, [1, 500]);
    const pool = new AllocationPool(VXLAN, [[1, 2]]);
    expect(await units.transaction((u) => pool.release(u.allocations, 1))).toBe(true);
    expect(await units.transaction((u) => pool.release(u.allocations, 1))).toBe(false);
    expect(await units.transaction((u) => pool.release(u.allocations, 500))).toBe(true);
    expect(await store.read(vxlanRows)).toEqual([]);
  });
});
