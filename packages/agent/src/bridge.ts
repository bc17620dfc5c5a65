import { type DeviceWiring } from './device-wiring';

/**
 * One interface on a host's data plane, as an agent sees it: an OVSDB `Interface` row on the
 * integration bridge, a tap device, or an SR-IOV virtual function.
 */
export interface BridgeInterface {
  readonly name: string;
  /**
   * OVSDB `external_ids` as the compute side sets them: `iface-id` (the port id), `attached-mac`,
   * `vm-uuid`, `iface-status`.
   */
  readonly externalIds: Readonly<Record<string, string>>;
  /** OpenFlow port number: null while OVS has not assigned one, -1 when OVS failed to add it. */
  readonly ofport: number | null;
  /** The interface's own MAC address (SR-IOV: the MAC given to the VF). */
  readonly mac?: string;
  /** SR-IOV: the VF's PCI address, e.g. `0000:05:00.1`. */
  readonly pciSlot?: string;
}

/** A change on the bridge: an interface was added, removed, or changed (ids, ofport). */
export interface BridgeEvent {
  type: 'added' | 'removed' | 'modified';
  name: string;
}

/** What OVS reports it supports (`ovs_capabilities` in the agent's configurations). */
export interface OvsCapabilities {
  datapath_types: string[];
  iface_types: string[];
}

/**
 * The agent's seam to the data plane: it lists and watches interfaces, and programs the wiring of
 * one interface at a time. `InMemoryBridge` implements it now; an OVSDB-backed implementation
 * is a later addition behind the same interface.
 */
export interface Bridge {
  /** The bridge's name, e.g. `br-int`. */
  readonly name: string;
  /** Every interface on the bridge now. May block (a database read). */
  listInterfaces(): Promise<BridgeInterface[]>;
  /**
   * Calls `listener` synchronously on every change; returns a function that stops it. Listeners
   * must not block or throw.
   */
  watch(listener: (event: BridgeEvent) => void): () => void;
  /**
   * Programs an interface's wiring (null: remove what the agent programmed). Resolves false when
   * the interface is no longer on the bridge (nothing programmed). May block.
   */
  program(interfaceName: string, wiring: DeviceWiring | null): Promise<boolean>;
  /** The datapath and interface types the switch supports. May block. */
  capabilities(): Promise<OvsCapabilities>;
}
