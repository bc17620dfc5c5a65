import { type Store, VlanAllocation, VxlanAllocation } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import {
  type AllocationRepository,
  type AllocationScope,
} from '../repositories/allocation-repository';
import { type Repositories, repositoriesOver } from '../repositories/unit-of-work';
import { AllocationPool } from './allocation-pool';
import { claimRandomFree } from './claim-random-free';
import { SegmentAllocationRaceLost } from './errors/segment-allocation-race-lost';
import { type IdRange, isInsideRanges } from './id-ranges';
import { firstChoice, lastChoice, ScriptedRandom } from './testing/deterministic';
import { openTestStore } from './testing/type-test-store';

const VXLAN: AllocationScope = { table: 'vxlan' };

/** The scope of one physical network's VLANs. */
function vlanOn(physicalNetwork: string): AllocationScope {
  return { table: 'vlan', physicalNetwork };
}

async function vxlanIds(manager: EntityManager): Promise<number[]> {
  const rows = await manager.find(VxlanAllocation, { order: { id: 'ASC' } });
  return rows.map((row) => row.id);
}

async function insertAllocatedVxlan(store: Store, ids: readonly number[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 500) {
    await store.transaction((m) =>
      m.insert(
        VxlanAllocation,
        ids.slice(start, start + 500).map((id) => ({ id, allocated: true })),
      ),
    );
  }
}

/**
 * A pool whose reads cannot see the row of `hiddenId` although it exists: the view of a
 * transaction whose snapshot predates a concurrent claim that committed (REPEATABLE READ).
 */
class StaleSnapshotPool extends AllocationPool {
  constructor(
    ranges: Array<[number, number]>,
    private readonly hiddenId: number,
  ) {
    super(VXLAN, ranges);
  }

  override async countTakenWithin(
    allocations: AllocationRepository,
    range: IdRange,
  ): Promise<number> {
    const counted = await super.countTakenWithin(allocations, range);
    return isInsideRanges(this.hiddenId, [range]) ? counted - 1 : counted;
  }

  override async isTaken(allocations: AllocationRepository, id: number): Promise<boolean> {
    return id !== this.hiddenId && super.isTaken(allocations, id);
  }

  override async freeIdWithin(
    allocations: AllocationRepository,
    [min, max]: IdRange,
    n: number,
  ): Promise<number | null> {
    const taken = new Set(await allocations.takenIds(this.scope, min, max, max - min + 1));
    taken.delete(this.hiddenId);
    const free = [];
    for (let id = min; id <= max; id += 1) if (!taken.has(id)) free.push(id);
    return free[n] ?? null;
  }
}

/** A seeded generator (64-bit LCG), for statistical checks that never flake. */
function seededRandom(seed: number): ScriptedRandom {
  let state = BigInt(seed);
  return new ScriptedRandom((bound) => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number((state >> 11n) % BigInt(bound));
  });
}

describe('claimRandomFree', () => {
  let store: Store;
  let units: Repositories;
  beforeEach(async () => {
    store = await openTestStore();
    units = repositoriesOver(store);
  });
  afterEach(async () => {
    await store.close();
  });

  it('claims the free id at a random offset over all ranges, in ascending order', async () => {
    await insertAllocatedVxlan(store, [2, 4]);
    const pool = new AllocationPool(VXLAN, [
      [10, 11],
      [1, 5],
    ]);
    const random = new ScriptedRandom((bound) => (bound === 5 ? 3 : 0));
    const row = await units.transaction((u) => claimRandomFree(u.allocations, [pool], random));
    expect(row).toEqual({ scope: VXLAN, id: 10 });
    expect(random.bounds).toEqual([5]);
    expect(await store.read(vxlanIds)).toEqual([2, 4, 10]);
  });

  it('walks pools in the order given, each ascending', async () => {
    const physnetA = new AllocationPool(vlanOn('physnetA'), [[1, 2]]);
    const physnetB = new AllocationPool(vlanOn('physnetB'), [[7, 7]]);
    const picks = await units.transaction(async (u) => [
      await claimRandomFree(u.allocations, [physnetA, physnetB], lastChoice()),
      await claimRandomFree(u.allocations, [physnetA, physnetB], firstChoice()),
      await claimRandomFree(u.allocations, [physnetA, physnetB], firstChoice()),
      await claimRandomFree(u.allocations, [physnetA, physnetB], firstChoice()),
    ]);
    expect(picks.map((row) => row && `${row.scope.physicalNetwork}:${row.id}`)).toEqual([
      'physnetB:7',
      'physnetA:1',
      'physnetA:2',
      null,
    ]);
  });

  it('answers null when nothing is free, without asking for randomness', async () => {
    await insertAllocatedVxlan(store, [1, 2]);
    const random = firstChoice();
    const full = new AllocationPool(VXLAN, [[1, 2]]);
    const empty = new AllocationPool(VXLAN, []);
    expect(
      await units.transaction((u) => claimRandomFree(u.allocations, [full, empty], random)),
    ).toBeNull();
    expect(await units.transaction((u) => claimRandomFree(u.allocations, [], random))).toBeNull();
    expect(random.bounds).toEqual([]);
  });

  it('ids allocated outside the ranges do not count against them', async () => {
    await insertAllocatedVxlan(store, [1, 9]);
    const random = lastChoice();
    const pool = new AllocationPool(VXLAN, [[3, 5]]);
    const row = await units.transaction((u) => claimRandomFree(u.allocations, [pool], random));
    expect(row).toMatchObject({ id: 5 });
    expect(random.bounds).toEqual([3]);
  });

  it('a claim that loses the race tries another id and leaves the transaction usable', async () => {
    const pool = new AllocationPool(VXLAN, [[1, 3]]);
    const outcome = await units.transaction(async (u) => {
      const rows = await Promise.all([
        claimRandomFree(u.allocations, [pool], lastChoice()),
        claimRandomFree(u.allocations, [pool], lastChoice()),
      ]);
      const later = await pool.claim(u.allocations, 1);
      return { ids: rows.map((row) => row?.id), later };
    });
    expect([...outcome.ids].sort()).toEqual([2, 3]);
    expect(outcome.later).toBe(true);
    expect(await store.read(vxlanIds)).toEqual([1, 2, 3]);
  });

  it('throws SegmentAllocationRaceLost (503) when every attempt lost its race', async () => {
    const pool = new AllocationPool(VXLAN, [[1, 3]]);
    const results = await units.transaction((u) =>
      Promise.allSettled([
        claimRandomFree(u.allocations, [pool], lastChoice(), { maxAttempts: 1 }),
        claimRandomFree(u.allocations, [pool], lastChoice(), { maxAttempts: 1 }),
      ]),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toEqual([
      { status: 'fulfilled', value: expect.objectContaining({ id: 3 }) },
    ]);
    const lost = results.find((result) => result.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(SegmentAllocationRaceLost);
    expect((lost?.reason as SegmentAllocationRaceLost).httpStatus).toBe(503);
  });

  it('under a stale snapshot, an id lost to a concurrent claim is never chosen again', async () => {
    await insertAllocatedVxlan(store, [1, 3]);
    const walkRandom = lastChoice();
    const lastPicked = await units.transaction((u) =>
      claimRandomFree(u.allocations, [new StaleSnapshotPool([[1, 3]], 3)], walkRandom),
    );
    expect(lastPicked).toMatchObject({ id: 2 });
    expect(walkRandom.bounds).toEqual([2, 1]);

    await store.transaction((m) => m.delete(VxlanAllocation, { id: 2 }));
    const firstRandom = firstChoice();
    const firstPicked = await units.transaction((u) =>
      claimRandomFree(u.allocations, [new StaleSnapshotPool([[1, 3]], 1)], firstRandom),
    );
    expect(firstPicked).toMatchObject({ id: 2 });
    expect(firstRandom.bounds).toEqual([2, 1]);

    await store.transaction((m) => m.delete(VxlanAllocation, { id: 2 }));
    const probes = [0, 2, 1];
    const probeRandom = new ScriptedRandom(() => probes.shift() ?? 0);
    const probed = await units.transaction((u) =>
      claimRandomFree(u.allocations, [new StaleSnapshotPool([[1, 3]], 1)], probeRandom, {
        walkLimit: 0,
        probeMinFreeShare: 0,
      }),
    );
    expect(probed).toMatchObject({ id: 2 });
    expect(probeRandom.bounds).toEqual([3, 3, 3]);
  });

  it('probes random ids when many are taken but most are free', async () => {
    await insertAllocatedVxlan(store, [1, 2, 3, 4]);
    const pool = new AllocationPool(VXLAN, [[1, 20]]);
    // Probes land on taken 1 and 4, then on free 7; the walk is never needed.
    const picks = [0, 3, 6];
    const random = new ScriptedRandom(() => picks.shift() ?? 0);
    const row = await units.transaction((u) =>
      claimRandomFree(u.allocations, [pool], random, { walkLimit: 2 }),
    );
    expect(row).toMatchObject({ id: 7 });
    expect(random.bounds).toEqual([20, 20, 20]);
  });

  it('falls back to the walk after too many probes hit taken ids', async () => {
    await insertAllocatedVxlan(store, [1, 2, 3, 4]);
    const pool = new AllocationPool(VXLAN, [[1, 20]]);
    const random = new ScriptedRandom((bound) => (bound === 20 ? 0 : 1));
    const row = await units.transaction((u) =>
      claimRandomFree(u.allocations, [pool], random, { walkLimit: 2, maxProbes: 3 }),
    );
    expect(row).toMatchObject({ id: 6 });
    expect(random.bounds).toEqual([20, 20, 20, 16]);
  });

  it('uses the walk, not probes, when the ranges are mostly full', async () => {
    await insertAllocatedVxlan(
      store,
      Array.from({ length: 18 }, (_, index) => index + 1),
    );
    const pool = new AllocationPool(VXLAN, [[1, 20]]);
    const random = lastChoice();
    const row = await units.transaction((u) =>
      claimRandomFree(u.allocations, [pool], random, { walkLimit: 2 }),
    );
    expect(row).toMatchObject({ id: 20 });
    expect(random.bounds).toEqual([2]);
  });

  it('hands out every id of a nearly full VLAN range exactly once, then nothing', async () => {
    const taken = Array.from({ length: 4094 }, (_, index) => index + 1).filter(
      (id) => ![17, 2048, 4094].includes(id),
    );
    await store.transaction(async (m) => {
      for (let start = 0; start < taken.length; start += 300) {
        await m.insert(
          VlanAllocation,
          taken
            .slice(start, start + 300)
            .map((vlanId) => ({ physicalNetwork: 'physnet1', vlanId, allocated: true })),
        );
      }
    });
    const pool = new AllocationPool(vlanOn('physnet1'), [[1, 4094]]);
    const random = seededRandom(7);
    const claimed = await units.transaction(async (u) => {
      const ids: Array<number | null> = [];
      for (let i = 0; i < 4; i += 1) {
        ids.push((await claimRandomFree(u.allocations, [pool], random))?.id ?? null);
      }
      return ids;
    });
    expect(claimed.slice(0, 3).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([17, 2048, 4094]);
    expect(claimed[3]).toBeNull();
    expect(random.bounds).toEqual([3, 2, 1]);
  });

  it('claims in a full 24-bit range with few allocations without reading the range', async () => {
    await insertAllocatedVxlan(store, [1, 8388608, 16777215]);
    const pool = new AllocationPool(VXLAN, [[1, 16777215]]);
    const random = lastChoice();
    const rows = await units.transaction(async (u) => [
      await claimRandomFree(u.allocations, [pool], random),
      await claimRandomFree(u.allocations, [pool], firstChoice()),
    ]);
    expect(rows.map((row) => row?.id)).toEqual([16777214, 2]);
    expect(random.bounds).toEqual([16777212]);
  });

  it('is uniform over the free ids, with either strategy', async () => {
    await insertAllocatedVxlan(store, [2, 3, 5, 8, 13]);
    const pool = new AllocationPool(VXLAN, [
      [1, 10],
      [12, 16],
    ]);
    const free = [1, 4, 6, 7, 9, 10, 12, 14, 15, 16];
    for (const options of [{}, { walkLimit: 0, probeMinFreeShare: 0 }]) {
      const random = seededRandom(42);
      const counts = new Map<number, number>();
      const draws = 2000;
      await units.transaction(async (u) => {
        for (let i = 0; i < draws; i += 1) {
          const row = await claimRandomFree(u.allocations, [pool], random, options);
          counts.set(row!.id, (counts.get(row!.id) ?? 0) + 1);
          await pool.release(u.allocations, row!.id);
        }
      });
      expect([...counts.keys()].sort((a, b) => a - b)).toEqual(free);
      // Each of the 10 free ids expects 200 draws; 4.5 standard deviations is about ±60.
      for (const count of counts.values()) {
        expect(count).toBeGreaterThan(140);
        expect(count).toBeLessThan(260);
      }
    }
  });
});
