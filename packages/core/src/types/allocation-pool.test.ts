import { type Store, VlanAllocation, VxlanAllocation } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { AllocationPool, type AllocationTable } from './allocation-pool';
import { openTestStore } from './testing/type-test-store';

const VXLAN: AllocationTable<VxlanAllocation> = { entity: VxlanAllocation, idProperty: 'id' };
const VLAN: AllocationTable<VlanAllocation> = { entity: VlanAllocation, idProperty: 'vlanId' };

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
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('merges its ranges and stores nothing for them', async () => {
    const pool = new AllocationPool(VXLAN, {}, [
      [7, 8],
      [1, 3],
      [4, 5],
    ]);
    expect(pool.ranges).toEqual([
      [1, 5],
      [7, 8],
    ]);
    expect(await store.transaction((m) => pool.sync(m))).toEqual({
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
    const pool = new AllocationPool(VXLAN, {}, [
      [4, 6],
      [9, 10],
    ]);
    expect(await store.transaction((m) => pool.sync(m))).toEqual({
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
    const result = await store.transaction((m) => new AllocationPool(VXLAN, {}, []).sync(m));
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
    const pool = new AllocationPool(VLAN, { physicalNetwork: 'physnet1' }, [[1, 2]]);
    expect(await store.transaction((m) => pool.sync(m))).toEqual({
      deleted: 1,
      allocatedOutside: 1,
    });
    expect(await store.read(vlanRows)).toEqual(['physnet1:300*', 'physnet2:1', 'physnet2:100*']);
  });

  it('claim inserts an allocated row, inside or outside the ranges, once', async () => {
    const pool = new AllocationPool(VXLAN, {}, [[1, 2]]);
    expect(await store.transaction((m) => pool.claim(m, 2))).toMatchObject({
      id: 2,
      allocated: true,
    });
    expect(await store.transaction((m) => pool.claim(m, 2))).toBeNull();
    expect(await store.transaction((m) => pool.claim(m, 500))).toMatchObject({
      id: 500,
      allocated: true,
    });
    expect(await store.transaction((m) => pool.claim(m, 500))).toBeNull();
    expect(await store.read(vxlanRows)).toEqual([
      [2, true],
      [500, true],
    ]);
  });

  it('claim of a scoped pool writes the scope and ignores other scopes', async () => {
    const physnet1 = new AllocationPool(VLAN, { physicalNetwork: 'physnet1' }, [[1, 5]]);
    const physnet2 = new AllocationPool(VLAN, { physicalNetwork: 'physnet2' }, [[1, 5]]);
    await store.transaction(async (m) => {
      expect(await physnet1.claim(m, 3)).toMatchObject({ physicalNetwork: 'physnet1', vlanId: 3 });
      expect(await physnet2.claim(m, 3)).toMatchObject({ physicalNetwork: 'physnet2', vlanId: 3 });
      expect(await physnet2.claim(m, 3)).toBeNull();
    });
    expect(await store.read(vlanRows)).toEqual(['physnet1:3*', 'physnet2:3*']);
  });

  it('a claim that loses the insert race answers null and leaves the transaction usable', async () => {
    const pool = new AllocationPool(VXLAN, {}, [[1, 10]]);
    const outcome = await store.transaction(async (m) => {
      const claims = await Promise.all([pool.claim(m, 9), pool.claim(m, 9)]);
      const later = await pool.claim(m, 4);
      return { claims, later };
    });
    expect(outcome.claims.filter((row) => row !== null)).toEqual([
      expect.objectContaining({ id: 9, allocated: true }),
    ]);
    expect(outcome.claims.filter((row) => row === null)).toHaveLength(1);
    expect(outcome.later).toMatchObject({ id: 4 });
    expect(await store.read(vxlanRows)).toEqual([
      [4, true],
      [9, true],
    ]);
  });

  it('insertAllocated answers null for a taken id, also a free row of an older version', async () => {
    await store.transaction((m) => m.insert(VxlanAllocation, { id: 3, allocated: false }));
    const pool = new AllocationPool(VXLAN, {}, [[1, 5]]);
    expect(await store.transaction((m) => pool.insertAllocated(m, 3))).toBeNull();
    expect(await store.transaction((m) => pool.isTaken(m, 3))).toBe(true);
    expect(await store.transaction((m) => pool.isTaken(m, 4))).toBe(false);
  });

  it('counts taken ids per range and finds the n-th free id by walking taken ids', async () => {
    await insertAllocatedVxlan(store, [2, 3, 5, 9, 50]);
    const pool = new AllocationPool(VXLAN, {}, [
      [1, 10],
      [20, 22],
    ]);
    const counts = await store.read((m) =>
      Promise.all(pool.ranges.map((range) => pool.countTakenWithin(m, range))),
    );
    expect(counts).toEqual([4, 0]);
    const free = await store.read(async (m) => {
      const ids: Array<number | null> = [];
      for (let n = 0; n < 7; n += 1) ids.push(await pool.freeIdWithin(m, [1, 10], n));
      return ids;
    });
    expect(free).toEqual([1, 4, 6, 7, 8, 10, null]);
    expect(await store.read((m) => pool.freeIdWithin(m, [20, 22], 2))).toBe(22);
  });

  it('the walk crosses pages of taken ids', async () => {
    const taken = [...Array.from({ length: 25 }, (_, index) => 101 + index), 200];
    await insertAllocatedVxlan(store, taken);
    const pool = new AllocationPool(VXLAN, {}, [[100, 300]], 4);
    const answers = await store.read(async (m) => [
      await pool.freeIdWithin(m, [100, 300], 0),
      await pool.freeIdWithin(m, [100, 300], 1),
      await pool.freeIdWithin(m, [100, 300], 74),
      await pool.freeIdWithin(m, [100, 300], 75),
      await pool.freeIdWithin(m, [100, 300], 174),
      await pool.freeIdWithin(m, [100, 300], 175),
    ]);
    expect(answers).toEqual([100, 126, 199, 201, 300, null]);
  });

  it('release deletes the row, inside or outside the ranges, and reports it', async () => {
    await insertAllocatedVxlan(store, [1, 500]);
    const pool = new AllocationPool(VXLAN, {}, [[1, 2]]);
    expect(await store.transaction((m) => pool.release(m, 1))).toBe(1);
    expect(await store.transaction((m) => pool.release(m, 1))).toBe(0);
    expect(await store.transaction((m) => pool.release(m, 500))).toBe(1);
    expect(await store.read(vxlanRows)).toEqual([]);
  });
});
