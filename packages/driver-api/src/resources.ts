/**
 * The resources `Ml2Plugin` takes and returns. They use Neutron's wire names (`network_id`,
 * `binding:host_id`, ...) so that a REST layer is a thin mapping and Neutron users feel at home.
 */

/** One segment as a network shows it. */
export interface SegmentResource {
  'provider:network_type': string;
  'provider:physical_network': string | null;
  'provider:segmentation_id': number | null;
}

/** A segment as stored, with its identity and position. */
export interface NetworkSegmentResource {
  id: string;
  network_id: string;
  network_type: string;
  physical_network: string | null;
  segmentation_id: number | null;
  segment_index: number;
  is_dynamic: boolean;
  mtu: number;
}

export interface NetworkResource {
  id: string;
  name: string;
  project_id: string;
  mtu: number;
  admin_state_up: boolean;
  'router:external': boolean;
  vlan_transparent: boolean;
  /** Single-segment networks: the provider attributes of that segment. */
  'provider:network_type'?: string;
  'provider:physical_network'?: string | null;
  'provider:segmentation_id'?: number | null;
  /** Multi-segment networks: every static segment, in order. */
  segments?: SegmentResource[];
  subnets: string[];
}

export interface NetworkCreateRequest {
  name?: string;
  project_id?: string;
  admin_state_up?: boolean;
  mtu?: number;
  'router:external'?: boolean;
  vlan_transparent?: boolean;
  'provider:network_type'?: string | null;
  'provider:physical_network'?: string | null;
  'provider:segmentation_id'?: number | null;
  segments?: Array<{
    'provider:network_type'?: string | null;
    'provider:physical_network'?: string | null;
    'provider:segmentation_id'?: number | null;
  }>;
}

/**
 * Attributes a network update accepts; a key that is absent is left alone. The provider
 * attributes, `segments` and `vlan_transparent` cannot change: a value other than the stored one
 * is refused with a 400 naming the attribute.
 */
export interface NetworkUpdateRequest {
  name?: string;
  admin_state_up?: boolean;
  /** At least 68 and at most the MTU the network's segments allow. */
  mtu?: number;
  'router:external'?: boolean;
  vlan_transparent?: boolean;
  'provider:network_type'?: string | null;
  'provider:physical_network'?: string | null;
  'provider:segmentation_id'?: number | null;
  segments?: NetworkCreateRequest['segments'];
}

export interface SubnetCreateRequest {
  network_id: string;
  cidr: string;
  name?: string;
  enable_dhcp?: boolean;
  /** Routed networks: the segment this subnet belongs to. */
  segment_id?: string | null;
}

/**
 * Attributes a subnet update accepts; a key that is absent is left alone. `cidr`, `network_id`,
 * `ip_version` and `segment_id` cannot change: a value other than the stored one is refused
 * with a 400 naming the attribute.
 */
export interface SubnetUpdateRequest {
  enable_dhcp?: boolean;
  cidr?: string;
  network_id?: string;
  ip_version?: number;
  segment_id?: string | null;
}

export interface SubnetResource {
  id: string;
  network_id: string;
  cidr: string;
  ip_version: 4 | 6;
  enable_dhcp: boolean;
  segment_id: string | null;
}

export interface FixedIpResource {
  subnet_id: string;
  ip_address: string;
}

export interface PortResource {
  id: string;
  name: string;
  network_id: string;
  project_id: string;
  mac_address: string;
  fixed_ips: FixedIpResource[];
  device_id: string;
  device_owner: string;
  status: string;
  admin_state_up: boolean;
  dns_name: string;
  'binding:host_id': string;
  'binding:vnic_type': string;
  'binding:profile': Record<string, unknown>;
  'binding:vif_type': string;
  'binding:vif_details': Record<string, unknown>;
}

/** Attributes a port create accepts. */
export interface PortCreateRequest {
  network_id: string;
  id?: string;
  name?: string;
  project_id?: string;
  mac_address?: string;
  /** Addresses the port gets; ml2ts allocates none itself (it is not an IPAM). */
  fixed_ips?: Array<{ subnet_id: string; ip_address?: string }>;
  device_id?: string;
  device_owner?: string;
  admin_state_up?: boolean;
  dns_name?: string;
  status?: string;
  'binding:host_id'?: string | null;
  'binding:vnic_type'?: string | null;
  'binding:profile'?: Record<string, unknown> | null;
}

/** Attributes a port update accepts; a key that is absent is left alone. */
export interface PortUpdateRequest {
  name?: string;
  mac_address?: string;
  device_id?: string;
  device_owner?: string;
  admin_state_up?: boolean;
  dns_name?: string;
  'binding:host_id'?: string | null;
  'binding:vnic_type'?: string | null;
  'binding:profile'?: Record<string, unknown> | null;
}

/** One binding level with its segment, as `getBindingLevels` returns it. */
export interface BindingLevelResource {
  level: number;
  driver: string;
  host: string;
  segment: NetworkSegmentResource | null;
}
