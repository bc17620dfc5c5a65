import {
  ConfigurationError,
  FlatNetworkInUse,
  InvalidInput,
  Ml2Error,
  NoNetworkAvailable,
  VlanIdInUse,
} from '@ml2ts/driver-api';
import {
  FlatAllocation,
  NetworkSegment,
  type Store,
  VlanAllocation,
  VxlanAllocation,
} from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { type IdGenerator } from '@ml2ts/driver-api';
import { type RandomSource } from '@ml2ts/driver-api';
import { DuplicateNetworkSegment } from './errors/duplicate-network-segment';
import { SegmentsContainDuplicateEntry } from './errors/segments-contain-duplicate-entry';
import { SegmentsSetInConjunctionWithProviders } from './errors/segments-set-in-conjunction-with-providers';
import { firstChoice, sequentialIds } from './testing/deterministic';
import { RecordingLogger } from '@ml2ts/testkit';
import { typeTestConfiguration, type TypeTestOverrides } from './testing/type-test-configuration';
import { type Repositories, repositoriesOver, unitOfWorkFor } from '../repositories/unit-of-work';
import { insertNetwork, openTestStore } from './testing/type-test-store';
import { TypeManager } from './type-manager';

const NET = 'net-1';

/** A deployment with every type usable: two VLAN physnets, small tunnel ranges, flat anywhere. */
const DEPLOYMENT: TypeTestOverrides = {
  ml2: { tenant_network_types: ['vlan', 'vxlan'] },
  ml2_type_vlan: { network_vlan_ranges: ['physnet1:10:12', 'physnet2:20:21'] },
  ml2_type_vxlan: { vni_ranges: ['100:102'] },
  ml2_type_geneve: { vni_ranges: ['1:2'] },
  ml2_type_gre: { tunnel_id_ranges: ['1:2'] },
};

function typeManager(
  overrides: TypeTestOverrides = DEPLOYMENT,
  logger = new RecordingLogger(),
  random: RandomSource = firstChoice(),
  ids: IdGenerator = sequentialIds(),
): TypeManager {
  return new TypeManager(typeTestConfiguration(overrides), ids, random, logger);
}

/** Summary of a segment row for compact assertions. */
function describeSegment(segment: NetworkSegment): string {
  return [
    segment.segmentIndex,
    segment.networkType,
    segment.physicalNetwork ?? '-',
    segment.segmentationId ?? '-',
    segment.mtu,
    segment.isDynamic ? 'dynamic' : 'static',
  ].join(' ');
}

async function storedSegments(manager: EntityManager, networkId = NET): Promise<string[]> {
  const rows = await manager.find(NetworkSegment, {
    where: { networkId },
    order: { isDynamic: 'ASC', segmentIndex: 'ASC', id: 'ASC' },
  });
  return rows.map(describeSegment);
}

async function allocatedVlans(manager: EntityManager): Promise<string[]> {
  const rows = await manager.find(VlanAllocation, {
    where: { allocated: true },
    order: { physicalNetwork: 'ASC', vlanId: 'ASC' },
  });
  return rows.map((row) => `${row.physicalNetwork}:${row.vlanId}`);
}

/** Runs `work` and returns what it threw (fails the test when it does not throw). */
async function thrownBy(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('TypeManager', () => {
  describe('construction', () => {
    it('loads the type drivers in type_drivers order', () => {
      expect(
        typeManager({ ml2: { type_drivers: ['vxlan', 'local', 'vlan'] } }).networkTypes,
      ).toEqual(['vxlan', 'local', 'vlan']);
    });

    it('ignores a repeated type driver with an error log', () => {
      const logger = new RecordingLogger();
      const manager = typeManager({ ml2: { type_drivers: ['vlan', 'flat', 'vlan'] } }, logger);
      expect(manager.networkTypes).toEqual(['vlan', 'flat']);
      expect(logger.at('error').map((entry) => entry.message)).toHaveLength(1);
    });

    it('exposes each loaded driver by its type', () => {
      const manager = typeManager({ ml2: { type_drivers: ['vlan', 'gre'] } });
      expect(manager.driver('gre')?.networkType).toBe('gre');
      expect(manager.driver('gre')?.getMtu(null)).toBe(1458);
      expect(manager.driver('vxlan')).toBeUndefined();
    });

    it('refuses an unknown type driver name', () => {
      expect(() => typeManager({ ml2: { type_drivers: ['vlan', 'vxlan2'] } })).toThrow(
        ConfigurationError,
      );
    });
  });

  describe('with a database', () => {
    let store: Store;
    let units: Repositories;
    beforeEach(async () => {
      store = await openTestStore();
      units = repositoriesOver(store);
      await units.transaction((u) => insertNetwork(u, NET));
    });
    afterEach(async () => {
      await store.close();
    });

    async function started(
      overrides: TypeTestOverrides = DEPLOYMENT,
      logger = new RecordingLogger(),
      ids: IdGenerator = sequentialIds(),
    ): Promise<TypeManager> {
      const manager = typeManager(overrides, logger, firstChoice(), ids);
      await manager.initialize(units);
      return manager;
    }

    describe('initialize', () => {
      it('syncs every driver in one transaction', async () => {
        await store.transaction(async (m) => {
          await m.insert(VlanAllocation, [
            { physicalNetwork: 'physnet1', vlanId: 10, allocated: false },
            { physicalNetwork: 'physnet1', vlanId: 11, allocated: true },
          ]);
          await m.insert(VxlanAllocation, [
            { id: 100, allocated: false },
            { id: 5000, allocated: true },
          ]);
        });
        let transactions = 0;
        const counting: Repositories = {
          read: (work) => units.read(work),
          transaction: (work) => {
            transactions += 1;
            return units.transaction(work);
          },
        };
        await typeManager().initialize(counting);
        expect(transactions).toBe(1);
        const rows = await store.read(async (m) => [
          (await m.find(VlanAllocation)).map((row) => [row.vlanId, row.allocated]),
          (await m.find(VxlanAllocation)).map((row) => [row.id, row.allocated]),
        ]);
        expect(rows).toEqual([[[11, true]], [[5000, true]]]);
      });

      it('refuses a tenant network type that is not loaded, before touching the database', async () => {
        const manager = typeManager({
          ...DEPLOYMENT,
          ml2: { type_drivers: ['local', 'vlan'], tenant_network_types: ['vlan', 'vxlan'] },
        });
        const error = await thrownBy(() => manager.initialize(units));
        expect(error).toBeInstanceOf(ConfigurationError);
        expect((error as ConfigurationError).option).toBe('ml2.tenant_network_types');
        expect(await store.read((m) => m.count(VlanAllocation))).toBe(0);
      });

      it('refuses an external network type that is not loaded', async () => {
        const manager = typeManager({
          ml2: { type_drivers: ['local'], external_network_type: 'flat' },
        });
        const error = await thrownBy(() => manager.initialize(units));
        expect((error as ConfigurationError).option).toBe('ml2.external_network_type');
      });
    });

    describe('createNetworkSegments with provider data', () => {
      it('stores a single provider segment with index 0 and the driver MTU', async () => {
        const manager = await started();
        const segments = await units.transaction((u) =>
          manager.createNetworkSegments(u, NET, {
            provider: { networkType: 'vlan', physicalNetwork: 'physnet1', segmentationId: 11 },
            routerExternal: false,
          }),
        );
        expect(segments.map(describeSegment)).toEqual(['0 vlan physnet1 11 1500 static']);
        expect(segments[0].id).toBe('00000000-0000-4000-8000-000000000001');
        expect(await store.read(storedSegments)).toEqual(['0 vlan physnet1 11 1500 static']);
        expect(await store.read(allocatedVlans)).toEqual(['physnet1:11']);
      });

      it('stores a segments list in request order', async () => {
        const manager = await started();
        const segments = await units.transaction((u) =>
          manager.createNetworkSegments(u, NET, {
            segments: [
              { networkType: 'vxlan', segmentationId: 101 },
              { networkType: 'vlan', physicalNetwork: 'physnet2' },
              { networkType: 'flat', physicalNetwork: 'physnet3' },
            ],
            routerExternal: false,
          }),
        );
        const expected = [
          '0 vxlan - 101 1450 static',
          '1 vlan physnet2 20 1500 static',
          '2 flat physnet3 - 1500 static',
        ];
        expect(segments.map(describeSegment)).toEqual(expected);
        expect(await store.read(storedSegments)).toEqual(expected);
      });

      it('refuses provider attributes together with a segments list', async () => {
        const manager = await started();
        const error = await thrownBy(() =>
          units.transaction((u) =>
            manager.createNetworkSegments(u, NET, {
              provider: { networkType: 'vlan' },
              segments: [],
              routerExternal: false,
            }),
          ),
        );
        expect(error).toBeInstanceOf(SegmentsSetInConjunctionWithProviders);
        expect(error).toMatchObject({
          type: 'SegmentsSetInConjunctionWithProviders',
          httpStatus: 400,
          message: 'Segments and provider values cannot both be set.',
        });
      });

      it('requires network_type', async () => {
        const manager = await started();
        await expect(
          units.transaction((u) =>
            manager.createNetworkSegments(u, NET, {
              provider: { physicalNetwork: 'physnet1' },
              routerExternal: false,
            }),
          ),
        ).rejects.toThrow('Invalid input for operation: network_type required.');
      });

      it('refuses an unknown network type, also inside a segments list', async () => {
        const manager = await started({
          ...DEPLOYMENT,
          ml2: { type_drivers: ['vlan', 'vxlan'], tenant_network_types: ['vlan'] },
        });
        for (const request of [
          { provider: { networkType: 'flat', physicalNetwork: 'physnet1' }, routerExternal: false },
          { segments: [{ networkType: 'vxlan' }, { networkType: 'bogus' }], routerExternal: false },
        ]) {
          const error = await thrownBy(() =>
            units.transaction((u) => manager.createNetworkSegments(u, NET, request)),
          );
          expect(error).toBeInstanceOf(InvalidInput);
          expect((error as InvalidInput).message).toMatch(
            /network_type value '(flat|bogus)' not supported/,
          );
        }
      });

      it('refuses a segmentation id that is not an integer', async () => {
        const manager = await started();
        await expect(
          units.transaction((u) =>
            manager.createNetworkSegments(u, NET, {
              provider: { networkType: 'vxlan', segmentationId: 1.5 },
              routerExternal: false,
            }),
          ),
        ).rejects.toThrow("Invalid input for operation: '1.5' is not an integer.");
      });

      it('validates every segment before reserving any', async () => {
        const manager = await started();
        const outcome = await store.transaction(async (m) => {
          const error = await thrownBy(() =>
            manager.createNetworkSegments(unitOfWorkFor(m), NET, {
              segments: [
                { networkType: 'vlan', physicalNetwork: 'physnet1', segmentationId: 10 },
                { networkType: 'vlan', physicalNetwork: 'physnet9' },
              ],
              routerExternal: false,
            }),
          );
          return { error, allocated: await allocatedVlans(m) };
        });
        expect((outcome.error as Error).message).toBe(
          "Invalid input for operation: physical_network 'physnet9' unknown for VLAN provider network.",
        );
        expect(outcome.allocated).toEqual([]);
      });

      it('rejects fully specified duplicates but allows partial ones', async () => {
        const manager = await started();
        const duplicate = await thrownBy(() =>
          units.transaction((u) =>
            manager.createNetworkSegments(u, NET, {
              segments: [
                { networkType: 'vxlan', segmentationId: 100 },
                { networkType: 'vxlan', segmentationId: 100 },
              ],
              routerExternal: false,
            }),
          ),
        );
        expect(duplicate).toBeInstanceOf(SegmentsContainDuplicateEntry);
        expect(duplicate).toMatchObject({
          httpStatus: 400,
          message: 'Duplicate segment entry in request.',
        });
        const segments = await units.transaction((u) =>
          manager.createNetworkSegments(u, NET, {
            segments: [{ networkType: 'vxlan' }, { networkType: 'vxlan' }],
            routerExternal: false,
          }),
        );
        expect(segments.map(describeSegment)).toEqual([
          '0 vxlan - 100 1450 static',
          '1 vxlan - 101 1450 static',
        ]);
      });

      it('refuses two segments of one type on one physical network, releasing the second', async () => {
        const manager = await started();
        const outcome = await store.transaction(async (m) => {
          const error = await thrownBy(() =>
            manager.createNetworkSegments(unitOfWorkFor(m), NET, {
              segments: [
                { networkType: 'vlan', physicalNetwork: 'physnet1' },
                { networkType: 'vlan', physicalNetwork: 'physnet1' },
              ],
              routerExternal: false,
            }),
          );
          return { error, allocated: await allocatedVlans(m) };
        });
        expect(outcome.error).toBeInstanceOf(DuplicateNetworkSegment);
        expect(outcome.allocated).toEqual(['physnet1:10']);
      });

      it('passes reservation conflicts on (409)', async () => {
        const manager = await started();
        await units.transaction((u) => insertNetwork(u, 'net-2'));
        const request = {
          provider: { networkType: 'flat', physicalNetwork: 'physnet1' },
          routerExternal: false,
        };
        await units.transaction((u) => manager.createNetworkSegments(u, NET, request));
        await expect(
          units.transaction((u) => manager.createNetworkSegments(u, 'net-2', request)),
        ).rejects.toBeInstanceOf(FlatNetworkInUse);
      });
    });

    describe('createNetworkSegments without provider data', () => {
      it('takes the first tenant type that yields a segment', async () => {
        const manager = await started({
          ...DEPLOYMENT,
          ml2_type_vlan: { network_vlan_ranges: ['physnet1:10:10'] },
        });
        await units.transaction((u) => insertNetwork(u, 'net-2'));
        const first = await units.transaction((u) =>
          manager.createNetworkSegments(u, NET, { routerExternal: false }),
        );
        const second = await units.transaction((u) =>
          manager.createNetworkSegments(u, 'net-2', {
            provider: { networkType: null, physicalNetwork: null, segmentationId: null },
            routerExternal: false,
          }),
        );
        expect([...first, ...second].map(describeSegment)).toEqual([
          '0 vlan physnet1 10 1500 static',
          '0 vxlan - 100 1450 static',
        ]);
      });

      it('skips flat (never a tenant type) and falls through to local', async () => {
        const manager = await started({ ml2: { tenant_network_types: ['flat', 'local'] } });
        const segments = await units.transaction((u) =>
          manager.createNetworkSegments(u, NET, { routerExternal: false }),
        );
        expect(segments.map(describeSegment)).toEqual(['0 local - - 0 static']);
      });

      it('treats an empty or null segments list like no provider data', async () => {
        const manager = await started({ ml2: { tenant_network_types: ['local'] } });
        await units.transaction((u) => insertNetwork(u, 'net-2'));
        const segments = await units.transaction(async (u) => [
          ...(await manager.createNetworkSegments(u, NET, { segments: [], routerExternal: false })),
          ...(await manager.createNetworkSegments(u, 'net-2', {
            provider: null,
            segments: null,
            routerExternal: false,
          })),
        ]);
        expect(segments.map(describeSegment)).toEqual([
          '0 local - - 0 static',
          '0 local - - 0 static',
        ]);
      });

      it('answers 503 NoNetworkAvailable when no tenant type yields a segment', async () => {
        const manager = await started({ ml2: { tenant_network_types: ['flat', 'vlan'] } });
        const error = await thrownBy(() =>
          units.transaction((u) =>
            manager.createNetworkSegments(u, NET, { routerExternal: false }),
          ),
        );
        expect(error).toBeInstanceOf(NoNetworkAvailable);
        expect(error).toMatchObject({ httpStatus: 503 });
      });

      it('uses external_network_type for router:external networks only', async () => {
        const overrides: TypeTestOverrides = {
          ...DEPLOYMENT,
          ml2: { tenant_network_types: ['vlan'], external_network_type: 'vxlan' },
        };
        const manager = await started(overrides);
        await units.transaction((u) => insertNetwork(u, 'net-2'));
        const external = await units.transaction((u) =>
          manager.createNetworkSegments(u, NET, { routerExternal: true }),
        );
        const internal = await units.transaction((u) =>
          manager.createNetworkSegments(u, 'net-2', { routerExternal: false }),
        );
        expect([...external, ...internal].map(describeSegment)).toEqual([
          '0 vxlan - 100 1450 static',
          '0 vlan physnet1 10 1500 static',
        ]);
      });

      it('does not fall back to tenant types when the external type is exhausted', async () => {
        const manager = await started({
          ...DEPLOYMENT,
          ml2: { tenant_network_types: ['local'], external_network_type: 'vxlan' },
          ml2_type_vxlan: { vni_ranges: [] },
        });
        await expect(
          units.transaction((u) => manager.createNetworkSegments(u, NET, { routerExternal: true })),
        ).rejects.toBeInstanceOf(NoNetworkAvailable);
      });
    });

    describe('networkMtu', () => {
      it('is the smallest non-zero segment MTU, else global_physnet_mtu', () => {
        const manager = typeManager({ DEFAULT: { global_physnet_mtu: 9000 } });
        expect(manager.networkMtu([{ mtu: 1500 }, { mtu: 0 }, { mtu: 1450 }])).toBe(1450);
        expect(manager.networkMtu([{ mtu: 0 }])).toBe(9000);
        expect(manager.networkMtu([])).toBe(9000);
      });
    });

    describe('dynamic segments', () => {
      it('allocates a dynamic segment without validation and shares it', async () => {
        const manager = await started();
        const first = await units.transaction((u) =>
          manager.allocateDynamicSegment(u, NET, {
            networkType: 'vlan',
            physicalNetwork: 'physnet2',
          }),
        );
        expect(describeSegment(first)).toBe('0 vlan physnet2 20 1500 dynamic');
        const again = await units.transaction((u) =>
          manager.allocateDynamicSegment(u, NET, {
            networkType: 'vlan',
            physicalNetwork: 'physnet2',
          }),
        );
        expect(again.id).toBe(first.id);
        expect(await store.read(allocatedVlans)).toEqual(['physnet2:20']);

        const unvalidated = await units.transaction((u) =>
          manager.allocateDynamicSegment(u, NET, {
            networkType: 'vlan',
            physicalNetwork: 'physnet9',
            segmentationId: 4000,
          }),
        );
        expect(describeSegment(unvalidated)).toBe('0 vlan physnet9 4000 1500 dynamic');
      });

      it('looks existing dynamic segments up without the network type', async () => {
        const manager = await started();
        const vlan = await units.transaction((u) =>
          manager.allocateDynamicSegment(u, NET, {
            networkType: 'vlan',
            physicalNetwork: 'physnet1',
          }),
        );
        const asked = await units.transaction((u) =>
          manager.allocateDynamicSegment(u, NET, {
            networkType: 'vxlan',
            physicalNetwork: 'physnet1',
          }),
        );
        expect(asked.id).toBe(vlan.id);
        const bySegmentationId = await units.transaction((u) =>
          manager.allocateDynamicSegment(u, NET, { networkType: 'gre', segmentationId: 10 }),
        );
        expect(bySegmentationId.id).toBe(vlan.id);
      });

      it('never returns a static segment from the lookup', async () => {
        const manager = await started();
        await units.transaction((u) =>
          manager.createNetworkSegments(u, NET, {
            provider: { networkType: 'vxlan', segmentationId: 100 },
            routerExternal: false,
          }),
        );
        const dynamic = await units.transaction((u) =>
          manager
            .allocateDynamicSegment(u, NET, { networkType: 'vxlan', segmentationId: 100 })
            .catch((e: unknown) => e),
        );
        expect(dynamic).toBeInstanceOf(Error);
        expect((dynamic as Error).message).toBe(
          'Unable to create the network. The tunnel ID 100 is in use.',
        );
      });

      it('refuses a dynamic VLAN on a physnet that has a static VLAN segment, cleanly', async () => {
        const manager = await started();
        await units.transaction((u) =>
          manager.createNetworkSegments(u, NET, {
            provider: { networkType: 'vlan', physicalNetwork: 'physnet1', segmentationId: 10 },
            routerExternal: false,
          }),
        );
        const error = await units.transaction((u) =>
          manager
            .allocateDynamicSegment(u, NET, { networkType: 'vlan', physicalNetwork: 'physnet1' })
            .then(
              () => undefined,
              (e: unknown) => e,
            ),
        );
        expect(error).toBeInstanceOf(DuplicateNetworkSegment);
        expect(error).toMatchObject({ type: 'DuplicateNetworkSegment', httpStatus: 409 });
        expect(await store.read(allocatedVlans)).toEqual(['physnet1:10']);
        expect(await store.read(storedSegments)).toEqual(['0 vlan physnet1 10 1500 static']);
      });

      it('passes reservation errors and unknown types on', async () => {
        const manager = await started({
          ...DEPLOYMENT,
          ml2_type_vlan: { network_vlan_ranges: ['physnet1:10:10'] },
        });
        await units.transaction((u) => insertNetwork(u, 'net-2'));
        await units.transaction((u) =>
          manager.allocateDynamicSegment(u, NET, {
            networkType: 'vlan',
            physicalNetwork: 'physnet1',
          }),
        );
        await expect(
          units.transaction((u) =>
            manager.allocateDynamicSegment(u, 'net-2', {
              networkType: 'vlan',
              physicalNetwork: 'physnet1',
            }),
          ),
        ).rejects.toBeInstanceOf(NoNetworkAvailable);
        await expect(
          units.transaction((u) =>
            manager.allocateDynamicSegment(u, 'net-2', {
              networkType: 'vlan',
              physicalNetwork: 'physnet1',
              segmentationId: 10,
            }),
          ),
        ).rejects.toBeInstanceOf(VlanIdInUse);
        await expect(
          units.transaction((u) =>
            manager.allocateDynamicSegment(u, 'net-2', { networkType: 'mpls' }),
          ),
        ).rejects.toThrow("network_type value 'mpls' not supported");
      });

      it('releases a dynamic segment; an unknown id is only a debug log', async () => {
        const logger = new RecordingLogger();
        const manager = await started(DEPLOYMENT, logger);
        const segment = await units.transaction((u) =>
          manager.allocateDynamicSegment(u, NET, {
            networkType: 'vlan',
            physicalNetwork: 'physnet1',
          }),
        );
        await units.transaction((u) => manager.releaseDynamicSegment(u, segment.id));
        expect(await store.read(storedSegments)).toEqual([]);
        expect(await store.read(allocatedVlans)).toEqual([]);
        await units.transaction((u) => manager.releaseDynamicSegment(u, segment.id));
        expect(logger.entries.at(-1)).toMatchObject({
          level: 'debug',
          message: 'no segment found to release',
        });
      });

      it('keeps a segment of a type that is not loaded, with an error log', async () => {
        const logger = new RecordingLogger();
        const manager = await started(DEPLOYMENT, logger);
        await store.transaction((m) =>
          m.insert(NetworkSegment, {
            id: 'seg-odd',
            networkId: NET,
            networkType: 'mpls',
            physicalNetwork: null,
            segmentationId: 1,
            segmentIndex: 0,
            isDynamic: true,
            mtu: 0,
            name: null,
          }),
        );
        await units.transaction((u) => manager.releaseDynamicSegment(u, 'seg-odd'));
        expect(logger.at('error').map((entry) => entry.message)).toEqual([
          'cannot release segment: its network type is not supported',
        ]);
        expect(await store.read((m) => m.existsBy(NetworkSegment, { id: 'seg-odd' }))).toBe(true);
      });
    });

    describe('releaseNetworkSegments', () => {
      it('releases static and dynamic segments and deletes every row', async () => {
        const logger = new RecordingLogger();
        const manager = await started(DEPLOYMENT, logger);
        await store.transaction(async (m) => {
          const unit = unitOfWorkFor(m);
          await manager.createNetworkSegments(unit, NET, {
            segments: [
              { networkType: 'vlan', physicalNetwork: 'physnet1', segmentationId: 11 },
              { networkType: 'vxlan', segmentationId: 5000 },
              { networkType: 'flat', physicalNetwork: 'physnet3' },
              { networkType: 'local' },
            ],
            routerExternal: false,
          });
          await manager.allocateDynamicSegment(unit, NET, {
            networkType: 'vlan',
            physicalNetwork: 'physnet2',
          });
          await m.insert(NetworkSegment, {
            id: 'seg-odd',
            networkId: NET,
            networkType: 'mpls',
            physicalNetwork: null,
            segmentationId: 1,
            segmentIndex: 4,
            isDynamic: false,
            mtu: 0,
            name: null,
          });
        });
        await units.transaction((u) => manager.releaseNetworkSegments(u, NET));
        const state = await store.read(async (m) => ({
          segments: await storedSegments(m),
          vlans: await allocatedVlans(m),
          vxlanOutside: await m.existsBy(VxlanAllocation, { id: 5000 }),
          flat: await m.count(FlatAllocation),
        }));
        expect(state).toEqual({ segments: [], vlans: [], vxlanOutside: false, flat: 0 });
        expect(logger.at('error').map((entry) => entry.message)).toEqual([
          'cannot release segment: its network type is not supported',
        ]);
      });
    });

    it('throws an internal error when a constraint other than one segment per physnet refuses a row', async () => {
      const sameId: IdGenerator = { uuid: () => 'same-id', macAddress: () => 'fa:16:3e:00:00:01' };
      const manager = await started(DEPLOYMENT, new RecordingLogger(), sameId);
      // Caught inside the unit of work: what the TypeManager throws, before the store sees it.
      const error = await units.transaction((u) =>
        thrownBy(() =>
          manager.createNetworkSegments(u, NET, {
            segments: [{ networkType: 'vxlan' }, { networkType: 'vxlan' }],
            routerExternal: false,
          }),
        ),
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(Ml2Error);
      expect((error as Error).message).toMatch(
        /^segment row same-id .* refused by a unique constraint/,
      );
    });
  });
});
