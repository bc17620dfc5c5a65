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
import { type SriovWiring } from './device-wiring';
import { fetchDetailsInBulk } from './fetch-details-in-bulk';

/** A VF with this MAC address has no VM behind it. */
const UNASSIGNED_MAC = '00:00:00:00:00:00';

/** What the SR-IOV agent is configured with (validated by `createSriovAgent`). */
export interface SriovHandlerSettings {
  bridge: Bridge;
  /** Physical network → physical functions (NICs) whose VFs it serves. */
  deviceMappings: Readonly<Record<string, readonly string[]>>;
  extensions: readonly string[];
  logger: Logger;
}

/**
 * The SR-IOV NIC agent's device handling. Devices are virtual functions with an
 * assigned MAC address, identified by (MAC address, PCI slot) and sent as the MAC with the slot.
 * Details come from `get_devices_details_list` (which may bind and sets `BUILD`). A bound port's
 * VF gets its VLAN (the segmentation id, 0 for flat) and a link state that follows the port's
 * admin state; segments that are not flat or VLAN, or whose physical network is not in
 * `device_mappings`, are not wired. The agent reports with a cast, so it never sees `revived`.
 */
export class SriovDeviceHandler implements DeviceHandler {
  readonly agentType = AgentType.NIC_SWITCH;
  readonly binary = 'neutron-sriov-nic-agent';
  readonly reportMode = 'cast';
  readonly startedAfterFirstRound = false;

  constructor(private readonly settings: SriovHandlerSettings) {}

  /** Nothing to read. */
  async prepare(): Promise<void> {}

  /** See `DeviceHandler.configurations`. */
  configurations(): Record<string, unknown> & AgentConfigurations {
    return {
      device_mappings: Object.fromEntries(
        Object.entries(this.settings.deviceMappings).map(([physnet, pfs]) => [physnet, [...pfs]]),
      ),
      extensions: [...this.settings.extensions],
    };
  }

  /** A VF with a PCI slot and an assigned MAC address is a device. */
  identify(iface: BridgeInterface): LocalDevice | null {
    const mac = iface.mac?.toLowerCase();
    if (!iface.pciSlot || !mac || mac === UNASSIGNED_MAC) return null;
    return {
      key: `${mac}|${iface.pciSlot}`,
      device: mac,
      pciSlot: iface.pciSlot,
      interfaceName: iface.name,
      mac,
    };
  }

  /** Same MAC address, and the same PCI slot when the port's profile names one. */
  refersTo(device: LocalDevice, port: PortHint): boolean {
    if (!port.mac_address || port.mac_address.toLowerCase() !== device.mac) return false;
    const slot = port.profile?.['pci_slot'];
    return slot === undefined || slot === device.pciSlot;
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
    const { logger } = this.settings;
    if (details.no_active_binding) return { kind: 'waiting', wiring: null };
    if (!details.port_id || !details.network_type) {
      logger.info('Device not defined on plugin', { device: device.device });
      return { kind: 'unbound', wiring: null };
    }
    const physnet = details.physical_network ?? '';
    const vlan =
      details.network_type === NetworkType.VLAN
        ? (details.segmentation_id ?? null)
        : details.network_type === NetworkType.FLAT
          ? 0
          : null;
    if (vlan === null || !(physnet in this.settings.deviceMappings)) {
      logger.error('The VF cannot carry the segment', {
        device: device.device,
        networkType: details.network_type,
        physicalNetwork: physnet,
      });
      return { kind: 'unbound', wiring: null };
    }
    const wiring: SriovWiring = {
      kind: 'sriov',
      pci_slot: device.pciSlot!,
      vlan,
      link_state: details.admin_state_up ? 'enable' : 'disable',
    };
    if (!(await this.settings.bridge.program(device.interfaceName, wiring))) {
      return { kind: 'vanished', wiring: null };
    }
    return { kind: details.admin_state_up ? 'up' : 'down', wiring };
  }

  /** A deleted port's VF loses its wiring; a removed VF leaves nothing behind. */
  async unwire(device: LocalDevice, reason: 'deleted' | 'removed'): Promise<void> {
    if (reason === 'deleted') await this.settings.bridge.program(device.interfaceName, null);
  }

  /** The SR-IOV agent does not ask for tunnel refreshes. */
  refreshTunnels(): boolean {
    return false;
  }

  /** The MAC address with the PCI slot. */
  reference(device: LocalDevice): { device: string; pci_slot?: string } {
    return { device: device.device, pci_slot: device.pciSlot };
  }
}
