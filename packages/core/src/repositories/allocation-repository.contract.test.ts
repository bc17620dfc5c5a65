import {
  FlatAllocation,
  GeneveAllocation,
  GreAllocation,
  openStore,
  type Store,
  VlanAllocation,
  VxlanAllocation,
} from '@ml2ts/store';
import { describeEachDatabase, emptyAllTables, type TestDatabase } from '@ml2ts/store/test-support';
import { type EntityManager } from 'typeorm';
import { type AllocationRepository, type AllocationScope } from './allocation-repository';
import { EntityAllocationRepository } from './entity-allocation-repository';

type RepositoryFactory = (manager: EntityManager) => AllocationRepository;

/**
 * The implementations of `AllocationRepository`; each runs on every database. A dialect-specific
 * one (prepared statements on SQLite, say) would join this list for its dialect.
 */
const IMPLEMENTATIONS: Array<[string, RepositoryFactory]> = [
  ['EntityAllocationRepository', (manager) => new EntityAllocationRepository(manager)],
];

const VXLAN: AllocationScope = { table: 'vxlan' };
const GRE: AllocationScope = { table: 'gre' };
const GENEVE: AllocationScope = { table: 'geneve' };
const PHYSNET1: AllocationScope = { table: 'vlan', physicalNetwork: 'physnet1' };
const PHYSNET2: AllocationScope = { table: 'vlan', physicalNetwork: 'physnet2' };

/** `id` of every VXLAN row, with `*` marking allocated ones, ascending. */
async function vxlanRows(manager: EntityManager): Promise<string[]> {
  const rows = await manager.find(VxlanAllocation, { order: { id: 'ASC' } });
  return rows.map((row) => `${row.id}${row.allocated ? '*' : ''}`);
}

/** `physnet:vlan` of every VLAN row, with `*` marking allocated ones, in key order. */
async function vlanRows(manager: EntityManager): Promise<string[]> {
  const rows = await manager.find(VlanAllocation, {
    order: { physicalNetwork: 'ASC', vlanId: 'ASC' },
  });
  return rows.map((row) => `${row.physicalNetwork}:${row.vlanId}${row.allocated ? '*' : ''}`);
}

/** The physical networks holding a flat network, in key order. */
async function flatRows(manager: EntityManager): Promise<string[]> {
  const rows = await manager.find(FlatAllocation, { order: { physicalNetwork: 'ASC' } });
  return rows.map((row) => row.physicalNetwork);
}

describeEachDatabase('AllocationRepository on $label', (kind) => {
  describe.each(IMPLEMENTATIONS)('%s', (_name, repositoryOf) => {
    let database: TestDatabase;
    let store: Store;

    // One database per kind and implementation; every test starts from empty tables.
    beforeAll(async () => {
      database = await kind.create();
      store = await openStore({ url: database.url });
    });
    afterAll(async () => {
      await store?.close();
      await database?.remove();
    });
    beforeEach(async () => {
      await store.transaction(emptyAllTables);
    });

    const inUnit = <T>(work: (allocations: AllocationRepository) => Promise<T>): Promise<T> =>
      store.transaction((manager) => work(repositoryOf(manager)));

    /** Inserts VXLAN rows as given (`allocated` false stands for a free row of an older version). */
    const seedVxlan = (rows: Array<[id: number, allocated: boolean]>): Promise<unknown> =>
      store.transaction((manager) =>
        manager.insert(
          VxlanAllocation,
          rows.map(([id, allocated]) => ({ id, allocated })),
        ),
      );

    /** Inserts VLAN rows as given. */
    const seedVlan = (
      rows: Array<[physicalNetwork: string, vlanId: number, allocated: boolean]>,
    ): Promise<unknown> =>
      store.transaction((manager) =>
        manager.insert(
          VlanAllocation,
          rows.map(([physicalNetwork, vlanId, allocated]) => ({
            physicalNetwork,
            vlanId,
            allocated,
          })),
        ),
      );

    describe('countTaken', () => {
      it('counts the rows in scope within inclusive bounds, free rows included', async () => {
        await seedVxlan([
          [1, true],
          [5, false],
          [9, true],
          [20, true],
        ]);
        const counts = await inUnit(async (allocations) => [
          await allocations.countTaken(VXLAN, 1, 9),
          await allocations.countTaken(VXLAN, 2, 8),
          await allocations.countTaken(VXLAN, 6, 8),
          await allocations.countTaken(VXLAN, 9, 9),
          await allocations.countTaken(VXLAN, 21, 100),
        ]);
        expect(counts).toEqual([3, 1, 0, 1, 0]);
      });

      it('takes a null bound as open', async () => {
        await seedVxlan([
          [1, true],
          [5, true],
          [9, true],
          [16777215, true],
        ]);
        const counts = await inUnit(async (allocations) => [
          await allocations.countTaken(VXLAN, null, 5),
          await allocations.countTaken(VXLAN, null, 0),
          await allocations.countTaken(VXLAN, 9, null),
          await allocations.countTaken(VXLAN, 16777216, null),
          await allocations.countTaken(VXLAN, null, null),
        ]);
        expect(counts).toEqual([2, 0, 2, 0, 4]);
      });

      it('is 0 on an empty table', async () => {
        expect(await inUnit((allocations) => allocations.countTaken(GENEVE, null, null))).toBe(0);
        expect(await inUnit((allocations) => allocations.countTaken(PHYSNET1, 1, 4094))).toBe(0);
      });
    });

    describe('isTaken', () => {
      it('is true for an allocated or a free row, false without a row', async () => {
        await seedVxlan([
          [3, true],
          [4, false],
        ]);
        const answers = await inUnit(async (allocations) => [
          await allocations.isTaken(VXLAN, 3),
          await allocations.isTaken(VXLAN, 4),
          await allocations.isTaken(VXLAN, 5),
        ]);
        expect(answers).toEqual([true, true, false]);
      });
    });

    describe('takenIds', () => {
      it('lists the ids within inclusive bounds in ascending order', async () => {
        await seedVxlan([
          [30, true],
          [2, true],
          [17, false],
          [9, true],
          [1000, true],
        ]);
        expect(await inUnit((allocations) => allocations.takenIds(VXLAN, 2, 30, 100))).toEqual([
          2, 9, 17, 30,
        ]);
        expect(await inUnit((allocations) => allocations.takenIds(VXLAN, 3, 29, 100))).toEqual([
          9, 17,
        ]);
        expect(await inUnit((allocations) => allocations.takenIds(VXLAN, 31, 999, 100))).toEqual(
          [],
        );
      });

      it('returns at most `limit` ids, the lowest ones', async () => {
        await seedVxlan([50, 10, 40, 20, 30].map((id) => [id, true]));
        const pages = await inUnit(async (allocations) => [
          await allocations.takenIds(VXLAN, 1, 100, 2),
          await allocations.takenIds(VXLAN, 21, 100, 2),
          await allocations.takenIds(VXLAN, 41, 100, 2),
          await allocations.takenIds(VXLAN, 1, 100, 1),
        ]);
        expect(pages).toEqual([[10, 20], [30, 40], [50], [10]]);
      });

      it('answers ids at the top of the 24-bit VNI range as numbers', async () => {
        await seedVxlan([
          [16777215, true],
          [16777214, true],
        ]);
        expect(await inUnit((allocations) => allocations.takenIds(VXLAN, 1, 16777215, 10))).toEqual(
          [16777214, 16777215],
        );
      });
    });

    describe('insertAllocated', () => {
      it('inserts an allocated row and answers false for a taken id', async () => {
        await seedVxlan([[4, false]]);
        const answers = await inUnit(async (allocations) => [
          await allocations.insertAllocated(VXLAN, 7),
          await allocations.insertAllocated(VXLAN, 7),
          await allocations.insertAllocated(VXLAN, 4),
        ]);
        expect(answers).toEqual([true, false, false]);
        expect(await store.read(vxlanRows)).toEqual(['4', '7*']);
      });

      it('leaves the transaction usable after a duplicate: later statements commit', async () => {
        await seedVxlan([[7, true]]);
        const answers = await inUnit(async (allocations) => {
          const first = await allocations.insertAllocated(VXLAN, 8);
          const duplicate = await allocations.insertAllocated(VXLAN, 7);
          const later = await allocations.insertAllocated(VXLAN, 9);
          const released = await allocations.release(VXLAN, 7);
          const flat = await allocations.insertFlat('physnet1');
          return [first, duplicate, later, released, flat];
        });
        expect(answers).toEqual([true, false, true, true, true]);
        expect(await store.read(vxlanRows)).toEqual(['8*', '9*']);
        expect(await store.read(flatRows)).toEqual(['physnet1']);
      });

      it('lets exactly one of two claims of one id started at once win', async () => {
        const outcome = await inUnit(async (allocations) => {
          const claims = await Promise.all([
            allocations.insertAllocated(PHYSNET1, 100),
            allocations.insertAllocated(PHYSNET1, 100),
          ]);
          return { claims, later: await allocations.insertAllocated(PHYSNET1, 101) };
        });
        expect([...outcome.claims].sort()).toEqual([false, true]);
        expect(outcome.later).toBe(true);
        expect(await store.read(vlanRows)).toEqual(['physnet1:100*', 'physnet1:101*']);
      });

      it('writes the VLAN scope and refuses a duplicate only within its physical network', async () => {
        const answers = await inUnit(async (allocations) => [
          await allocations.insertAllocated(PHYSNET1, 5),
          await allocations.insertAllocated(PHYSNET2, 5),
          await allocations.insertAllocated(PHYSNET2, 5),
        ]);
        expect(answers).toEqual([true, true, false]);
        expect(await store.read(vlanRows)).toEqual(['physnet1:5*', 'physnet2:5*']);
      });
    });

    describe('release', () => {
      it('deletes the row of the id, allocated or free, and says whether there was one', async () => {
        await seedVxlan([
          [1, true],
          [2, false],
          [3, true],
        ]);
        const answers = await inUnit(async (allocations) => [
          await allocations.release(VXLAN, 1),
          await allocations.release(VXLAN, 1),
          await allocations.release(VXLAN, 2),
          await allocations.release(VXLAN, 99),
        ]);
        expect(answers).toEqual([true, false, true, false]);
        expect(await store.read(vxlanRows)).toEqual(['3*']);
      });

      it('touches only its physical network', async () => {
        await seedVlan([
          ['physnet1', 5, true],
          ['physnet2', 5, true],
        ]);
        expect(await inUnit((allocations) => allocations.release(PHYSNET2, 5))).toBe(true);
        expect(await store.read(vlanRows)).toEqual(['physnet1:5*']);
      });
    });

    describe('deleteFree', () => {
      it('deletes only the rows with allocated false, and counts them', async () => {
        await seedVxlan([
          [1, false],
          [2, true],
          [3, false],
          [40, false],
          [50, true],
        ]);
        expect(await inUnit((allocations) => allocations.deleteFree(VXLAN))).toBe(3);
        expect(await store.read(vxlanRows)).toEqual(['2*', '50*']);
        expect(await inUnit((allocations) => allocations.deleteFree(VXLAN))).toBe(0);
        expect(await store.read(vxlanRows)).toEqual(['2*', '50*']);
      });

      it('keeps the free rows of other physical networks and other tables', async () => {
        await seedVlan([
          ['physnet1', 1, false],
          ['physnet1', 2, true],
          ['physnet2', 1, false],
          ['physnet2', 3, true],
        ]);
        await seedVxlan([[1, false]]);
        expect(await inUnit((allocations) => allocations.deleteFree(PHYSNET1))).toBe(1);
        expect(await store.read(vlanRows)).toEqual(['physnet1:2*', 'physnet2:1', 'physnet2:3*']);
        expect(await store.read(vxlanRows)).toEqual(['1']);
      });
    });

    describe('scopes', () => {
      it('keeps two VLAN physical networks apart in every read', async () => {
        await seedVlan([
          ['physnet1', 10, true],
          ['physnet1', 11, true],
          ['physnet2', 12, true],
        ]);
        const views = await inUnit(async (allocations) => ({
          counts: [
            await allocations.countTaken(PHYSNET1, null, null),
            await allocations.countTaken(PHYSNET2, null, null),
          ],
          taken: [await allocations.isTaken(PHYSNET1, 12), await allocations.isTaken(PHYSNET2, 12)],
          ids: [
            await allocations.takenIds(PHYSNET1, 1, 4094, 10),
            await allocations.takenIds(PHYSNET2, 1, 4094, 10),
          ],
        }));
        expect(views).toEqual({
          counts: [2, 1],
          taken: [false, true],
          ids: [[10, 11], [12]],
        });
      });

      it('keeps the tables apart: one id may be allocated in each', async () => {
        const answers = await inUnit(async (allocations) => [
          await allocations.insertAllocated(VXLAN, 5),
          await allocations.insertAllocated(GRE, 5),
          await allocations.insertAllocated(GENEVE, 5),
          await allocations.insertAllocated(PHYSNET1, 5),
          await allocations.isTaken(GRE, 6),
        ]);
        expect(answers).toEqual([true, true, true, true, false]);
        const counts = await store.read(async (manager) => [
          await manager.count(VxlanAllocation),
          await manager.count(GreAllocation),
          await manager.count(GeneveAllocation),
          await manager.count(VlanAllocation),
        ]);
        expect(counts).toEqual([1, 1, 1, 1]);
        expect(await inUnit((allocations) => allocations.release(GRE, 5))).toBe(true);
        expect(await inUnit((allocations) => allocations.isTaken(VXLAN, 5))).toBe(true);
        expect(await inUnit((allocations) => allocations.isTaken(GENEVE, 5))).toBe(true);
        expect(await inUnit((allocations) => allocations.isTaken(GRE, 5))).toBe(false);
      });

      it('refuses a VLAN scope without physical network and a tunnel scope with one', async () => {
        await expect(
          inUnit((allocations) => allocations.countTaken({ table: 'vlan' }, null, null)),
        ).rejects.toThrow("an allocation scope of table 'vlan' needs a physical network");
        await expect(
          inUnit((allocations) =>
            allocations.insertAllocated({ table: 'vxlan', physicalNetwork: 'physnet1' }, 1),
          ),
        ).rejects.toThrow("an allocation scope of table 'vxlan' takes no physical network");
      });
    });

    describe('vlanPhysicalNetworks', () => {
      it('lists each physical network with VLAN rows once, free rows included', async () => {
        expect(await inUnit((allocations) => allocations.vlanPhysicalNetworks())).toEqual([]);
        await seedVlan([
          ['physnet2', 1, true],
          ['physnet1', 1, false],
          ['physnet2', 2, true],
          ['physnet1', 7, true],
          ['physnet3', 4094, false],
        ]);
        const names = await inUnit((allocations) => allocations.vlanPhysicalNetworks());
        expect([...names].sort()).toEqual(['physnet1', 'physnet2', 'physnet3']);
      });
    });

    describe('flat networks', () => {
      it('takes a physical network once, until it is released', async () => {
        const answers = await inUnit(async (allocations) => [
          await allocations.flatTaken('physnet1'),
          await allocations.insertFlat('physnet1'),
          await allocations.flatTaken('physnet1'),
          await allocations.insertFlat('physnet1'),
          await allocations.insertFlat('physnet2'),
          await allocations.flatTaken('physnet3'),
        ]);
        expect(answers).toEqual([false, true, true, false, true, false]);
        expect(await store.read(flatRows)).toEqual(['physnet1', 'physnet2']);
        const released = await inUnit(async (allocations) => [
          await allocations.releaseFlat('physnet1'),
          await allocations.releaseFlat('physnet1'),
          await allocations.flatTaken('physnet1'),
        ]);
        expect(released).toEqual([true, false, false]);
        expect(await store.read(flatRows)).toEqual(['physnet2']);
      });

      it('leaves the transaction usable after a refused flat row', async () => {
        await inUnit((allocations) => allocations.insertFlat('physnet1'));
        const answers = await inUnit(async (allocations) => [
          await allocations.insertFlat('physnet1'),
          await allocations.insertAllocated(VXLAN, 1),
          await allocations.insertFlat('physnet2'),
        ]);
        expect(answers).toEqual([false, true, true]);
        expect(await store.read(flatRows)).toEqual(['physnet1', 'physnet2']);
        expect(await store.read(vxlanRows)).toEqual(['1*']);
      });

      it('is independent of the VLAN rows of the same physical network', async () => {
        await seedVlan([['physnet1', 1, true]]);
        expect(await inUnit((allocations) => allocations.flatTaken('physnet1'))).toBe(false);
        expect(await inUnit((allocations) => allocations.insertFlat('physnet1'))).toBe(true);
        expect(await inUnit((allocations) => allocations.vlanPhysicalNetworks())).toEqual([
          'physnet1',
        ]);
      });
    });
  });
});
