import { type AgentConfigurations } from '@ml2ts/driver-api';
import { type AgentServerApi, type DeviceDetails, type DeviceReference } from '@ml2ts/agent-rpc';
import { type BridgeInterface } from './bridge';
import { type DeviceOutcomeKind } from './agent-event';
import { type DeviceWiring } from './device-wiring';

/** A device as the agent tracks it: one interface on the bridge that belongs to a port. */
export interface LocalDevice {
  /** Unique per agent: OVS the port id, Linux bridge the tap name, SR-IOV `<mac>|<pci slot>`. */
  readonly key: string;
  /** The `device` string sent to the server (port id, tap name, or MAC address). */
  readonly device: string;
  /** SR-IOV: the VF's PCI slot, sent with the MAC address. */
  readonly pciSlot?: string;
  /** The interface on the bridge. */
  readonly interfaceName: string;
  /** The MAC address the interface carries, when known. */
  readonly mac?: string;
  /** The full port id when the interface names it (OVS `iface-id`). */
  readonly portId?: string;
}

/** What the agent knows of a port from a notification. */
export interface PortHint {
  id: string;
  mac_address?: string;
  profile?: Readonly<Record<string, unknown>>;
}

/** The result of processing one device. */
export interface DeviceOutcome {
  /**
   * `up`: wired, report up. `down`: admin down, report down. `unbound`: the server has no bound
   * segment for it (unknown port, binding failed), nothing is reported. `waiting`: the port is
   * bound to another host (live migration), nothing is reported. `vanished`: the interface left
   * the bridge meanwhile; the next round handles it.
   */
  kind: DeviceOutcomeKind | 'vanished';
  /** What was programmed (null: nothing). */
  wiring: DeviceWiring | null;
}

/** Details fetched for a batch of devices, by `LocalDevice.key`. */
export interface DetailsBatch {
  details: Map<string, DeviceDetails>;
  /** Keys of the devices whose lookup failed (they are retried). */
  failed: Set<string>;
}

/** Who is asking: sent with every device call. */
export interface RequestIdentity {
  host: string;
  agentId: string;
}

/**
 * Everything that differs between the OVS, Linux bridge and SR-IOV agents: which interfaces are
 * devices, how details are fetched, how a device is wired, and what the agent reports about
 * itself. `DeviceLoop` and `L2Agent` do the rest. Methods run outside any server transaction and
 * may block on the server or the bridge; a throw fails the whole loop round (full resync next).
 */
export interface DeviceHandler {
  /** `agent_type`, e.g. `Open vSwitch agent`. */
  readonly agentType: string;
  /** `binary`, e.g. `neutron-openvswitch-agent`. */
  readonly binary: string;
  /** `call`: the agent waits for the report's answer and reacts to `revived`; `cast`: it cannot. */
  readonly reportMode: 'call' | 'cast';
  /** True when `start_flag` stays set until the device loop completed its first round (OVS). */
  readonly startedAfterFirstRound: boolean;
  /** Reads what the handler needs from the data plane before the agent starts (capabilities). */
  prepare(): Promise<void>;
  /** The agent's `configurations`, without `devices` (the agent adds the count). Never blocks. */
  configurations(): Record<string, unknown> & AgentConfigurations;
  /** The device an interface is, `not-ready` to look again next round, or null to ignore it. */
  identify(iface: BridgeInterface): LocalDevice | 'not-ready' | null;
  /** True when a notification about `port` concerns `device`. */
  refersTo(device: LocalDevice, port: PortHint): boolean;
  /** Asks the server about the devices. */
  fetchDetails(
    server: AgentServerApi,
    devices: readonly LocalDevice[],
    identity: RequestIdentity,
  ): Promise<DetailsBatch>;
  /** Wires a device according to its details. */
  wire(device: LocalDevice, details: DeviceDetails): Promise<DeviceOutcome>;
  /**
   * Undoes the wiring: `deleted` when the port is gone but the interface is still there,
   * `removed` when the interface left the bridge (only bookkeeping is left to undo).
   */
  unwire(device: LocalDevice, reason: 'deleted' | 'removed'): Promise<void>;
  /** The `refresh_tunnels` flag of `update_device_list` in round `round` (0-based). */
  refreshTunnels(round: number): boolean;
  /** How a device is named in `update_device_list`. */
  reference(device: LocalDevice): DeviceReference;
}
