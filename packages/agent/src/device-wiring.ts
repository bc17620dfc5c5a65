/** The VLAN tag of OVS ports that must not pass traffic (unbound, binding failed, admin down). */
export const DEAD_VLAN = 4095;

/**
 * An OVS port's wiring on the integration bridge: the local VLAN `tag` and the `other_config`
 * the agent records (`net_uuid`, `network_type`, `physical_network`, `segmentation_id`, `tag`,
 * as strings like OVSDB stores them). A dead port has tag 4095, no `other_config` mapping, and a
 * drop flow.
 */
export interface OvsWiring {
  kind: 'ovs';
  tag: number;
  other_config: Readonly<Record<string, string>>;
  /** True when a flow drops everything the port sends (dead VLAN). */
  drop_flow: boolean;
}

/**
 * A Linux bridge tap's wiring: the bridge it is plugged into (`brq` + first 11 characters of the
 * network id, or the bridge a physical network is mapped to), the bridge's uplink (`eth1.100` for
 * VLAN, the interface for flat, `vxlan-<vni>` for VXLAN, none for local), and the tap's link state.
 */
export interface LinuxBridgeWiring {
  kind: 'linuxbridge';
  bridge: string;
  uplink: string | null;
  tap_state: 'up' | 'down';
}

/** An SR-IOV VF's wiring: its VLAN (0 for flat) and link state. */
export interface SriovWiring {
  kind: 'sriov';
  pci_slot: string;
  vlan: number;
  link_state: 'enable' | 'disable';
}

/** What an agent programs for one device. */
export type DeviceWiring = OvsWiring | LinuxBridgeWiring | SriovWiring;
