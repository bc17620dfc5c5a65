import { ConfigurationError, NoNetworkAvailable, VlanIdInUse } from '@ml2ts/driver-api';
import { type Store, VlanAllocation } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { type RandomSource } from '@ml2ts/driver-api';
import { firstChoice, lastChoice, ScriptedRandom } from './testing/deterministic';
import { RecordingLogger } from '@ml2ts/testkit';
import { typeTestConfiguration, type TypeTestOverrides } from './testing/type-test-configuration';
import { openTestStore } from './testing/type-test-store';
import { type Repositories, repositoriesOver } from '../repositories/unit-of-work';
import { VlanTypeDriver } from './vlan-type-driver';

function vlanDriver(
  ranges: string[],
  random: RandomSource = firstChoice(),
  overrides: TypeTestOverrides = {},
  logger = new RecordingLogger(),
): VlanTypeDriver {
  return new VlanTypeDriver(
    typeTestConfiguration({ ...overrides, ml2_type_vlan: { network_vlan_ranges: ranges } }),
    random,
    logger,
  );
}

/** `physnet:vlan` of every row, with `*` marking allocated ones. */
async function vlanRows(manager: EntityManager): Promise<string[]> {
  const rows = await manager.find(VlanAllocation, {
    order: { physicalNetwork: 'ASC', vlanId: 'ASC' },
  });
  return rows.map((row) => `${row.physicalNetwork}:${row.vlanId}${row.allocated ? '*' : ''}`);
}

describe('VlanTypeDriver', () => {
  describe('validateProviderSegment', () => {
    const driver = vlanDriver(['physnet1:100:200', 'physnet2']);

    it('accepts configured physical networks with or without an in-range VLAN id', () => {
      for (const segment of [
        { networkType: 'vlan', physicalNetwork: 'physnet1' },
        { networkType: 'vlan', physicalNetwork: 'physnet1', segmentationId: 1 },
        { networkType: 'vlan', physicalNetwork: 'physnet1', segmentationId: 4094 },
        { networkType: 'vlan' },
      ]) {
        expect(() => driver.validateProviderSegment(segment)).not.toThrow();
      }
    });

    it('refuses an unknown physical network', () => {
      expect(() =>
        driver.validateProviderSegment({ networkType: 'vlan', physicalNetwork: 'physnet9' }),
      ).toThrow(
        "Invalid input for operation: physical_network 'physnet9' unknown for VLAN provider network.",
      );
    });

    it.each([0, 4095, -1, 1.5])('refuses VLAN id %p as out of range', (segmentationId) => {
      expect(() =>
        driver.validateProviderSegment({
          networkType: 'vlan',
          physicalNetwork: 'physnet1',
          segmentationId,
        }),
      ).toThrow('Invalid input for operation: segmentation_id out of range (1 through 4094).');
    });

    it('refuses a VLAN id without physical network', () => {
      expect(() =>
        driver.validateProviderSegment({ networkType: 'vlan', segmentationId: 5 }),
      ).toThrow(
        'Invalid input for operation: segmentation_id requires physical_network for VLAN provider network.',
      );
    });

    it('is partial exactly when no VLAN id is given', () => {
      expect(driver.isPartialSegment({ networkType: 'vlan', physicalNetwork: 'physnet1' })).toBe(
        true,
      );
      expect(driver.isPartialSegment({ networkType: 'vlan', segmentationId: null })).toBe(true);
      expect(
        driver.isPartialSegment({ networkType: 'vlan', physicalNetwork: 'p', segmentationId: 7 }),
      ).toBe(false);
    });
  });

  it('throws ConfigurationError for a bad network_vlan_ranges entry', () => {
    expect(() => vlanDriver(['physnet1:10'])).toThrow(ConfigurationError);
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

    it('a bare physical network means VLANs 1..4094 and overrides explicit ranges', async () => {
      const ranges = ['physnet1:100:102', 'physnet1', 'physnet1:200:201', 'physnet2:5:6'];
      const last = lastChoice();
      const driver = vlanDriver(ranges, last);
      await units.transaction((u) => driver.initialize(u.allocations));
      expect(await store.read(vlanRows)).toEqual([]);
      const reserve = (physicalNetwork: string, chosen: VlanTypeDriver) =>
        units.transaction((u) =>
          chosen.reserveProviderSegment(u.allocations, { networkType: 'vlan', physicalNetwork }),
        );
      expect(await reserve('physnet1', driver)).toMatchObject({ segmentationId: 4094 });
      expect(await reserve('physnet1', vlanDriver(ranges))).toMatchObject({ segmentationId: 1 });
      expect(await reserve('physnet2', driver)).toMatchObject({ segmentationId: 6 });
      expect(last.bounds).toEqual([4094, 2]);
      expect(driver.physicalNetworks).toEqual(['physnet1', 'physnet2']);
    });

    it('start-up stores no row for the ranges, whatever their size', async () => {
      const driver = vlanDriver(['physnet1', 'physnet2', 'physnet3:1:4094']);
      await units.transaction((u) => driver.initialize(u.allocations));
      expect(await store.read((m) => m.count(VlanAllocation))).toBe(0);
    });

    it('start-up NEVER deletes an allocated row, also of unconfigured physical networks', async () => {
      const logger = new RecordingLogger();
      const before = vlanDriver(['physnet1:1:2', 'physnet2:1:2']);
      await units.transaction((u) => before.initialize(u.allocations));
      for (const [physicalNetwork, segmentationId] of [
        ['physnet2', 1],
        ['physnet2', 3000],
        ['physnet1', 2],
      ] as const) {
        await units.transaction((u) =>
          before.reserveProviderSegment(u.allocations, {
            networkType: 'vlan',
            physicalNetwork,
            segmentationId,
          }),
        );
      }
      await units.transaction((u) =>
        vlanDriver([], firstChoice(), {}, logger).initialize(u.allocations),
      );
      await units.transaction((u) => vlanDriver(['physnet1:1:2']).initialize(u.allocations));
      expect(await store.read(vlanRows)).toEqual(['physnet1:2*', 'physnet2:1*', 'physnet2:3000*']);
      expect(
        logger
          .at('info')
          .filter((entry) => entry.message.startsWith('allocated VLANs outside'))
          .map((entry) => entry.fields),
      ).toEqual([
        { physical_network: 'physnet1', configured: false, vlans: 1 },
        { physical_network: 'physnet2', configured: false, vlans: 2 },
      ]);
    });

    it('after a start without ranges, allocated VLANs are not handed out again', async () => {
      const ranges = ['physnet1:100:102'];
      const first = vlanDriver(ranges);
      await units.transaction((u) => first.initialize(u.allocations));
      await units.transaction((u) =>
        first.reserveProviderSegment(u.allocations, {
          networkType: 'vlan',
          physicalNetwork: 'physnet1',
          segmentationId: 100,
        }),
      );
      await units.transaction((u) => vlanDriver([]).initialize(u.allocations));
      const again = vlanDriver(ranges, lastChoice());
      await units.transaction((u) => again.initialize(u.allocations));
      const taken = [];
      for (let i = 0; i < 3; i += 1) {
        taken.push(
          (await units.transaction((u) => again.allocateTenantSegment(u.allocations)))
            ?.segmentationId ?? null,
        );
      }
      expect(taken).toEqual([102, 101, null]);
      await expect(
        units.transaction((u) =>
          again.reserveProviderSegment(u.allocations, {
            networkType: 'vlan',
            physicalNetwork: 'physnet1',
            segmentationId: 100,
          }),
        ),
      ).rejects.toBeInstanceOf(VlanIdInUse);
    });

    it('start-up deletes the free rows of older versions, keeps allocated ones outside', async () => {
      await store.transaction((m) =>
        m.insert(VlanAllocation, [
          { physicalNetwork: 'physnet1', vlanId: 1, allocated: false },
          { physicalNetwork: 'physnet1', vlanId: 2, allocated: false },
          { physicalNetwork: 'physnet1', vlanId: 3, allocated: true },
          { physicalNetwork: 'physnet1', vlanId: 4, allocated: true },
          { physicalNetwork: 'physnet9', vlanId: 1, allocated: false },
        ]),
      );
      const driver = vlanDriver(['physnet1:3:6'], firstChoice());
      await units.transaction((u) => driver.initialize(u.allocations));
      expect(await store.read(vlanRows)).toEqual(['physnet1:3*', 'physnet1:4*']);
      const taken = [];
      for (let i = 0; i < 3; i += 1) {
        taken.push(
          (await units.transaction((u) => driver.allocateTenantSegment(u.allocations)))
            ?.segmentationId ?? null,
        );
      }
      expect(taken).toEqual([5, 6, null]);
    });

    it('tenant VLANs fill physical networks in configuration order, random within', async () => {
      const random = lastChoice();
      const driver = vlanDriver(['physnetB:1:3', 'physnetA:10:11'], random);
      await units.transaction((u) => driver.initialize(u.allocations));
      const taken: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const segment = await units.transaction((u) => driver.allocateTenantSegment(u.allocations));
        taken.push(`${segment?.physicalNetwork}:${segment?.segmentationId}`);
      }
      expect(taken).toEqual([
        'physnetB:3',
        'physnetB:2',
        'physnetB:1',
        'physnetA:11',
        'physnetA:10',
      ]);
      expect(random.bounds).toEqual([3, 2, 1, 2, 1]);
      expect(
        await units.transaction((u) => driver.allocateTenantSegment(u.allocations)),
      ).toBeNull();
    });

    it('tenant segments carry type, physical network, VLAN id and MTU', async () => {
      const driver = vlanDriver(['physnet1:7:7'], firstChoice(), {
        ml2: { physical_network_mtus: ['physnet1:1400'] },
      });
      await units.transaction((u) => driver.initialize(u.allocations));
      expect(await units.transaction((u) => driver.allocateTenantSegment(u.allocations))).toEqual({
        networkType: 'vlan',
        physicalNetwork: 'physnet1',
        segmentationId: 7,
        mtu: 1400,
      });
    });

    it('partial provider reserve picks a random free VLAN of the physical network, else 503', async () => {
      const random = new ScriptedRandom((bound) => Math.min(1, bound - 1));
      const driver = vlanDriver(['physnet1:1:3', 'physnet2:1:3'], random);
      await units.transaction((u) => driver.initialize(u.allocations));
      const request = { networkType: 'vlan', physicalNetwork: 'physnet2' };
      const first = await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, request),
      );
      expect(first).toMatchObject({ physicalNetwork: 'physnet2', segmentationId: 2 });
      const second = await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, request),
      );
      expect(second).toMatchObject({ physicalNetwork: 'physnet2', segmentationId: 3 });
      const third = await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, request),
      );
      expect(third).toMatchObject({ physicalNetwork: 'physnet2', segmentationId: 1 });
      expect(random.bounds).toEqual([3, 2, 1]);
      expect(await store.read(vlanRows)).toEqual(['physnet2:1*', 'physnet2:2*', 'physnet2:3*']);
      const exhausted = units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, request),
      );
      await expect(exhausted).rejects.toBeInstanceOf(NoNetworkAvailable);
      await expect(exhausted).rejects.toMatchObject({ httpStatus: 503 });
    });

    it('partial provider reserve without physical network picks over all of them', async () => {
      const driver = vlanDriver(['physnet1:1:2', 'physnet2:1:2'], lastChoice());
      await units.transaction((u) => driver.initialize(u.allocations));
      const segment = await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, { networkType: 'vlan' }),
      );
      expect(segment).toMatchObject({ physicalNetwork: 'physnet2', segmentationId: 2 });
    });

    it('a partial reserve on an unconfigured physical network finds nothing (503)', async () => {
      const driver = vlanDriver(['physnet1:1:2']);
      await units.transaction((u) => driver.initialize(u.allocations));
      await expect(
        units.transaction((u) =>
          driver.reserveProviderSegment(u.allocations, {
            networkType: 'vlan',
            physicalNetwork: 'physnet9',
          }),
        ),
      ).rejects.toBeInstanceOf(NoNetworkAvailable);
    });

    it('fully specified reserve takes that VLAN once (409 VlanIdInUse)', async () => {
      const driver = vlanDriver(['physnet1:1:10']);
      await units.transaction((u) => driver.initialize(u.allocations));
      const request = { networkType: 'vlan', physicalNetwork: 'physnet1', segmentationId: 5 };
      expect(
        await units.transaction((u) => driver.reserveProviderSegment(u.allocations, request)),
      ).toEqual({
        networkType: 'vlan',
        physicalNetwork: 'physnet1',
        segmentationId: 5,
        mtu: 1500,
      });
      const again = units.transaction((u) => driver.reserveProviderSegment(u.allocations, request));
      await expect(again).rejects.toBeInstanceOf(VlanIdInUse);
      await expect(again).rejects.toThrow(
        'Unable to create the network. The VLAN 5 on physical network physnet1 is in use.',
      );
    });

    it('a fully specified reserve without physical network is refused', async () => {
      const driver = vlanDriver(['physnet1:1:10']);
      await expect(
        units.transaction((u) =>
          driver.reserveProviderSegment(u.allocations, { networkType: 'vlan', segmentationId: 5 }),
        ),
      ).rejects.toThrow('segmentation_id requires physical_network for VLAN provider network');
    });

    it('out-of-range provider VLANs get an allocated row that release deletes', async () => {
      const driver = vlanDriver(['physnet1:1:2']);
      await units.transaction((u) => driver.initialize(u.allocations));
      const segment = await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, {
          networkType: 'vlan',
          physicalNetwork: 'physnet1',
          segmentationId: 3000,
        }),
      );
      expect(await store.read(vlanRows)).toEqual(['physnet1:3000*']);
      await expect(
        units.transaction((u) =>
          driver.reserveProviderSegment(u.allocations, {
            networkType: 'vlan',
            physicalNetwork: 'physnet1',
            segmentationId: 3000,
          }),
        ),
      ).rejects.toBeInstanceOf(VlanIdInUse);
      await units.transaction((u) => driver.releaseSegment(u.allocations, segment));
      expect(await store.read(vlanRows)).toEqual([]);
    });

    it('release frees an in-range VLAN; a missing one is a warning', async () => {
      const logger = new RecordingLogger();
      const driver = vlanDriver(['physnet1:1:2'], firstChoice(), {}, logger);
      await units.transaction((u) => driver.initialize(u.allocations));
      const segment = await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, {
          networkType: 'vlan',
          physicalNetwork: 'physnet1',
          segmentationId: 2,
        }),
      );
      await units.transaction((u) => driver.releaseSegment(u.allocations, segment));
      expect(await store.read(vlanRows)).toEqual([]);
      expect(logger.at('warn').map((entry) => entry.message)).toEqual([]);
      expect(
        await units.transaction((u) =>
          driver.reserveProviderSegment(u.allocations, {
            networkType: 'vlan',
            physicalNetwork: 'physnet1',
          }),
        ),
      ).toMatchObject({ segmentationId: 1 });
      expect(
        await units.transaction((u) =>
          driver.reserveProviderSegment(u.allocations, {
            networkType: 'vlan',
            physicalNetwork: 'physnet1',
          }),
        ),
      ).toMatchObject({ segmentationId: 2 });
      await units.transaction((u) =>
        driver.releaseSegment(u.allocations, { ...segment, segmentationId: 3999 }),
      );
      expect(logger.at('warn').map((entry) => entry.message)).toEqual([
        'no VLAN allocation found to release',
      ]);
    });

    it('release of a segment without physical network or VLAN id only warns', async () => {
      const logger = new RecordingLogger();
      const driver = vlanDriver(['physnet1:1:2'], firstChoice(), {}, logger);
      await units.transaction((u) => driver.initialize(u.allocations));
      await units.transaction((u) =>
        driver.releaseSegment(u.allocations, {
          networkType: 'vlan',
          physicalNetwork: null,
          segmentationId: 1,
          mtu: 0,
        }),
      );
      expect(logger.at('warn').map((entry) => entry.message)).toEqual([
        'cannot release VLAN segment without physical network and VLAN id',
      ]);
      expect(await store.read(vlanRows)).toEqual([]);
    });

    it('release of an in-range VLAN that is not allocated only warns', async () => {
      const logger = new RecordingLogger();
      const driver = vlanDriver(['physnet1:1:2'], firstChoice(), {}, logger);
      await units.transaction((u) => driver.initialize(u.allocations));
      const kept = await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, {
          networkType: 'vlan',
          physicalNetwork: 'physnet1',
          segmentationId: 2,
        }),
      );
      await units.transaction((u) =>
        driver.releaseSegment(u.allocations, { ...kept, segmentationId: 1 }),
      );
      expect(logger.at('warn').map((entry) => entry.message)).toEqual([
        'no VLAN allocation found to release',
      ]);
      expect(await store.read(vlanRows)).toEqual(['physnet1:2*']);
    });

    it('a fully specified VLAN on an unconfigured physical network is allocated once', async () => {
      const driver = vlanDriver(['physnet1:1:2']);
      await units.transaction((u) => driver.initialize(u.allocations));
      const request = { networkType: 'vlan', physicalNetwork: 'physnet9', segmentationId: 7 };
      const segment = await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, request),
      );
      await expect(
        units.transaction((u) => driver.reserveProviderSegment(u.allocations, request)),
      ).rejects.toBeInstanceOf(VlanIdInUse);
      await units.transaction((u) => driver.releaseSegment(u.allocations, segment));
      expect(await store.read(vlanRows)).toEqual([]);
    });
  });

  it('MTU: smaller of global_physnet_mtu and physical_network_mtus', () => {
    const driver = vlanDriver(['physnet1'], firstChoice(), {
      DEFAULT: { global_physnet_mtu: 9000 },
      ml2: { physical_network_mtus: ['physnet1:1500'] },
    });
    expect(driver.getMtu('physnet1')).toBe(1500);
    expect(driver.getMtu('physnet2')).toBe(9000);
  });
});
