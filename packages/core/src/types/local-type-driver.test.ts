import { type Store } from '@ml2ts/store';
import { LocalTypeDriver } from './local-type-driver';
import { RecordingLogger } from '@ml2ts/testkit';
import { openTestStore } from './testing/type-test-store';
import { type Repositories, repositoriesOver } from '../repositories/unit-of-work';

describe('LocalTypeDriver', () => {
  const driver = new LocalTypeDriver(new RecordingLogger());

  it('accepts only network_type', () => {
    expect(() => driver.validateProviderSegment({ networkType: 'local' })).not.toThrow();
    expect(() =>
      driver.validateProviderSegment({ networkType: 'local', physicalNetwork: 'physnet1' }),
    ).toThrow(
      'Invalid input for operation: physical_network prohibited for local provider network.',
    );
    expect(() =>
      driver.validateProviderSegment({ networkType: 'local', segmentationId: 3 }),
    ).toThrow(
      'Invalid input for operation: segmentation_id prohibited for local provider network.',
    );
  });

  it('is never partial and has no MTU', () => {
    expect(driver.isPartialSegment({ networkType: 'local' })).toBe(false);
    expect(driver.getMtu(null)).toBe(0);
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

    it('always gives a tenant segment and reserves nothing', async () => {
      const expected = {
        networkType: 'local',
        physicalNetwork: null,
        segmentationId: null,
        mtu: 0,
      };
      for (let i = 0; i < 3; i += 1) {
        expect(await units.transaction((u) => driver.allocateTenantSegment(u.allocations))).toEqual(
          expected,
        );
      }
      expect(
        await units.transaction((u) =>
          driver.reserveProviderSegment(u.allocations, { networkType: 'local' }),
        ),
      ).toEqual(expected);
      await units.transaction((u) => driver.releaseSegment(u.allocations, expected));
    });
  });
});
