import { type Ipv6Mode } from './constants';

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

/**
 * A segment as stored, with its identity, position and standard attributes: what the segment
 * operations (`getSegment`, `listAllSegments`, ...) and `listSegments` return. Neutron's
 * `segment` resource is this without `segment_index`, `is_dynamic` and `mtu`.
 */
export interface NetworkSegmentResource {
  id: string;
  network_id: string;
  /** Null unless given: segments made with their network have none. */
  name: string | null;
  /** Null unless given. */
  description: string | null;
  network_type: string;
  physical_network: string | null;
  segmentation_id: number | null;
  segment_index: number;
  is_dynamic: boolean;
  mtu: number;
  /** 0 at create; +1 with every update of the segment. */
  revision_number: number;
  /** UTC, to the second: `2026-01-02T03:04:05Z`. */
  created_at: string;
  /** When `revision_number` last moved, as `created_at`. */
  updated_at: string;
}

/**
 * A segment `createSegment` adds to an existing network (Neutron's `segment` extension). Any
 * other key is refused with a 400 naming it.
 */
export interface SegmentCreateRequest {
  network_id: string;
  network_type: string;
  /** Flat and VLAN segments: the physical network. */
  physical_network?: string | null;
  /** VLAN id, VNI or GRE key; absent or null: the type driver allocates one. */
  segmentation_id?: number | null;
  /** At most 255 characters; absent: null. */
  name?: string | null;
  /** At most 255 characters; absent: null. */
  description?: string | null;
}

/**
 * What `updateSegment` changes; a key that is absent is left alone. `network_id`,
 * `network_type`, `physical_network` and `segmentation_id` cannot be updated (400); any other
 * key is refused as unknown (400).
 */
export interface SegmentUpdateRequest {
  name?: string | null;
  description?: string | null;
}

/** The collections whose resources carry tags (Neutron's `standard-attr-tag`). */
export type TaggableResourceType = 'networks' | 'subnets' | 'ports' | 'security-groups';

/**
 * Neutron's tag filters of a list: a resource matches when it has every tag of `tags`, at least
 * one of `tags-any`, not all of `not-tags`, and none of `not-tags-any` (see `matchesTagFilter`).
 */
export interface TagFilter {
  tags?: readonly string[];
  'tags-any'?: readonly string[];
  'not-tags'?: readonly string[];
  'not-tags-any'?: readonly string[];
}

export interface NetworkResource {
  id: string;
  name: string;
  project_id: string;
  mtu: number;
  admin_state_up: boolean;
  'router:external': boolean;
  vlan_transparent: boolean;
  description: string;
  /** Stored and shown; ml2ts enforces no project boundaries. */
  shared: boolean;
  /** Always `ACTIVE`. */
  status: string;
  /** As the network was created with; `[]` when none were given. */
  availability_zone_hints: string[];
  /** Sorted. */
  tags: string[];
  /** 0 at create; +1 with every committed change of the network, its subnets list or tags. */
  revision_number: number;
  /** UTC, to the second: `2026-01-02T03:04:05Z`. */
  created_at: string;
  /** When `revision_number` last moved, as `created_at`. */
  updated_at: string;
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
  /** At most 255 characters; absent: `''`. */
  description?: string;
  /** Absent: false. */
  shared?: boolean;
  /** Validated, not stored. */
  port_security_enabled?: boolean;
  /** Availability zone names, at most 255 characters each; absent: `[]`. */
  availability_zone_hints?: string[];
  /** Validated, not stored. At most 255 characters. */
  dns_domain?: string;
  /** Validated, not stored. A UUID, or null. */
  qos_policy_id?: string | null;
  /** Distinct tags of at most 255 characters, at most 128 of them. */
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
  description?: string;
  shared?: boolean;
  /** Validated, not stored. */
  port_security_enabled?: boolean;
  /** Validated, not stored. */
  dns_domain?: string;
  /** Validated, not stored. */
  qos_policy_id?: string | null;
}

/** One address range of `allocation_pools`: its first and last address, both included. */
export interface AllocationPool {
  start: string;
  end: string;
}

/** One static route of `host_routes`. */
export interface HostRoute {
  /** A CIDR of the subnet's IP version. */
  destination: string;
  /** An address of the subnet's IP version. */
  nexthop: string;
}

/**
 * Attributes a subnet create accepts, IPv4 or IPv6. Any other key is refused with a 400 naming
 * it. Addresses and CIDRs come back canonical (IPv6 compressed, lower case); every address of a
 * request must be of the subnet's IP version.
 */
export interface SubnetCreateRequest {
  network_id: string;
  /**
   * The subnet's CIDR; IPv4 canonical without host bits (`10.0.0.0/24`, not `10.0.0.1/24`: 400),
   * IPv6 in any spelling, host bits cleared. Prefix length 0 is refused; it must not overlap
   * another subnet of the network.
   */
  cidr: string;
  /** 4 or 6, that of `cidr`; absent: that of `cidr`. */
  ip_version?: number;
  /** At most 255 characters; absent: `''`. */
  name?: string;
  /**
   * Absent: true. IPv6 subnets with `ipv6_address_mode` or `ipv6_ra_mode` need it true (400
   * otherwise).
   */
  enable_dhcp?: boolean;
  /** Routed networks: the segment this subnet belongs to. */
  segment_id?: string | null;
  /** At most 255 characters; absent: `''`. */
  description?: string;
  /** At most 255 characters; absent: the network's project. */
  project_id?: string;
  /** Neutron's older name of `project_id`; when both are given they must be equal. */
  tenant_id?: string;
  /**
   * Absent: the first address after the network address (`10.0.0.1` for `10.0.0.0/24`); null:
   * no gateway. May lie outside the CIDR; inside an IPv4 CIDR it may be neither the network nor
   * the broadcast address (400). It must not lie in an allocation pool (409
   * `GatewayConflictWithAllocationPools`).
   */
  gateway_ip?: string | null;
  /**
   * The ranges ports get addresses from. Absent: every address after the network address up to
   * the last one (IPv6) or the broadcast address (IPv4, excluded), without the gateway. Given:
   * each inside those bounds (400 `OutOfBoundsAllocationPool`), start not after end (400
   * `InvalidAllocationPool`), none sharing an address with another (409
   * `OverlappingAllocationPools`).
   */
  allocation_pools?: AllocationPool[];
  /** Distinct addresses, at most `DEFAULT.max_dns_nameservers` (400 `DNSNameServersExhausted`). */
  dns_nameservers?: string[];
  /** Distinct routes, at most `DEFAULT.max_subnet_host_routes` (400 `HostRoutesExhausted`). */
  host_routes?: HostRoute[];
  /**
   * IPv6 only (400 on IPv4): how ports get addresses; `slaac` and `dhcpv6-stateless` subnets
   * give each port its EUI-64 address and need a /64 CIDR. Absent or null: none.
   */
  ipv6_address_mode?: Ipv6Mode | null;
  /** IPv6 only: the router advertisement mode; when both modes are given they must be equal. */
  ipv6_ra_mode?: Ipv6Mode | null;
  /** Null only: ml2ts keeps no subnet pools. */
  subnetpool_id?: null;
  /** Empty only: ml2ts keeps no service types. */
  service_types?: string[];
  /** Distinct tags of at most 255 characters, at most 128 of them. */
  tags?: string[];
}

/**
 * Attributes a subnet update accepts; a key that is absent is left alone. `cidr`, `network_id`,
 * `ip_version`, `segment_id`, `ipv6_address_mode`, `ipv6_ra_mode` and `subnetpool_id` cannot
 * change: a value other than the stored one is refused with a 400 naming the attribute.
 * `project_id`, `tenant_id` and `tags` cannot be updated at all (400); any other key is refused
 * as unknown (400). The create rules apply to what may change.
 */
export interface SubnetUpdateRequest {
  /** False is refused (400) while the subnet has an IPv6 mode. */
  enable_dhcp?: boolean;
  cidr?: string;
  network_id?: string;
  ip_version?: number;
  segment_id?: string | null;
  name?: string;
  description?: string;
  /** Null: no gateway. Must not lie in the (new or stored) allocation pools (409). */
  gateway_ip?: string | null;
  /**
   * Replaces the pools; addresses ports already hold outside the new pools stay theirs. Must not
   * hold the (new or stored) gateway (409).
   */
  allocation_pools?: AllocationPool[];
  dns_nameservers?: string[];
  host_routes?: HostRoute[];
  ipv6_address_mode?: Ipv6Mode | null;
  ipv6_ra_mode?: Ipv6Mode | null;
  subnetpool_id?: null;
  /** Empty only. */
  service_types?: string[];
}

export interface SubnetResource {
  id: string;
  network_id: string;
  name: string;
  project_id: string;
  /** Canonical: IPv6 compressed, lower case. */
  cidr: string;
  ip_version: 4 | 6;
  /** Null: the subnet has no gateway. */
  gateway_ip: string | null;
  /** In the order they were given (or computed). */
  allocation_pools: AllocationPool[];
  dns_nameservers: string[];
  host_routes: HostRoute[];
  ipv6_address_mode: Ipv6Mode | null;
  ipv6_ra_mode: Ipv6Mode | null;
  enable_dhcp: boolean;
  /** Always null: ml2ts keeps no subnet pools. */
  subnetpool_id: null;
  /** Always empty. */
  service_types: string[];
  segment_id: string | null;
  description: string;
  /** Sorted. */
  tags: string[];
  /** 0 at create; +1 with every committed change of the subnet (an update, tags). */
  revision_number: number;
  /** UTC, to the second: `2026-01-02T03:04:05Z`. */
  created_at: string;
  /** When `revision_number` last moved, as `created_at`. */
  updated_at: string;
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
  description: string;
  /** Every entry with its `mac_address` (the port's MAC when the request left it out). */
  allowed_address_pairs: Array<{ ip_address: string; mac_address: string }>;
  /** Sorted. */
  tags: string[];
  /** The ids of the security groups the port is in, sorted. */
  security_groups: string[];
  /**
   * 0 at create; +1 with every committed change of the port: an update, a binding commit, a
   * status change, tags.
   */
  revision_number: number;
  /** UTC, to the second: `2026-01-02T03:04:05Z`. */
  created_at: string;
  /** When `revision_number` last moved, as `created_at`. */
  updated_at: string;
  'binding:host_id': string;
  'binding:vnic_type': string;
  'binding:profile': Record<string, unknown>;
  'binding:vif_type': string;
  'binding:vif_details': Record<string, unknown>;
}

/** One entry of `allowed_address_pairs` as a request gives it. */
export interface AllowedAddressPair {
  /** An IPv4 address or CIDR. */
  ip_address: string;
  /** Absent: the port's MAC address. */
  mac_address?: string;
}

/**
 * One requested address of a port; at least one of the two keys is needed.
 * - `{subnet_id}`: a free address of that subnet's allocation pools, chosen at random (the
 *   port's EUI-64 address on an autoconfigured IPv6 subnet); 409 `IpAddressGenerationFailure`
 *   when none is left.
 * - `{ip_address}`: that address, on the network's subnet that holds it (400
 *   `InvalidIpForNetwork` when none does).
 * - both: that address, which must lie in that subnet (400 `InvalidIpForSubnet`).
 * A given address may be any of the subnet's addresses but its network address and (IPv4) its
 * broadcast address, the gateway included, and must not be held by another port (409
 * `IpAddressInUse`); it cannot be given on an autoconfigured IPv6 subnet (400
 * `AllocationOnAutoAddressSubnet`) except by router ports.
 */
export interface FixedIpRequest {
  /** A subnet of the port's network. */
  subnet_id?: string;
  /** An IPv4 address (canonical dotted quad) or an IPv6 address (any spelling). */
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
  /**
   * The addresses the port gets (see `FixedIpRequest`); every autoconfigured IPv6 subnet of the
   * network adds the port's EUI-64 address. Absent: one address of the first IPv4 subnet (in
   * creation order) with a free one, one of the first other IPv6 subnet with a free one, and the
   * EUI-64 addresses. `[]`: none.
   */
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
  /** At most 255 characters; absent: `''`. */
  description?: string;
  /**
   * The security groups the port is in (each must exist: 404 `SecurityGroupNotFound`; all
   * stateful or all stateless: 409 `SecurityGroupConflict`). Absent: the project's default
   * group (created first if the project has none); `[]`: none. A port whose `device_owner`
   * starts with `network:` is in no group, whatever is given.
   */
  security_groups?: string[];
  /**
   * Not stored. False: the port gets no default security group, and naming groups is a 400
   * `PortSecurityAndIPRequiredForSecurityGroups`.
   */
  port_security_enabled?: boolean;
  /** Validated, not stored. */
  qos_policy_id?: string | null;
  /** Stored with each missing `mac_address` filled with the port's MAC; absent: `[]`. */
  allowed_address_pairs?: AllowedAddressPair[];
  /** Validated, not stored. */
  dns_domain?: string;
  /** Distinct tags of at most 255 characters, at most 128 of them. */
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
  /**
   * Replaces the port's addresses, with the create rules; an address the port already holds is
   * kept (not "in use"), a `{subnet_id}` entry keeps the port's address on that subnet if it has
   * one, and the EUI-64 addresses of autoconfigured subnets stay.
   */
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
  description?: string;
  /** Replaces the port's security groups, with the create rules; `[]`: none. */
  security_groups?: string[];
  /**
   * Not stored. False together with groups (given, or kept from before) is refused: a 400
   * `PortSecurityAndIPRequiredForSecurityGroups` when the update names groups, else a 409
   * `PortSecurityPortHasSecurityGroup`.
   */
  port_security_enabled?: boolean;
  /** Validated, not stored. */
  qos_policy_id?: string | null;
  /**
   * Replaces the stored pairs; a missing `mac_address` is filled with the port's MAC as it is
   * after this update.
   */
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
