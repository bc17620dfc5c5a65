import { type DriverCapabilities } from '@ml2ts/driver-api';
import { REFERENCE_AGENT_TYPE } from './reference-agent-driver';

/** What `ReferenceAgentDriver` declares. */
export const referenceAgentCapabilities: DriverCapabilities = {
  name: 'reference',
  connectivity: 'l2',
  vnicTypes: ['normal', 'direct'],
  networkTypes: ['local', 'flat', 'vlan', 'vxlan'],
  agent: {
    agentType: REFERENCE_AGENT_TYPE,
    physicalNetworkMappings: { bridge_mappings: 'br-eth1' },
    tunnelTypesFromAgent: true,
  },
  vifTypes: {
    tap: { details: { connectivity: { type: 'string' }, port_filter: { type: 'boolean' } } },
    hw_veb: {
      details: {
        connectivity: { type: 'string' },
        port_filter: { type: 'boolean' },
        vlan: { type: 'string' },
      },
      when: { vnicType: 'direct' },
    },
  },
  hierarchical: null,
};

/** What `ReferenceFabricDriver` declares. */
export const referenceFabricCapabilities: DriverCapabilities = {
  name: 'fabric',
  connectivity: 'l2',
  vnicTypes: ['normal'],
  networkTypes: ['vxlan'],
  agent: null,
  vifTypes: {},
  hierarchical: {
    dynamicSegment: { networkType: 'vlan', physicalNetwork: 'physnet1' },
    releasesDynamicSegments: true,
  },
};
