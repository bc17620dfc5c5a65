import type { DriverCapabilities } from '@ml2ts/driver-api';

/**
 * What the `tor` driver declares it can do, for the contract suite of `@ml2ts/testkit` (with the
 * default `tor` section): `normal` ports, continued from a `vxlan` segment to a dynamic `vlan`
 * segment on `physnet1`, without any agent. It sets no vif_type itself: the driver of the next
 * level does. It releases the dynamic segment once no port uses it.
 */
export const torCapabilities = {
  name: 'tor',
  connectivity: 'l2',
  vnicTypes: ['normal'],
  networkTypes: ['vxlan'],
  agent: null,
  vifTypes: {},
  hierarchical: {
    dynamicSegment: { networkType: 'vlan', physicalNetwork: 'physnet1' },
    releasesDynamicSegments: true,
  },
} satisfies DriverCapabilities;
