import { randomUUID } from 'node:crypto';
import { type AgentStateReport } from '@ml2ts/agent-rpc';
import { AgentType } from '@ml2ts/driver-api';

/** The host name of the `index`-th simulated compute node: `compute-00001`, ... */
export function computeHostName(index: number): string {
  return `compute-${String(index).padStart(5, '0')}`;
}

/**
 * The `agent_state` an Open vSwitch agent on `host` sends: tunnel type VXLAN with its own tunnel
 * endpoint address, one bridge mapping and the configuration keys a real agent reports, so the
 * stored configuration has a realistic size. `startFlag` marks the first report after a start.
 */
export function ovsAgentReport(host: string, index: number, startFlag: boolean): AgentStateReport {
  const tunnelIp = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
  return {
    agent_type: AgentType.OVS,
    binary: 'neutron-openvswitch-agent',
    host,
    topic: 'N/A',
    ...(startFlag ? { start_flag: true } : {}),
    configurations: {
      arp_responder_enabled: false,
      baremetal_smartnic: false,
      bridge_mappings: { physnet1: 'br-eth1' },
      datapath_type: 'system',
      devices: 0,
      enable_distributed_routing: false,
      extensions: [],
      integration_bridge: 'br-int',
      l2_population: false,
      log_agent_heartbeats: false,
      ovs_capabilities: {
        datapath_types: ['netdev', 'system'],
        iface_types: ['internal', 'vxlan'],
      },
      ovs_hybrid_plug: false,
      tunnel_types: ['vxlan'],
      tunneling_ip: tunnelIp,
    },
    resource_versions: { Port: '1.7', Network: '1.1', Subnet: '1.1', SecurityGroup: '1.5' },
    load: 0,
    uuid: randomUUID(),
  };
}

/** The agent's own send time as agents format it: UTC `%Y-%m-%dT%H:%M:%S.%f`, no zone. */
export function agentTimestamp(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, -1)}000`;
}
