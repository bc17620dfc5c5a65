import { FlatNetworkInUse, InvalidInput } from '@ml2ts/driver-api';
import { FlatAllocation, type Store } from '@ml2ts/store';
import { FlatTypeDriver } from './flat-type-driver';
import { RecordingLogger } from '@ml2ts/testkit';
import { typeTestConfiguration, type TypeTestOverrides } from './testing/type-test-configuration';
import { openTestStore } from './testing/type-test-store';
import { type Repositories, repositoriesOver } from '../repositories/unit-of-work';

function flatDriver(overrides: TypeTestOverrides = {}, logger = new RecordingLogger()) {
  return new FlatTypeDriver(typeTestConfiguration(overrides), logger);
}

describe('FlatTypeDriver', () => {
  describe('validateProviderSegment', () => {
    it('accepts any physical network with the default "*"', () => {
      expect(() =>
        flatDriver().validateProviderSegment({ networkType: 'flat', physicalNetwork: 'anything' }),
      ).not.toThrow();
    });

    it('requires a physical network', () => {
      expect(() => flatDriver().validateProviderSegment({ networkType: 'flat' })).toThrow(
        new InvalidInput('physical_network required for flat provider network'),
      );
    });

    it('refuses everything when flat_networks is empty', () => {
      const driver = flatDriver({ ml2_type_flat: { flat_networks: [] } });
      expect(() =>
        driver.validateProviderSegment({ networkType: 'flat', physicalNetwork: 'physnet1' }),
      ).toThrow('Invalid input for operation: Flat provider networks are disabled.');
    });

    it('refuses a physical network that is not listed', () => {
      const driver = flatDriver({ ml2_type_flat: { flat_networks: ['physnet1'] } });
      expect(() =>
        driver.validateProviderSegment({ networkType: 'flat', physicalNetwork: 'physnet1' }),
      ).not.toThrow();
      expect(() =>
        driver.validateProviderSegment({ networkType: 'flat', physicalNetwork: 'physnet9' }),
      ).toThrow(
        "Invalid input for operation: physical_network 'physnet9' unknown for flat provider network.",
      );
    });

    it('prohibits a segmentation id', () => {
      const error = (() => {
        try {
          flatDriver().validateProviderSegment({
            networkType: 'flat',
            physicalNetwork: 'physnet1',
            segmentationId: 5,
          });
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).message).toBe(
        'Invalid input for operation: segmentation_id prohibited for flat provider network.',
      );
    });

    it('is never partial', () => {
      expect(flatDriver().isPartialSegment({ networkType: 'flat' })).toBe(false);
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

    it('reserves one flat network per physical network (409 FlatNetworkInUse)', async () => {
      const driver = flatDriver();
      const segment = await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, {
          networkType: 'flat',
          physicalNetwork: 'physnet1',
        }),
      );
      expect(segment).toEqual({
        networkType: 'flat',
        physicalNetwork: 'physnet1',
        segmentationId: null,
        mtu: 1500,
      });
      const again = units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, {
          networkType: 'flat',
          physicalNetwork: 'physnet1',
        }),
      );
      await expect(again).rejects.toBeInstanceOf(FlatNetworkInUse);
      await expect(again).rejects.toMatchObject({ httpStatus: 409 });
      await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, {
          networkType: 'flat',
          physicalNetwork: 'physnet2',
        }),
      );
      expect(await store.read((m) => m.count(FlatAllocation))).toBe(2);
    });

    it('turns a concurrent insert of the same physical network into FlatNetworkInUse', async () => {
      const driver = flatDriver();
      const request = { networkType: 'flat', physicalNetwork: 'physnet1' };
      const results = await units.transaction((u) =>
        Promise.allSettled([
          driver.reserveProviderSegment(u.allocations, request),
          driver.reserveProviderSegment(u.allocations, request),
        ]),
      );
      expect(results[0].status).toBe('fulfilled');
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(FlatNetworkInUse);
    });

    it('refuses to reserve without a physical network (unvalidated dynamic request)', async () => {
      await expect(
        units.transaction((u) =>
          flatDriver().reserveProviderSegment(u.allocations, { networkType: 'flat' }),
        ),
      ).rejects.toThrow('physical_network required for flat provider network');
    });

    it('never allocates tenant segments', async () => {
      expect(
        await units.transaction((u) => flatDriver().allocateTenantSegment(u.allocations)),
      ).toBeNull();
    });

    it('release deletes the row; a missing row is a warning', async () => {
      const logger = new RecordingLogger();
      const driver = flatDriver({}, logger);
      const segment = await units.transaction((u) =>
        driver.reserveProviderSegment(u.allocations, {
          networkType: 'flat',
          physicalNetwork: 'physnet1',
        }),
      );
      await units.transaction((u) => driver.releaseSegment(u.allocations, segment));
      expect(await store.read((m) => m.count(FlatAllocation))).toBe(0);
      expect(logger.at('warn').map((entry) => entry.message)).toEqual([]);
      await units.transaction((u) => driver.releaseSegment(u.allocations, segment));
      expect(logger.at('warn').map((entry) => entry.message)).toEqual([
        'no flat network found on physical network',
      ]);
    });
  });

  describe('getMtu', () => {
    it('takes the smaller of global_physnet_mtu and the physical network MTU', () => {
      const driver = flatDriver({
        DEFAULT: { global_physnet_mtu: 1500 },
        ml2: { physical_network_mtus: ['physnet1:9000', 'physnet2:1400'] },
      });
      expect(driver.getMtu('physnet1')).toBe(1500);
      expect(driver.getMtu('physnet2')).toBe(1400);
      expect(driver.getMtu('physnet3')).toBe(1500);
    });

    it('uses the physical network MTU alone when global_physnet_mtu is 0, else 0', () => {
      const driver = flatDriver({
        DEFAULT: { global_physnet_mtu: 0 },
        ml2: { physical_network_mtus: ['physnet1:9000'] },
      });
      expect(driver.getMtu('physnet1')).toBe(9000);
      expect(driver.getMtu('physnet2')).toBe(0);
    });
  });
});
