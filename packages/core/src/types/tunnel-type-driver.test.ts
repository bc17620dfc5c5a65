import { ConfigurationError, NoNetworkAvailable, TunnelIdInUse } from '@ml2ts/driver-api';
import { GeneveAllocation, GreAllocation, type Store, VxlanAllocation } from '@ml2ts/store';
import { type RandomSource } from '@ml2ts/driver-api';
import { GeneveTypeDriver } from './geneve-type-driver';
import { GreTypeDriver } from './gre-type-driver';
import { firstChoice, lastChoice, ScriptedRandom } from './testing/deterministic';
import { RecordingLogger } from '@ml2ts/testkit';
import { typeTestConfiguration, type TypeTestOverrides } from './testing/type-test-configuration';
import { openTestStore } from './testing/type-test-store';
import { type Repositories, repositoriesOver } from '../repositories/unit-of-work';
import { VxlanTypeDriver } from './vxlan-type-driver';

function vxlanDriver(
  ranges: string[],
  random: RandomSource = firstChoice(),
  logger = new RecordingLogger(),
): VxlanTypeDriver {
  return new VxlanTypeDriver(
    typeTestConfiguration({ ml2_type_vxlan: { vni_ranges: ranges } }),
    random,
    logger,
  );
}

describe('tunnel type drivers', () => {
  describe('validateProviderSegment', () => {
    it('refuses a physical network, naming the type', () => {
      expect(() =>
        vxlanDriver([]).validateProviderSegment({
          networkType: 'vxlan',
          physicalNetwork: 'physnet1',
        }),
      ).toThrow(
        'Invalid input for operation: provider:physical_network specified for vxlan network.',
      );
      const gre = new GreTypeDriver(typeTestConfiguration(), firstChoice(), new RecordingLogger());
      expect(() =>
        gre.validateProviderSegment({ networkType: 'gre', physicalNetwork: 'physnet1' }),
      ).toThrow('provider:physical_network specified for gre network');
    });

    it('does not range-check provider segmentation ids', () => {
      const driver = vxlanDriver(['1:10']);
      for (const segmentationId of [0, 11, 16777216, 2 ** 40]) {
        expect(() =>
          driver.validateProviderSegment({ networkType: 'vxlan', segmentationId }),
        ).not.toThrow();
      }
    });

    it('is partial exactly when no segmentation id is given', () => {
      const driver = vxlanDriver([]);
      expect(driver.isPartialSegment({ networkType: 'vxlan' })).toBe(true);
      expect(driver.isPartialSegment({ networkType: 'vxlan', segmentationId: 0 })).toBe(false);
    });
  });

  it('throws ConfigurationError for ranges outside the protocol bounds', () => {
    expect(() => vxlanDriver(['1:16777216'])).toThrow(ConfigurationError);
    expect(
      () =>
        new GreTypeDriver(
          typeTestConfiguration({ ml2_type_gre: { tunnel_id_ranges: ['0:5'] } }),
          firstChoice(),
          new RecordingLogger(),
        ),
    ).toThrow(ConfigurationError);
  });

  describe('MTU', () => {
    const mtus = (overrides: TypeTestOverrides) => {
      const config = typeTestConfiguration(overrides);
      const logger = new RecordingLogger();
      return [
        new VxlanTypeDriver(config, firstChoice(), logger).getMtu(null),
        new GreTypeDriver(config, firstChoice(), logger).getMtu(null),
        new GeneveTypeDriver(config, firstChoice(), logger).getMtu(null),
      ];
    };

    it('defaults to vxlan 1450, gre 1458, geneve 1450', () => {
      expect(mtus({})).toEqual([1450, 1458, 1450]);
    });

    it('uses the smaller of global_physnet_mtu and path_mtu', () => {
      expect(mtus({ ml2: { path_mtu: 9000 } })).toEqual([1450, 1458, 1450]);
      expect(mtus({ ml2: { path_mtu: 1400 } })).toEqual([1350, 1358, 1350]);
      expect(mtus({ DEFAULT: { global_physnet_mtu: 0 }, ml2: { path_mtu: 9000 } })).toEqual([
        8950, 8958, 8950,
      ]);
    });

    it('subtracts 40 bytes of IP header for an IPv6 overlay', () => {
      expect(mtus({ ml2: { overlay_ip_version: 6 } })).toEqual([1430, 1438, 1430]);
    });

    it('uses max_header_size for geneve', () => {
      expect(mtus({ ml2_type_geneve: { max_header_size: 38 } })[2]).toBe(1442);
    });

    it('is 0 when neither global_physnet_mtu nor path_mtu is set', () => {
      expect(mtus({ DEFAULT: { global_physnet_mtu: 0 } })).toEqual([0, 0, 0]);
    });
  });

  describe('with a database', () => {
    let store: Store;
    let units: Repositories;
    beforeEach(async () => {
      store = await openTestStore();
      units = repositoriesOver(store);
    });
    afterEach(async () => {
      await store.close();
    });

    it('each driver allocates in its own table; start-up stores no row for the ranges', async () => {
      const config = typeTestConfiguration({
        ml2_type_vxlan: { vni_ranges: ['1:3'] },
        ml2_type_geneve: { vni_ranges: ['1:4'] },
        ml2_type_gre: { tunnel_id_ranges: ['4294967290:4294967295'] },
      });
      const logger = new RecordingLogger();
      const drivers = [
        new VxlanTypeDriver(config, lastChoice(), logger),
        new GeneveTypeDriver(config, lastChoice(), logger),
        new GreTypeDriver(config, lastChoice(), logger),
      ];
      await units.transaction(async (u) => {
        for (const driver of drivers) await driver.initialize(u.allocations);
      });
      const counts = () =>
        store.read(async (m) => [
          await m.count(VxlanAllocation),
          await m.count(GeneveAllocation),
          await m.count(GreAllocation),
        ]);
      expect(await counts()).toEqual([0, 0, 0]);
      const ids = [];
      for (const driver of drivers) {
        ids.push(
          (await units.transaction((u) => driver.allocateTenantSegment(u.allocations)))
            ?.segmentationId,
        );
      }
      expect(ids).toEqual([3, 4, 4294967295]);
      expect(await counts()).toEqual([1, 1, 1]);
      expect(await store.read((m) => m.existsBy(GreAllocation, { id: 4294967295 }))).toBe(true);
    });

    it('tenant ids are random over ALL ranges', async () => {
      const random = lastChoice();
      const driver = vxlanDriver(['100:102', '5:6'], random);
      await units.transaction((u) => driver.initialize(u.allocations));
      const first = await units.transaction((u) => driver.allocateTenantSegment(u.allocations));
      expect(first).toEqual({
        networkType: 'vxlan',
        physicalNetwork: null,
        segmentationId: 102,
        mtu: 1450,
      });
      expect(random.bounds).toEqual([5]);
      const picker = new ScriptedRandom(() => 0);
      const other = vxlanDriver(['100:102', '5:6'], picker);
      expect(
        await units.transaction((u) => other.allocateTenantSegment(u.allocations)),
      ).toMatchObject({
        segmentationId: 5,
      });
      expect(picker.bounds).toEqual([4]);
    });

    it('hands out every id of a small range exactly once, then nothing', async () => {
      let call = 0;
      const driver = vxlanDriver(
        ['1:4', '10:12'],
        new ScriptedRandom((bound) => (call++ * 5) % bound),
      );
      await units.transaction((u) => driver.initialize(u.allocations));
      const ids: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const segment = await units.transaction((u) => driver.allocateTenantSegment(u.allocations));
        if (segment !== null) ids.push(segment.segmentationId as number);
      }
      expect([...ids].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 10, 11, 12]);
      expect(
        await units.transaction((u) => driver.allocateTenantSegment(u.allocations)),
      ).toBeNull();
      await expect(
        units.transaction((u) =>
          driver.reserveProviderSegment(u.allocations, { networkType: 'vxlan' }),
        ),
      ).rejects.toBeInstanceOf(NoNetworkAvailable);
    });

    it('fully specified provider ids are taken once (409 TunnelIdInUse)', async () => {
      const driver = vxlanDriver(['1:10']);
      await units.transaction((u) => driver.initialize(u.allocations));
      const request = { networkType: 'vxlan', segmentationId: 7 };
      await units.transaction((u) => driver.reserveProviderSegment(u.allocations, request));
      const again = units.transaction((u) => driver.reserveProviderSegment(u.allocations, request));
      await expect(again).rejects.toBeInstanceOf(TunnelIdInUse);
      await expect(again).rejects.toThrow(
        'Unable to create the network. The tunnel ID 7 is in use.',
      );
    });

    it('out-of-range provider ids get an allocated row that release deletes', async () => {
      const driver = vxlanDriver(['1:2']);
      await units.transaction((u) => driver.initialize(u.allocations));
      const segment = await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, {
          networkType: 'vxlan',
          segmentationId: 5000,
        }),
      );
      expect(segment).toEqual({
        networkType: 'vxlan',
        physicalNetwork: null,
        segmentationId: 5000,
        mtu: 1450,
      });
      expect(await store.read((m) => m.findOneBy(VxlanAllocation, { id: 5000 }))).toMatchObject({
        allocated: true,
      });
      await units.transaction((u) => driver.releaseSegment(u.allocations, segment));
      expect(await store.read((m) => m.existsBy(VxlanAllocation, { id: 5000 }))).toBe(false);
      expect(await store.read((m) => m.count(VxlanAllocation))).toBe(0);
    });

    it('release returns in-range ids to the pool; a missing one is a warning', async () => {
      const logger = new RecordingLogger();
      const driver = vxlanDriver(['1:2'], firstChoice(), logger);
      await units.transaction((u) => driver.initialize(u.allocations));
      const segment = await units.transaction((u) => driver.allocateTenantSegment(u.allocations));
      expect(segment).toMatchObject({ segmentationId: 1 });
      await units.transaction((u) => driver.releaseSegment(u.allocations, segment!));
      expect(await store.read((m) => m.existsBy(VxlanAllocation, { id: 1 }))).toBe(false);
      expect(logger.at('warn').map((entry) => entry.message)).toEqual([]);
      expect(
        await units.transaction((u) => driver.allocateTenantSegment(u.allocations)),
      ).toMatchObject({
        segmentationId: 1,
      });
      await units.transaction((u) =>
        driver.releaseSegment(u.allocations, { ...segment!, segmentationId: 77 }),
      );
      expect(logger.at('warn').map((entry) => entry.message)).toEqual(['tunnel id not found']);
    });

    it('release of a segment without segmentation id only warns', async () => {
      const logger = new RecordingLogger();
      const driver = vxlanDriver(['1:2'], firstChoice(), logger);
      await units.transaction((u) => driver.initialize(u.allocations));
      await units.transaction((u) =>
        driver.releaseSegment(u.allocations, {
          networkType: 'vxlan',
          physicalNetwork: null,
          segmentationId: null,
          mtu: 0,
        }),
      );
      expect(logger.at('warn').map((entry) => entry.message)).toEqual([
        'cannot release tunnel segment without segmentation id',
      ]);
      expect(await store.read((m) => m.count(VxlanAllocation))).toBe(0);
    });

    it('start-up keeps allocated ids outside new ranges and drops free rows of older versions', async () => {
      const logger = new RecordingLogger();
      const driver = vxlanDriver(['1:3']);
      await units.transaction((u) => driver.initialize(u.allocations));
      await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, { networkType: 'vxlan', segmentationId: 3 }),
      );
      await store.transaction((m) =>
        m.insert(VxlanAllocation, [
          { id: 1, allocated: false },
          { id: 10, allocated: false },
        ]),
      );
      const moved = vxlanDriver(['10:11'], firstChoice(), logger);
      await units.transaction((u) => moved.initialize(u.allocations));
      const rows = await store.read((m) => m.find(VxlanAllocation, { order: { id: 'ASC' } }));
      expect(rows.map((row) => [row.id, row.allocated])).toEqual([[3, true]]);
      expect(logger.at('info').at(-1)?.fields).toMatchObject({
        deleted_free_rows: 2,
        allocated_outside_ranges: 1,
      });
      const ids = [];
      for (let i = 0; i < 3; i += 1) {
        ids.push(
          (await units.transaction((u) => moved.allocateTenantSegment(u.allocations)))
            ?.segmentationId,
        );
      }
      expect(ids).toEqual([10, 11, undefined]);
    });

    it('start-up of the full VNI range stores nothing; its ends are allocatable', async () => {
      const driver = vxlanDriver(['1:16777215']);
      await units.transaction((u) => driver.initialize(u.allocations));
      expect(await store.read((m) => m.count(VxlanAllocation))).toBe(0);
      const segment = await units.transaction((u) => driver.allocateTenantSegment(u.allocations));
      expect(segment).toMatchObject({ segmentationId: 1 });
      const random = lastChoice();
      const last = await units.transaction((u) =>
        vxlanDriver(['1:16777215'], random).allocateTenantSegment(u.allocations),
      );
      expect(last).toMatchObject({ segmentationId: 16777215 });
      expect(random.bounds).toEqual([16777214]);
      expect(await store.read((m) => m.count(VxlanAllocation))).toBe(2);
    });
  });
});
