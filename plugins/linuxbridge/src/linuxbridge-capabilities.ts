import { AgentType } from '@ml2ts/driver-api';
import type { DriverCapabilities } from '@ml2ts/driver-api';

/**
 * What the `linuxbridge` driver declares it can do, for the contract suite of `@ml2ts/testkit`
 * (it starts only with `experimental.linuxbridge` set): `normal` ports through the
 * Linux bridge agent; the agent's tunnel types plus `local`, `flat` and `vlan`, physical networks
 * from `interface_mappings` or `bridge_mappings`; vif_type `bridge`.
 */
export const linuxbridgeCapabilities = {
  name: 'linuxbridge',
  connectivity: 'l2',
  vnicTypes: ['normal'],
  networkTypes: ['local', 'flat', 'vlan', 'vxlan', 'geneve', 'gre'],
  agent: {
    agentType: AgentType.LINUXBRIDGE,
    physicalNetworkMappings: { interface_mappings: 'eth1', bridge_mappings: 'br-eth1' },
    tunnelTypesFromAgent: true,
  },
  vifTypes: {
    bridge: {
      details: { connectivity: { type: 'string' }, port_filter: { type: 'boolean' } },
    },
  },
  hierarchical: null,
} satisfies DriverCapabilities;
