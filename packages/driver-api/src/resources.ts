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

/**
 * Attributes a network create accepts (Neutron's, for networks with the provider, multi-segment
 * and related extensions). Any other key is refused with a 400 naming it. Attributes marked
 * "validated, not stored" are checked (type, size, format) and then dropped: ml2ts keeps no
 * such state, and accepts them so that requests written for Neutron work unchanged.
 */
export interface NetworkCreateRequest {
  /** At most 255 characters. */
  name?: string;
  /** At most 255 characters. */
  project_id?: string;
  /** Neutron's older name of `project_id`; when both are given they must be equal. */
  tenant_id?: string;
  admin_state_up?: boolean;
  /** At least 68 and at most the MTU the segments allow; null or absent: that largest MTU. */
  mtu?: number | null;
  'router:external'?: boolean;
  vlan_transparent?: boolean;
  'provider:network_type'?: string | null;
  'provider:physical_network'?: string | null;
  'provider:segmentation_id'?: number | null;
  /** Several static segments instead of the provider attributes; null means none given. */
  segments?: Array<{
    'provider:network_type'?: string | null;
    'provider:physical_network'?: string | null;
    'provider:segmentation_id'?: number | null;
  }> | null;
  /** Validated, not stored. At most 255 characters. */
  description?: string;
  /** Validated, not stored. */
  shared?: boolean;
  /** Validated, not stored. */
  port_security_enabled?: boolean;
  /** Validated, not stored. Availability zone names, at most 255 characters each. */
  availability_zone_hints?: string[];
  /** Validated, not stored. At most 255 characters. */
  dns_domain?: string;
  /** Validated, not stored. A UUID, or null. */
  qos_policy_id?: string | null;
  /** Validated, not stored. Tags of at most 255 characters, at most 128 of them. */
  tags?: string[];
}

/**
 * Attributes a network update accepts; a key that is absent is left alone. The provider
 * attributes, `segments` and `vlan_transparent` cannot change: a value other than the stored one
 * is refused with a 400 naming the attribute. `project_id`, `tenant_id`,
 * `availability_zone_hints` and `tags` cannot be updated at all (400); any other key is refused
 * as unknown (400).
 */
export interface NetworkUpdateRequest {
  name?: string;
  admin_state_up?: boolean;
  /** At least 68 and at most the MTU the network's segments allow; null: that largest MTU. */
  mtu?: number | null;
  'router:external'?: boolean;
  vlan_transparent?: boolean;
  'provider:network_type'?: string | null;
  'provider:physical_network'?: string | null;
  'provider:segmentation_id'?: number | null;
  segments?: NetworkCreateRequest['segments'];
  /** Validated, not stored. */
  description?: string;
  /** Validated, not stored. */
  shared?: boolean;
  /** Validated, not stored. */
  port_security_enabled?: boolean;
  /** Validated, not stored. */
  dns_domain?: string;
  /** Validated, not stored. */
  qos_policy_id?: string | null;
}

/** One address range of `allocation_pools`. */
export interface AllocationPool {
  start: string;
  end: string;
}

/** One static route of `host_routes`. */
export interface HostRoute {
  destination: string;
  nexthop: string;
}

/**
 * Attributes a subnet create accepts (IPv4 only: ml2ts keeps no IPv6 subnets). Any other key
 * is refused with a 400 naming it; "validated, not stored" attributes are checked and dropped.
 */
export interface SubnetCreateRequest {
  network_id: string;
  /** Canonical IPv4 CIDR (`10.0.0.0/24`, not `10.0.0.1/24`). */
  cidr: string;
  /** 4 when given. */
  ip_version?: number;
  /** Validated, not stored. At most 255 characters. */
  name?: string;
  enable_dhcp?: boolean;
  /** Routed networks: the segment this subnet belongs to. */
  segment_id?: string | null;
  /** Validated, not stored. */
  description?: string;
  /** Validated, not stored. */
  project_id?: string;
  /** Validated, not stored; equal to `project_id` when both are given. */
  tenant_id?: string;
  /** Validated, not stored. An IPv4 address, or null. */
  gateway_ip?: string | null;
  /** Validated, not stored. */
  allocation_pools?: AllocationPool[];
  /** Validated, not stored. IPv4 addresses. */
  dns_nameservers?: string[];
  /** Validated, not stored. */
  host_routes?: HostRoute[];
  /** Validated, not stored. */
  tags?: string[];
}

/**
 * Attributes a subnet update accepts; a key that is absent is left alone. `cidr`, `network_id`,
 * `ip_version` and `segment_id` cannot change: a value other than the stored one is refused
 * with a 400 naming the attribute. `project_id`, `tenant_id` and `tags` cannot be updated at
 * all (400); any other key is refused as unknown (400).
 */
export interface SubnetUpdateRequest {
  enable_dhcp?: boolean;
  cidr?: string;
  network_id?: string;
  ip_version?: number;
  segment_id?: string | null;
  /** Validated, not stored. */
  name?: string;
  /** Validated, not stored. */
  description?: string;
  /** Validated, not stored. */
  gateway_ip?: string | null;
  /** Validated, not stored. */
  allocation_pools?: AllocationPool[];
  /** Validated, not stored. */
  dns_nameservers?: string[];
  /** Validated, not stored. */
  host_routes?: HostRoute[];
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

/** One entry of `allowed_address_pairs`. */
export interface AllowedAddressPair {
  /** An IPv4 address or CIDR. */
  ip_address: string;
  mac_address?: string;
}

/** One requested address of a port. */
export interface FixedIpRequest {
  /** The subnet; ml2ts does not look subnets up by address, so it is required. */
  subnet_id: string;
  /** A canonical IPv4 address inside the subnet; ml2ts allocates none, so it is required. */
  ip_address?: string;
}

/**
 * Attributes a port create accepts. Any other key is refused with a 400 naming it, and so are
 * `binding:vif_type` and `binding:vif_details`, which only binding sets. "Validated, not stored"
 * attributes are checked (type, size, format) and dropped.
 */
export interface PortCreateRequest {
  network_id: string;
  /** A UUID; absent: one is generated. */
  id?: string;
  name?: string;
  /** At most 255 characters; absent: the network's project. */
  project_id?: string;
  /** Neutron's older name of `project_id`; when both are given they must be equal. */
  tenant_id?: string;
  mac_address?: string;
  /** Addresses the port gets; ml2ts allocates none itself (it is not an IPAM). */
  fixed_ips?: FixedIpRequest[];
  device_id?: string;
  device_owner?: string;
  admin_state_up?: boolean;
  dns_name?: string;
  /** One of the port statuses; absent: DOWN. */
  status?: string;
  'binding:host_id'?: string | null;
  'binding:vnic_type'?: string | null;
  'binding:profile'?: Record<string, unknown> | null;
  /** Validated, not stored. */
  description?: string;
  /** Validated, not stored. Security group ids. */
  security_groups?: string[];
  /** Validated, not stored. */
  port_security_enabled?: boolean;
  /** Validated, not stored. */
  qos_policy_id?: string | null;
  /** Validated, not stored. */
  allowed_address_pairs?: AllowedAddressPair[];
  /** Validated, not stored. */
  dns_domain?: string;
  /** Validated, not stored. */
  tags?: string[];
}

/**
 * Attributes a port update accepts; a key that is absent is left alone. `network_id` cannot
 * change (a value other than the stored one is a 400 naming it); `id`, `project_id`,
 * `tenant_id`, `status` and `tags` cannot be updated at all (400); `binding:vif_type` and
 * `binding:vif_details` are set by binding only (400); any other key is refused as unknown.
 */
export interface PortUpdateRequest {
  name?: string;
  /** Refused with PortBound (409) while the port is bound. */
  mac_address?: string;
  /** Replaces every address of the port; the same rules as on create. */
  fixed_ips?: FixedIpRequest[];
  device_id?: string;
  device_owner?: string;
  admin_state_up?: boolean;
  dns_name?: string;
  'binding:host_id'?: string | null;
  'binding:vnic_type'?: string | null;
  'binding:profile'?: Record<string, unknown> | null;
  /** Cannot change: only the stored value is accepted. */
  network_id?: string;
  /** Validated, not stored. */
  description?: string;
  /** Validated, not stored. */
  security_groups?: string[];
  /** Validated, not stored. */
  port_security_enabled?: boolean;
  /** Validated, not stored. */
  qos_policy_id?: string | null;
  /** Validated, not stored. */
  allowed_address_pairs?: AllowedAddressPair[];
  /** Validated, not stored. */
  dns_domain?: string;
}

/** What `listPorts` filters on; every filter given must match. */
export interface PortListFilter {
  network_id?: string;
  device_id?: string;
  'binding:host_id'?: string;
}

/** One binding level with its segment, as `getBindingLevels` returns it. */
export interface BindingLevelResource {
  level: number;
  driver: string;
  host: string;
  segment: NetworkSegmentResource | null;
}
