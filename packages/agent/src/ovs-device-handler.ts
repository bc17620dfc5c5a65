import {
  AgentType,
  type AgentConfigurations,
  type Logger,
  NetworkType,
  TUNNEL_NETWORK_TYPES,
} from '@ml2ts/driver-api';
import { type AgentServerApi, type DeviceDetails } from '@ml2ts/agent-rpc';
import { type Bridge, type BridgeInterface, type OvsCapabilities } from './bridge';
import {
  type DetailsBatch,
  type DeviceHandler,
  type DeviceOutcome,
  type LocalDevice,
  type PortHint,
  type RequestIdentity,
} from './device-handler';
import { DEAD_VLAN, type OvsWiring } from './device-wiring';
import { LocalVlanManager } from './local-vlan-manager';

/** What the OVS agent is configured with (validated by `createOvsAgent`). */
export interface OvsHandlerSettings {
  bridge: Bridge;
  bridgeMappings: Readonly<Record<string, string>>;
  tunnelTypes: readonly string[];
  tunnelingIp: string | null;
  datapathType: string;
  /** `ovs_hybrid_plug` is true only for `iptables_hybrid`. */
  firewallDriver: string;
  vhostuserSocketDir: string;
  l2Population: boolean;
  baremetalSmartnic: boolean;
  extensions: readonly string[];
  logger: Logger;
}

/** The firewall driver whose ports need the hybrid plug (a Linux bridge between VM and OVS). */
export const HYBRID_PLUG_FIREWALL_DRIVER = 'iptables_hybrid';

/**
 * The Open vSwitch agent's device handling. Devices are integration-bridge interfaces with
 * both `iface-id` and `attached-mac` in their external ids; one whose ofport is unassigned is
 * looked at again next round, one with ofport -1 is skipped. Details come from
 * `describeDevice`, the resource-cache view: as with Neutron's OVS agent, fetching them never
 * binds the port and never moves it to `BUILD`. A bound, admin-up port gets the local VLAN of its (network, segmentation id) as its tag, recorded in
 * `other_config`; an unbound or failed port, an admin-down port, a segment the agent cannot carry
 * and a deleted port get the dead VLAN 4095 with a drop flow. A local VLAN is released when its
 * last port leaves.
 */
export class OvsDeviceHandler implements DeviceHandler {
  readonly agentType = AgentType.OVS;
  readonly binary = 'neutron-openvswitch-agent';
  readonly reportMode = 'call';
  readonly startedAfterFirstRound = true;
  /** The local VLANs in use. */
  readonly vlans = new LocalVlanManager();

  private capabilities: OvsCapabilities = { datapath_types: [], iface_types: [] };
  private readonly segments = new Map<
    string,
    { networkId: string; segmentationId: number | null }
  >();

  constructor(private readonly settings: OvsHandlerSettings) {}

  /** Reads the switch's capabilities (reported as `ovs_capabilities`). */
  async prepare(): Promise<void> {
    this.capabilities = await this.settings.bridge.capabilities();
  }

  /** See `DeviceHandler.configurations`. */
  configurations(): Record<string, unknown> & AgentConfigurations {
    const { settings } = this;
    return {
      bridge_mappings: { ...settings.bridgeMappings },
      integration_bridge: settings.bridge.name,
      tunnel_types: [...settings.tunnelTypes],
      ...(settings.tunnelingIp !== null ? { tunneling_ip: settings.tunnelingIp } : {}),
      l2_population: settings.l2Population,
      arp_responder_enabled: false,
      enable_distributed_routing: false,
      in_distributed_mode: false,
      extensions: [...settings.extensions],
      datapath_type: settings.datapathType,
      ovs_capabilities: structuredClone(this.capabilities),
      vhostuser_socket_dir: settings.vhostuserSocketDir,
      ovs_hybrid_plug: settings.firewallDriver === HYBRID_PLUG_FIREWALL_DRIVER,
      baremetal_smartnic: settings.baremetalSmartnic,
    };
  }

  /** See `DeviceHandler.identify`. */
  identify(iface: BridgeInterface): LocalDevice | 'not-ready' | null {
    const portId = iface.externalIds['iface-id'];
    const mac = iface.externalIds['attached-mac'];
    if (!portId || !mac) return null;
    if (iface.ofport === null) return 'not-ready';
    if (iface.ofport === -1) return null;
    return { key: portId, device: portId, interfaceName: iface.name, mac, portId };
  }

  /** The `iface-id` is the port id. */
  refersTo(device: LocalDevice, port: PortHint): boolean {
    return device.portId === port.id;
  }

  /** `describeDevice` per device; a device whose call throws is failed. */
  async fetchDetails(
    server: AgentServerApi,
    devices: readonly LocalDevice[],
    identity: RequestIdentity,
  ): Promise<DetailsBatch> {
    const batch: DetailsBatch = { details: new Map(), failed: new Set() };
    for (const device of devices) {
      try {
        batch.details.set(
          device.key,
          await server.describeDevice({
            device: device.device,
            agent_id: identity.agentId,
            host: identity.host,
          }),
        );
      } catch (error) {
        this.settings.logger.error('Failed to get the details of a device', {
          device: device.device,
          error: String(error),
        });
        batch.failed.add(device.key);
      }
    }
    return batch;
  }

  /** See the class comment. */
  async wire(device: LocalDevice, details: DeviceDetails): Promise<DeviceOutcome> {
    const { logger } = this.settings;
    if (details.no_active_binding) return { kind: 'waiting', wiring: null };
    if (!details.port_id || !details.network_id || !details.network_type) {
      logger.warn('Device not defined on plugin or binding failed', { device: device.device });
      return this.markDead(device, 'unbound');
    }
    if (!details.admin_state_up) return this.markDead(device, 'down');
    const refusal = this.refusal(details);
    if (refusal) {
      logger.error('Cannot provision a local VLAN for the device', {
        device: device.device,
        reason: refusal,
      });
      return this.markDead(device, 'unbound');
    }
    const segment = {
      networkId: details.network_id,
      networkType: details.network_type,
      physicalNetwork: details.physical_network ?? null,
      segmentationId: details.segmentation_id ?? null,
    };
    const previous = this.segments.get(device.key);
    if (
      previous &&
      (previous.networkId !== segment.networkId ||
        previous.segmentationId !== segment.segmentationId)
    ) {
      this.releaseVlan(device.key);
    }
    const mapping = this.vlans.acquire(segment, device.key);
    this.segments.set(device.key, segment);
    const otherConfig: Record<string, string> = {
      net_uuid: mapping.networkId,
      network_type: mapping.networkType,
      tag: String(mapping.vlan),
    };
    if (mapping.physicalNetwork !== null) otherConfig.physical_network = mapping.physicalNetwork;
    if (mapping.segmentationId !== null) {
      otherConfig.segmentation_id = String(mapping.segmentationId);
    }
    const wiring: OvsWiring = {
      kind: 'ovs',
      tag: mapping.vlan,
      other_config: otherConfig,
      drop_flow: false,
    };
    if (!(await this.settings.bridge.program(device.interfaceName, wiring))) {
      this.releaseVlan(device.key);
      return { kind: 'vanished', wiring: null };
    }
    return { kind: 'up', wiring };
  }

  /** A deleted port's interface goes to the dead VLAN; a removed one only frees its VLAN. */
  async unwire(device: LocalDevice, reason: 'deleted' | 'removed'): Promise<void> {
    if (reason === 'deleted') await this.markDead(device, 'unbound');
    else this.releaseVlan(device.key);
  }

  /** True on the first round (tunnels are set up then). */
  refreshTunnels(round: number): boolean {
    return round === 0;
  }

  /** The port id. */
  reference(device: LocalDevice): string {
    return device.device;
  }

  private async markDead(device: LocalDevice, kind: 'unbound' | 'down'): Promise<DeviceOutcome> {
    this.releaseVlan(device.key);
    const wiring: OvsWiring = { kind: 'ovs', tag: DEAD_VLAN, other_config: {}, drop_flow: true };
    if (!(await this.settings.bridge.program(device.interfaceName, wiring))) {
      return { kind: 'vanished', wiring: null };
    }
    return { kind, wiring };
  }

  private releaseVlan(key: string): void {
    const segment = this.segments.get(key);
    if (!segment) return;
    this.vlans.release(segment.networkId, segment.segmentationId, key);
    this.segments.delete(key);
  }

  /** Why the agent cannot carry the segment, or null when it can. */
  private refusal(details: DeviceDetails): string | null {
    const type = details.network_type!;
    if (TUNNEL_NETWORK_TYPES.includes(type)) {
      return this.settings.tunnelTypes.includes(type)
        ? null
        : `tunnelling is not enabled for ${type}`;
    }
    if (type === NetworkType.FLAT || type === NetworkType.VLAN) {
      const physnet = details.physical_network ?? '';
      return physnet in this.settings.bridgeMappings
        ? null
        : `physical network '${physnet}' is not in bridge_mappings`;
    }
    if (type === NetworkType.LOCAL) return null;
    return `network type ${type} is not supported`;
  }
}
