import { silentLogger, TUNNEL_NETWORK_TYPES } from '@ml2ts/driver-api';
import { type AgentRuntimeOptions, listOf, nameMapping, oneOf, tunnelingIp } from './agent-options';
import { L2Agent } from './l2-agent';
import { OvsDeviceHandler } from './ovs-device-handler';

/** Firewall drivers the OVS agent knows; only `iptables_hybrid` needs the hybrid plug. */
export const OVS_FIREWALL_DRIVERS = ['noop', 'openvswitch', 'iptables_hybrid'] as const;
/** OVS datapath types: the kernel (`system`) or DPDK in user space (`netdev`). */
export const OVS_DATAPATH_TYPES = ['system', 'netdev'] as const;
/** Where OVS-DPDK vhost-user sockets live unless configured otherwise. */
export const DEFAULT_VHOSTUSER_SOCKET_DIR = '/var/run/openvswitch';

/** The Open vSwitch agent's options. The bridge is the integration bridge (`br-int`). */
export interface OvsAgentOptions extends AgentRuntimeOptions {
  /** Physical network → OVS bridge. Default none. */
  bridgeMappings?: Readonly<Record<string, string>>;
  /** Tunnel types the agent carries (`vxlan`, `geneve`, `gre`). Default none. */
  tunnelTypes?: readonly string[];
  /** `local_ip`, reported as `tunneling_ip`; required when `tunnelTypes` is not empty. */
  tunnelingIp?: string;
  /** Default `system`. */
  datapathType?: (typeof OVS_DATAPATH_TYPES)[number];
  /** Default `noop`; `iptables_hybrid` makes the agent report `ovs_hybrid_plug: true`. */
  firewallDriver?: (typeof OVS_FIREWALL_DRIVERS)[number];
  /** Default `/var/run/openvswitch`. */
  vhostuserSocketDir?: string;
  /** Default false. */
  l2Population?: boolean;
  /** Default false. */
  baremetalSmartnic?: boolean;
}

/**
 * Builds an Open vSwitch agent (`Open vSwitch agent`, `neutron-openvswitch-agent`, agent id
 * `ovs-agent-<host>`). Throws `ConfigurationError` for a bad option. Call `start` to run it.
 */
export function createOvsAgent(options: OvsAgentOptions): L2Agent<OvsDeviceHandler> {
  const tunnelTypes = listOf('tunnelTypes', options.tunnelTypes, TUNNEL_NETWORK_TYPES);
  const handler = new OvsDeviceHandler({
    bridge: options.bridge,
    bridgeMappings: nameMapping('bridgeMappings', options.bridgeMappings),
    tunnelTypes,
    tunnelingIp: tunnelingIp(tunnelTypes, options.tunnelingIp),
    datapathType: oneOf('datapathType', options.datapathType, OVS_DATAPATH_TYPES, 'system'),
    firewallDriver: oneOf('firewallDriver', options.firewallDriver, OVS_FIREWALL_DRIVERS, 'noop'),
    vhostuserSocketDir: options.vhostuserSocketDir ?? DEFAULT_VHOSTUSER_SOCKET_DIR,
    l2Population: options.l2Population ?? false,
    baremetalSmartnic: options.baremetalSmartnic ?? false,
    extensions: options.extensions ?? [],
    logger: options.logger ?? silentLogger,
  });
  return new L2Agent({ ...options, handler, agentId: `ovs-agent-${options.host}` });
}
