import { NetworkType, silentLogger } from '@ml2ts/driver-api';
import { type AgentRuntimeOptions, listOf, nameMapping, tunnelingIp } from './agent-options';
import { L2Agent } from './l2-agent';
import { LinuxBridgeDeviceHandler } from './linuxbridge-device-handler';

/** The Linux bridge agent's options. The bridge stands for the host's tap devices. */
export interface LinuxBridgeAgentOptions extends AgentRuntimeOptions {
  /** Physical network → host interface (VLAN sub-interfaces are made on it). Default none. */
  interfaceMappings?: Readonly<Record<string, string>>;
  /** Physical network → existing Linux bridge. Default none. */
  bridgeMappings?: Readonly<Record<string, string>>;
  /** `['vxlan']` to carry VXLAN networks (the only tunnel type it has). Default none. */
  tunnelTypes?: readonly string[];
  /** The VXLAN endpoint; required when `tunnelTypes` is not empty. */
  tunnelingIp?: string;
  /** Default false. */
  l2Population?: boolean;
}

/**
 * Builds a Linux bridge agent (`Linux bridge agent`, `neutron-linuxbridge-agent`, agent id
 * `linuxbridge-agent-<host>`). Throws `ConfigurationError` for a bad option.
 */
export function createLinuxBridgeAgent(
  options: LinuxBridgeAgentOptions,
): L2Agent<LinuxBridgeDeviceHandler> {
  const tunnelTypes = listOf('tunnelTypes', options.tunnelTypes, [NetworkType.VXLAN]);
  const handler = new LinuxBridgeDeviceHandler({
    bridge: options.bridge,
    interfaceMappings: nameMapping('interfaceMappings', options.interfaceMappings),
    bridgeMappings: nameMapping('bridgeMappings', options.bridgeMappings),
    tunnelTypes,
    tunnelingIp: tunnelingIp(tunnelTypes, options.tunnelingIp),
    l2Population: options.l2Population ?? false,
    extensions: options.extensions ?? [],
    logger: options.logger ?? silentLogger,
  });
  return new L2Agent({ ...options, handler, agentId: `linuxbridge-agent-${options.host}` });
}
