import { AgentType } from '@ml2ts/driver-api';
import type { DriverCapabilities } from '@ml2ts/driver-api';

/**
 * What the `sriovnicswitch` driver declares it can do, for the contract suite of
 * `@ml2ts/testkit` (with the default `sriov_driver` section): `direct`, `macvtap` and
 * `accelerator-direct` ports through the NIC Switch agent, `direct-physical` ports without any
 * agent; only `flat` and `vlan` segments, physical networks from `device_mappings`; vif_type
 * `hw_veb`, or `hostdev_physical` for `direct-physical`, with `vlan` as a string.
 */
export const sriovNicSwitchCapabilities = {
  name: 'sriovnicswitch',
  connectivity: 'l2',
  vnicTypes: [
    'direct',
    'macvtap',
    { vnicType: 'direct-physical', agentless: true },
    'accelerator-direct',
  ],
  networkTypes: ['flat', 'vlan'],
  agent: {
    agentType: AgentType.NIC_SWITCH,
    physicalNetworkMappings: { device_mappings: ['ens1f0'] },
    tunnelTypesFromAgent: false,
  },
  vifTypes: {
    hw_veb: {
      details: {
        port_filter: { type: 'boolean' },
        connectivity: { type: 'string' },
        vlan: { type: 'string' },
      },
      when: { vnicType: 'direct' },
    },
    hostdev_physical: {
      details: {
        port_filter: { type: 'boolean' },
        connectivity: { type: 'string' },
        vlan: { type: 'string' },
      },
      when: { vnicType: 'direct-physical' },
    },
  },
  hierarchical: null,
} satisfies DriverCapabilities;
