import { AgentType } from '@ml2ts/driver-api';
import type { DriverCapabilities } from '@ml2ts/driver-api';

/**
 * What the `openvswitch` driver declares it can do, for the contract suite of `@ml2ts/testkit`
 * (with the default `ovs_driver` section): `normal`, `direct` (only with `switchdev`
 * in the profile), `smart-nic` (only on a `baremetal_smartnic` agent) and `vdpa` ports, through
 * the Open vSwitch agent; the agent's tunnel types plus `local`, `flat` and `vlan`, physical
 * networks from `bridge_mappings`; vif_type `ovs`, or `vhostuser` on an OVS-DPDK agent.
 */
export const openvswitchCapabilities = {
  name: 'openvswitch',
  connectivity: 'l2',
  vnicTypes: [
    'normal',
    { vnicType: 'direct', profile: { capabilities: ['switchdev'] } },
    { vnicType: 'smart-nic', agentConfigurations: { baremetal_smartnic: true } },
    'vdpa',
  ],
  networkTypes: ['local', 'flat', 'vlan', 'vxlan', 'geneve', 'gre'],
  agent: {
    agentType: AgentType.OVS,
    physicalNetworkMappings: { bridge_mappings: 'br-eth1' },
    tunnelTypesFromAgent: true,
    configurations: { integration_bridge: 'br-int' },
  },
  vifTypes: {
    ovs: {
      details: {
        connectivity: { type: 'string' },
        port_filter: { type: 'boolean' },
        ovs_hybrid_plug: { type: ['boolean', 'null'] },
        datapath_type: { type: 'string' },
        bridge_name: { type: 'string', optional: true },
      },
    },
    vhostuser: {
      details: {
        port_filter: { type: 'boolean' },
        ovs_hybrid_plug: { type: 'boolean' },
        vhostuser_mode: { type: 'string' },
        vhostuser_ovs_plug: { type: 'boolean' },
        vhostuser_socket: { type: 'string' },
        datapath_type: { type: 'string' },
        bridge_name: { type: 'string', optional: true },
      },
      when: {
        agentConfigurations: {
          datapath_type: 'netdev',
          ovs_capabilities: { iface_types: ['dpdkvhostuser'] },
        },
      },
    },
  },
  hierarchical: null,
} satisfies DriverCapabilities;
