import {
  type AgentConfigurations,
  type AgentView,
  type FixedIp,
  type NetworkView,
  type PortStatus,
  type PortView,
  type Segment,
  type SubnetView,
  type VifDetails,
} from '@ml2ts/driver-api';
import {
  type Agent,
  type Network,
  type NetworkSegment,
  type Port,
  type PortBinding,
  type PortBindingLevel,
  type Subnet,
} from '@ml2ts/store';
import { apiTimestamp, laterTime } from '../support/api-timestamp';
import {
  storedAllocationPools,
  storedDnsNameservers,
  storedHostRoutes,
  storedIpv6Mode,
} from '../ipam/subnet-addressing';
import { parseJsonObject } from '../support/canonical-json';
import {
  type FixedIpResource,
  type NetworkResource,
  type NetworkSegmentResource,
  type PortResource,
  type SubnetResource,
} from '@ml2ts/driver-api';

/** A stored segment as drivers see it. */
export function toSegmentView(row: NetworkSegment): Segment {
  return {
    id: row.id,
    networkId: row.networkId,
    networkType: row.networkType,
    physicalNetwork: row.physicalNetwork,
    segmentationId: row.segmentationId,
    segmentIndex: row.segmentIndex,
    isDynamic: row.isDynamic,
    mtu: row.mtu,
  };
}

/** A stored segment as the API shows it. */
export function toSegmentResource(row: NetworkSegment): NetworkSegmentResource {
  return {
    id: row.id,
    network_id: row.networkId,
    name: row.name,
    description: row.description,
    network_type: row.networkType,
    physical_network: row.physicalNetwork,
    segmentation_id: row.segmentationId,
    segment_index: row.segmentIndex,
    is_dynamic: row.isDynamic,
    mtu: row.mtu,
    revision_number: row.revisionNumber,
    created_at: apiTimestamp(row.createdAt, row.updatedAt),
    updated_at: apiTimestamp(row.updatedAt, row.createdAt),
  };
}

/** An agent row with liveness computed at `now` against `agentDownTime` seconds. */
export function toAgentView(row: Agent, now: Date, agentDownTime: number): AgentView {
  const ageSeconds = (now.getTime() - row.heartbeatTimestamp.getTime()) / 1000;
  return {
    id: row.id,
    agentType: row.agentType,
    binary: row.binary,
    host: row.host,
    topic: row.topic,
    configurations: parseJsonObject(row.configurations).value as AgentConfigurations,
    adminStateUp: row.adminStateUp,
    description: row.description,
    availabilityZone: row.availabilityZone,
    load: row.load,
    resourcesSynced: null,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    heartbeatTimestamp: row.heartbeatTimestamp,
    alive: ageSeconds <= agentDownTime,
    heartbeatAgeSeconds: ageSeconds,
    agentDownTime,
  };
}

/** A subnet as drivers see it. */
export function toSubnetView(row: Subnet): SubnetView {
  return {
    id: row.id,
    networkId: row.networkId,
    cidr: row.cidr,
    ipVersion: row.ipVersion === 6 ? 6 : 4,
    segmentId: row.segmentId,
    enableDhcp: row.enableDhcp,
    name: row.name,
    gatewayIp: row.gatewayIp,
    allocationPools: storedAllocationPools(row),
    dnsNameservers: storedDnsNameservers(row),
    hostRoutes: storedHostRoutes(row),
    ipv6AddressMode: storedIpv6Mode(row.ipv6AddressMode),
    ipv6RaMode: storedIpv6Mode(row.ipv6RaMode),
  };
}

/** A subnet as the API shows it; `tags` are its tags (any order). */
export function toSubnetResource(row: Subnet, tags: readonly string[]): SubnetResource {
  return {
    id: row.id,
    network_id: row.networkId,
    name: row.name,
    project_id: row.projectId,
    cidr: row.cidr,
    ip_version: row.ipVersion === 6 ? 6 : 4,
    gateway_ip: row.gatewayIp,
    allocation_pools: storedAllocationPools(row),
    dns_nameservers: storedDnsNameservers(row),
    host_routes: storedHostRoutes(row),
    ipv6_address_mode: storedIpv6Mode(row.ipv6AddressMode),
    ipv6_ra_mode: storedIpv6Mode(row.ipv6RaMode),
    enable_dhcp: row.enableDhcp,
    subnetpool_id: null,
    service_types: [],
    segment_id: row.segmentId,
    description: row.description,
    tags: [...tags].sort(),
    revision_number: row.revisionNumber,
    created_at: apiTimestamp(row.createdAt, row.updatedAt),
    updated_at: apiTimestamp(row.updatedAt, row.createdAt),
  };
}

/** A network as drivers see it. */
export function toNetworkView(
  row: Network,
  staticSegments: readonly NetworkSegment[],
): NetworkView {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    mtu: row.mtu,
    adminStateUp: row.adminStateUp,
    routerExternal: row.routerExternal,
    vlanTransparent: row.vlanTransparent,
    segments: staticSegments.map(toSegmentView),
  };
}

/**
 * A network as the API shows it: provider attributes for one segment, `segments` for more;
 * `tags` are its tags (any order).
 */
export function toNetworkResource(
  row: Network,
  staticSegments: readonly NetworkSegment[],
  subnetIds: readonly string[],
  tags: readonly string[],
): NetworkResource {
  const resource: NetworkResource = {
    id: row.id,
    name: row.name,
    project_id: row.projectId,
    mtu: row.mtu,
    admin_state_up: row.adminStateUp,
    'router:external': row.routerExternal,
    vlan_transparent: row.vlanTransparent,
    description: row.description,
    shared: row.shared,
    status: 'ACTIVE',
    availability_zone_hints: parseStringList(row.availabilityZoneHints),
    tags: [...tags].sort(),
    revision_number: row.revisionNumber,
    created_at: apiTimestamp(row.createdAt),
    updated_at: apiTimestamp(row.updatedAt, row.createdAt),
    subnets: [...subnetIds],
  };
  if (staticSegments.length === 1) {
    const [segment] = staticSegments;
    resource['provider:network_type'] = segment.networkType;
    resource['provider:physical_network'] = segment.physicalNetwork;
    resource['provider:segmentation_id'] = segment.segmentationId;
  } else if (staticSegments.length > 1) {
    resource.segments = staticSegments.map((segment) => ({
      'provider:network_type': segment.networkType,
      'provider:physical_network': segment.physicalNetwork,
      'provider:segmentation_id': segment.segmentationId,
    }));
  }
  return resource;
}

/** `bound_drivers`: level (as a string) → driver, from every level row of the port. */
export function boundDrivers(levels: readonly PortBindingLevel[]): Record<string, string> | null {
  if (levels.length === 0) return null;
  const drivers: Record<string, string> = {};
  for (const level of [...levels].sort((a, b) => a.level - b.level)) {
    drivers[String(level.level)] = level.driver;
  }
  return drivers;
}

/** The `binding:vif_details` a client sees: stored details plus the computed `bound_drivers`. */
export function clientVifDetails(
  binding: PortBinding,
  allLevels: readonly PortBindingLevel[],
): VifDetails {
  const details: VifDetails = { ...parseJsonObject(binding.vifDetails).value };
  const drivers = boundDrivers(allLevels);
  if (drivers) details.bound_drivers = drivers;
  return details;
}

export function parseFixedIps(row: Port): FixedIpResource[] {
  const parsed: unknown = JSON.parse(row.fixedIps || '[]');
  return Array.isArray(parsed) ? (parsed as FixedIpResource[]) : [];
}

/** A port as drivers see it. `allLevels` are every level row of the port (any host). */
export function toPortView(
  row: Port,
  binding: PortBinding,
  allLevels: readonly PortBindingLevel[],
): PortView {
  return {
    id: row.id,
    networkId: row.networkId,
    projectId: row.projectId,
    name: row.name,
    macAddress: row.macAddress,
    fixedIps: parseFixedIps(row).map((ip): FixedIp => ({
      subnetId: ip.subnet_id,
      ipAddress: ip.ip_address,
    })),
    deviceId: row.deviceId,
    deviceOwner: row.deviceOwner,
    status: row.status as PortStatus,
    adminStateUp: row.adminStateUp,
    dnsName: row.dnsName,
    hostId: binding.host,
    vnicType: binding.vnicType,
    profile: parseJsonObject(binding.profile).value,
    vifType: binding.vifType,
    vifDetails: clientVifDetails(binding, allLevels),
  };
}

/**
 * A port as the API shows it; `tags` are its tags and `securityGroups` the ids of its security
 * groups (any order). Its revision is the port row's plus the binding row's (binding commits
 * count there), its `updated_at` the later of theirs.
 */
export function toPortResource(
  row: Port,
  binding: PortBinding,
  allLevels: readonly PortBindingLevel[],
  tags: readonly string[],
  securityGroups: readonly string[],
): PortResource {
  return {
    id: row.id,
    name: row.name,
    network_id: row.networkId,
    project_id: row.projectId,
    mac_address: row.macAddress,
    fixed_ips: parseFixedIps(row),
    device_id: row.deviceId,
    device_owner: row.deviceOwner,
    status: row.status,
    admin_state_up: row.adminStateUp,
    dns_name: row.dnsName,
    description: row.description,
    allowed_address_pairs: parseAllowedAddressPairs(row.allowedAddressPairs),
    tags: [...tags].sort(),
    security_groups: [...securityGroups].sort(),
    revision_number: row.revisionNumber + binding.revisionNumber,
    created_at: apiTimestamp(row.createdAt),
    updated_at: apiTimestamp(laterTime(row.updatedAt, binding.updatedAt), row.createdAt),
    'binding:host_id': binding.host,
    'binding:vnic_type': binding.vnicType,
    'binding:profile': parseJsonObject(binding.profile).value,
    'binding:vif_type': binding.vifType,
    'binding:vif_details': clientVifDetails(binding, allLevels),
  };
}

/** A stored JSON list of strings (`[]` for anything else). Pure. */
function parseStringList(text: string): string[] {
  const parsed = parseJson(text);
  return Array.isArray(parsed) ? parsed.filter((entry) => typeof entry === 'string') : [];
}

/** A port's stored `allowed_address_pairs` (entries that are not pairs of strings dropped). */
export function parseAllowedAddressPairs(text: string): PortResource['allowed_address_pairs'] {
  const parsed = parseJson(text);
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter(
      (entry): entry is { ip_address: string; mac_address: string } =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as Record<string, unknown>).ip_address === 'string' &&
        typeof (entry as Record<string, unknown>).mac_address === 'string',
    )
    .map((entry) => ({ ip_address: entry.ip_address, mac_address: entry.mac_address }));
}

/** `text` parsed as JSON, or undefined when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
