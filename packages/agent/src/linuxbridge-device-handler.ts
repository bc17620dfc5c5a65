import { AgentType, type AgentConfigurations, type Logger, NetworkType } from '@ml2ts/driver-api';
import { type AgentServerApi, type DeviceDetails } from '@ml2ts/agent-rpc';
import { type Bridge, type BridgeInterface } from './bridge';
import {
  type DetailsBatch,
  type DeviceHandler,
  type DeviceOutcome,
  type LocalDevice,
  type PortHint,
  type RequestIdentity,
} from './device-handler';
import { type LinuxBridgeWiring } from './device-wiring';
import { fetchDetailsInBulk } from './fetch-details-in-bulk';

/** Linux interface names: the `tap` prefix plus the first 11 characters of the port id. */
export const TAP_PREFIX = 'tap';
const PORT_ID_CHARACTERS = 11;

/** The tap device of a port: `tap` + the first 11 characters of its id. */
export function tapDeviceName(portId: string): string {
  return `${TAP_PREFIX}${portId.slice(0, PORT_ID_CHARACTERS)}`;
}

/** The bridge of a network: `brq` + the first 11 characters of its id. */
export function networkBridgeName(networkId: string): string {
  return `brq${networkId.slice(0, PORT_ID_CHARACTERS)}`;
}

/** What the Linux bridge agent is configured with (validated by `createLinuxBridgeAgent`). */
export interface LinuxBridgeHandlerSettings {
  bridge: Bridge;
  interfaceMappings: Readonly<Record<string, string>>;
  bridgeMappings: Readonly<Record<string, string>>;
  tunnelTypes: readonly string[];
  tunnelingIp: string | null;
  l2Population: boolean;
  extensions: readonly string[];
  logger: Logger;
}

/**
 * The Linux bridge agent's device handling. Devices are the `tap…` interfaces on the
 * host, sent to the server by name. Details come from `get_devices_details_list` (which may bind
 * and sets `BUILD`). A bound port's tap is plugged into its network's bridge: the bridge a
 * physical network is mapped to in `bridge_mappings`, or `brq<network>` with the uplink
 * `<interface>.<vlan>` (VLAN), `<interface>` (flat, from `interface_mappings`), `vxlan-<vni>`
 * (VXLAN) or none (local). An admin-down port's tap is set down and reported down; a port whose
 * segment the agent cannot carry is not plugged and is reported down.
 */
export class LinuxBridgeDeviceHandler implements DeviceHandler {
  readonly agentType = AgentType.LINUXBRIDGE;
  readonly binary = 'neutron-linuxbridge-agent';
  readonly reportMode = 'call';
  readonly startedAfterFirstRound = false;

  constructor(private readonly settings: LinuxBridgeHandlerSettings) {}

  /** Nothing to read. */
  async prepare(): Promise<void> {}

  /** See `DeviceHandler.configurations`. */
  configurations(): Record<string, unknown> & AgentConfigurations {
    const { settings } = this;
    return {
      interface_mappings: { ...settings.interfaceMappings },
      bridge_mappings: { ...settings.bridgeMappings },
      tunnel_types: [...settings.tunnelTypes],
      ...(settings.tunnelingIp !== null ? { tunneling_ip: settings.tunnelingIp } : {}),
      l2_population: settings.l2Population,
      extensions: [...settings.extensions],
    };
  }

  /** Every `tap…` interface is a device, named as it is. */
  identify(iface: BridgeInterface): LocalDevice | null {
    if (!iface.name.startsWith(TAP_PREFIX)) return null;
    const mac = iface.mac ?? iface.externalIds['attached-mac'];
    return {
      key: iface.name,
      device: iface.name,
      interfaceName: iface.name,
      ...(mac !== undefined ? { mac } : {}),
    };
  }

  /** The tap of a port is `tap` + the first 11 characters of its id. */
  refersTo(device: LocalDevice, port: PortHint): boolean {
    return device.device === tapDeviceName(port.id);
  }

  /** See `fetchDetailsInBulk`. */
  fetchDetails(
    server: AgentServerApi,
    devices: readonly LocalDevice[],
    identity: RequestIdentity,
  ): Promise<DetailsBatch> {
    return fetchDetailsInBulk(
      server,
      devices,
      identity,
      (device) => this.reference(device),
      this.settings.logger,
    );
  }

  /** See the class comment. */
  async wire(device: LocalDevice, details: DeviceDetails): Promise<DeviceOutcome> {
    if (details.no_active_binding) return { kind: 'waiting', wiring: null };
    if (!details.port_id || !details.network_id || !details.network_type) {
      this.settings.logger.info('Device not defined on plugin', { device: device.device });
      return { kind: 'unbound', wiring: null };
    }
    const target = this.bridgeFor(details);
    if (!target) {
      this.settings.logger.error('Cannot plug the device into a bridge for its segment', {
        device: device.device,
        networkType: details.network_type,
        physicalNetwork: details.physical_network ?? null,
      });
      return { kind: 'down', wiring: null };
    }
    const wiring: LinuxBridgeWiring = {
      kind: 'linuxbridge',
      ...target,
      tap_state: details.admin_state_up ? 'up' : 'down',
    };
    if (!(await this.settings.bridge.program(device.interfaceName, wiring))) {
      return { kind: 'vanished', wiring: null };
    }
    return { kind: details.admin_state_up ? 'up' : 'down', wiring };
  }

  /** A deleted port's tap is taken out of its bridge; a removed tap leaves nothing behind. */
  async unwire(device: LocalDevice, reason: 'deleted' | 'removed'): Promise<void> {
    if (reason === 'deleted') await this.settings.bridge.program(device.interfaceName, null);
  }

  /** The Linux bridge agent does not ask for tunnel refreshes. */
  refreshTunnels(): boolean {
    return false;
  }

  /** The tap name. */
  reference(device: LocalDevice): string {
    return device.device;
  }

  private bridgeFor(details: DeviceDetails): { bridge: string; uplink: string | null } | null {
    const { settings } = this;
    const network = networkBridgeName(details.network_id!);
    const physnet = details.physical_network ?? '';
    switch (details.network_type) {
      case NetworkType.FLAT:
      case NetworkType.VLAN: {
        const mapped = settings.bridgeMappings[physnet];
        if (mapped !== undefined) return { bridge: mapped, uplink: null };
        const iface = settings.interfaceMappings[physnet];
        if (iface === undefined) return null;
        const vlan = details.network_type === NetworkType.VLAN;
        return { bridge: network, uplink: vlan ? `${iface}.${details.segmentation_id}` : iface };
      }
      case NetworkType.VXLAN:
        return settings.tunnelTypes.includes(NetworkType.VXLAN)
          ? { bridge: network, uplink: `vxlan-${details.segmentation_id}` }
          : null;
      case NetworkType.LOCAL:
        return { bridge: network, uplink: null };
      default:
        return null;
    }
  }
}
