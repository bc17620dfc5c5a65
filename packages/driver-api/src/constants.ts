/**
 * The exact string values and numbers of Neutron's ML2 binding that ml2ts carries over. Every
 * value here is part of the wire and database format; none may change.
 */

/** Port status values (`status` of a port). */
export const PortStatus = {
  ACTIVE: 'ACTIVE',
  BUILD: 'BUILD',
  DOWN: 'DOWN',
  ERROR: 'ERROR',
  NOT_APPLICABLE: 'N/A',
} as const;
export type PortStatus = (typeof PortStatus)[keyof typeof PortStatus];

/** Status of a port binding row: one ACTIVE row per port, INACTIVE rows during live migration. */
export const BindingStatus = { ACTIVE: 'ACTIVE', INACTIVE: 'INACTIVE' } as const;
export type BindingStatus = (typeof BindingStatus)[keyof typeof BindingStatus];

/** `binding:vif_type` values. */
export const VifType = {
  UNBOUND: 'unbound',
  BINDING_FAILED: 'binding_failed',
  DISTRIBUTED: 'distributed',
  OVS: 'ovs',
  BRIDGE: 'bridge',
  VHOSTUSER: 'vhostuser',
  HW_VEB: 'hw_veb',
  HOSTDEV_PHYSICAL: 'hostdev_physical',
  OTHER: 'other',
  TAP: 'tap',
  MACVTAP: 'macvtap',
  AGILIO_OVS: 'agilio_ovs',
} as const;
export type VifType = (typeof VifType)[keyof typeof VifType];

/** VIF types that mean "not plugged": a port with one of these may be (re)bound. */
export const UNPLUGGED_VIF_TYPES: readonly string[] = [VifType.BINDING_FAILED, VifType.UNBOUND];

/** `binding:vnic_type` values, in the order of the API validation list. */
export const VNIC_TYPES = [
  'normal',
  'direct',
  'macvtap',
  'baremetal',
  'direct-physical',
  'virtio-forwarder',
  'smart-nic',
  'vdpa',
  'accelerator-direct',
  'accelerator-direct-physical',
  'remote-managed',
] as const;
export type VnicType = (typeof VNIC_TYPES)[number];
export const VnicType = {
  NORMAL: 'normal',
  DIRECT: 'direct',
  MACVTAP: 'macvtap',
  BAREMETAL: 'baremetal',
  DIRECT_PHYSICAL: 'direct-physical',
  VIRTIO_FORWARDER: 'virtio-forwarder',
  SMARTNIC: 'smart-nic',
  VDPA: 'vdpa',
  ACCELERATOR_DIRECT: 'accelerator-direct',
  ACCELERATOR_DIRECT_PHYSICAL: 'accelerator-direct-physical',
  REMOTE_MANAGED: 'remote-managed',
} as const satisfies Record<string, VnicType>;

/** True when `value` is one of the vnic types the API accepts. */
export function isVnicType(value: unknown): value is VnicType {
  return typeof value === 'string' && (VNIC_TYPES as readonly string[]).includes(value);
}

/** Network (segment) types with a type driver, plus `none`, which has none. */
export const NetworkType = {
  FLAT: 'flat',
  VLAN: 'vlan',
  VXLAN: 'vxlan',
  GENEVE: 'geneve',
  GRE: 'gre',
  LOCAL: 'local',
} as const;
export type NetworkType = (typeof NetworkType)[keyof typeof NetworkType];
/** The type drivers ml2ts ships, in Neutron's default `type_drivers` order. */
export const DEFAULT_TYPE_DRIVERS: readonly NetworkType[] = [
  'local',
  'flat',
  'vlan',
  'gre',
  'vxlan',
  'geneve',
];
/** Network types whose segments name a physical network. */
export const PHYSICAL_NETWORK_TYPES: readonly string[] = [NetworkType.FLAT, NetworkType.VLAN];
/** Tunnelled network types. */
export const TUNNEL_NETWORK_TYPES: readonly string[] = [
  NetworkType.VXLAN,
  NetworkType.GENEVE,
  NetworkType.GRE,
];

/** Agent types (`agent_type`) and the binaries that report them. */
export const AgentType = {
  OVS: 'Open vSwitch agent',
  LINUXBRIDGE: 'Linux bridge agent',
  NIC_SWITCH: 'NIC Switch agent',
  MACVTAP: 'Macvtap agent',
  DHCP: 'DHCP agent',
  L3: 'L3 agent',
  METADATA: 'Metadata agent',
  METERING: 'Metering agent',
  OFA: 'OFA driver agent',
} as const;
export type AgentType = (typeof AgentType)[keyof typeof AgentType];
export const AGENT_BINARIES: Readonly<Record<string, string>> = {
  [AgentType.OVS]: 'neutron-openvswitch-agent',
  [AgentType.LINUXBRIDGE]: 'neutron-linuxbridge-agent',
  [AgentType.NIC_SWITCH]: 'neutron-sriov-nic-agent',
  [AgentType.MACVTAP]: 'neutron-macvtap-agent',
  [AgentType.DHCP]: 'neutron-dhcp-agent',
  [AgentType.L3]: 'neutron-l3-agent',
  [AgentType.METADATA]: 'neutron-metadata-agent',
  [AgentType.METERING]: 'neutron-metering-agent',
};

/** What `reportState` answers. */
export const ReportStateResult = { NEW: 'new', ALIVE: 'alive', REVIVED: 'revived' } as const;
export type ReportStateResult = (typeof ReportStateResult)[keyof typeof ReportStateResult];

/** A driver's connectivity: only `l2` drivers may bind ports that have no fixed IPs. */
export const Connectivity = { L2: 'l2', L3: 'l3', LEGACY: 'legacy' } as const;
export type Connectivity = (typeof Connectivity)[keyof typeof Connectivity];

/** Provisioning-block entities. */
export const ProvisioningEntity = { L2: 'L2', DHCP: 'DHCP' } as const;
export type ProvisioningEntity = (typeof ProvisioningEntity)[keyof typeof ProvisioningEntity];

/** Device owners the binding machinery cares about. */
export const DeviceOwner = {
  COMPUTE_PREFIX: 'compute:',
  NETWORK_PREFIX: 'network:',
  NEUTRON_PREFIX: 'neutron:',
  DHCP: 'network:dhcp',
  ROUTER_INTERFACE: 'network:router_interface',
  ROUTER_GATEWAY: 'network:router_gateway',
  DVR_INTERFACE: 'network:router_interface_distributed',
  HA_REPLICATED_INTERFACE: 'network:ha_router_replicated_interface',
  ROUTER_SNAT: 'network:router_centralized_snat',
  FLOATINGIP_AGENT_GATEWAY: 'network:floatingip_agent_gateway',
  ROUTER_HA_INTERFACE: 'network:router_ha_interface',
  FLOATINGIP: 'network:floatingip',
} as const;

/** Device owners that never get an L2 or DHCP provisioning block (`''` included). */
export const OWNERS_WITHOUT_PROVISIONING_BLOCK: readonly string[] = [
  '',
  DeviceOwner.DVR_INTERFACE,
  DeviceOwner.HA_REPLICATED_INTERFACE,
  DeviceOwner.ROUTER_INTERFACE,
  DeviceOwner.ROUTER_GATEWAY,
  DeviceOwner.ROUTER_SNAT,
  DeviceOwner.DHCP,
  DeviceOwner.FLOATINGIP_AGENT_GATEWAY,
  DeviceOwner.ROUTER_HA_INTERFACE,
  DeviceOwner.FLOATINGIP,
];

/** Numeric limits and defaults. */
export const Limits = {
  /** Binding attempts of one `bindIfNeeded` call (Neutron recomputes a failure this often). */
  MAX_BIND_TRIES: 10,
  /** Binding levels 0..9 exist; reaching level 10 fails the branch. */
  MAX_BINDING_LEVELS: 10,
  MAX_PROVISIONING_TRIES: 10,
  /** Serialized `binding:profile` and `vif_details` size limit, in characters. */
  MAX_PROFILE_LENGTH: 4095,
  MAX_VIF_DETAILS_LENGTH: 4095,
  /** `binding:vif_type` size limit, in characters (the `ml2_port_bindings.vif_type` column). */
  MAX_VIF_TYPE_LENGTH: 64,
  MAX_AGENT_CONFIGURATIONS_LENGTH: 4095,
  MIN_VLAN_TAG: 1,
  MAX_VLAN_TAG: 4094,
  /** The VLAN tag the OVS agent parks unbound ports on. */
  DEAD_VLAN_TAG: 4095,
  MIN_VXLAN_VNI: 1,
  MAX_VXLAN_VNI: 2 ** 24 - 1,
  MIN_GENEVE_VNI: 1,
  MAX_GENEVE_VNI: 2 ** 24 - 1,
  MIN_GRE_ID: 1,
  MAX_GRE_ID: 2 ** 32 - 1,
  DEFAULT_AGENT_DOWN_TIME: 75,
  DEFAULT_REPORT_INTERVAL: 30,
  DEFAULT_GLOBAL_PHYSNET_MTU: 1500,
  RPC_RESOURCES_PROCESSING_STEP: 20,
} as const;

/** Overhead subtracted from the path MTU for tunnelled segments. */
export const EncapOverhead = {
  IPV4_HEADER: 20,
  IPV6_HEADER: 40,
  VXLAN: 30,
  GRE: 22,
  GENEVE_DEFAULT_MAX_HEADER_SIZE: 30,
} as const;

/**
 * How an IPv6 subnet's addresses are given (`ipv6_address_mode`) and how its router
 * advertisements say so (`ipv6_ra_mode`). `slaac` and `dhcpv6-stateless` subnets are
 * autoconfigured: each port's address there is derived from its MAC address (EUI-64).
 */
export const Ipv6Mode = {
  SLAAC: 'slaac',
  DHCPV6_STATEFUL: 'dhcpv6-stateful',
  DHCPV6_STATELESS: 'dhcpv6-stateless',
} as const;
export type Ipv6Mode = (typeof Ipv6Mode)[keyof typeof Ipv6Mode];

/** Every `Ipv6Mode`, for validation. */
export const IPV6_MODES: readonly Ipv6Mode[] = Object.values(Ipv6Mode);
