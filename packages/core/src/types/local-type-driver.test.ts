import { type Store } from '@ml2ts/store';
import { LocalTypeDriver } from './local-type-driver';
import { RecordingLogger } from '@ml2ts/testkit';
import { openTestStore } from './testing/type-test-store';

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
    beforeEach(async () => {
      store = await openTestStore();
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
        expect(await store.transaction((m) => driver.allocateTenantSegment(m))).toEqual(expected);
      }
      expect(
        await store.transaction((m) => driver.reserveProviderSegment(m, { networkType: 'local' })),
      ).toEqual(expected);
      await store.transaction((m) => driver.releaseSegment(m, expected));
    });
  });
});
