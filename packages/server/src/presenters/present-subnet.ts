import { type SubnetResource } from '@ml2ts/driver-api';
import {
  presentStandardAttributes,
  type StandardAttributesBody,
  type StoredStandardAttributes,
} from './standard-attributes';

/** A subnet as `/v2.0/subnets` shows it. */
export type SubnetBody = StandardAttributesBody & Record<string, unknown>;

type StoredSubnet = SubnetResource &
  StoredStandardAttributes & {
    name?: string;
    project_id?: string;
    gateway_ip?: string | null;
    allocation_pools?: ReadonlyArray<{ start: string; end: string }>;
    dns_nameservers?: readonly string[];
    host_routes?: ReadonlyArray<{ destination: string; nexthop: string }>;
    ipv6_address_mode?: string | null;
    ipv6_ra_mode?: string | null;
  };

/**
 * The subnet's API body: its addressing, `tenant_id` beside `project_id`, no subnet pool and no
 * service types (ml2ts keeps neither).
 */
export function presentSubnet(subnet: SubnetResource, now: Date): SubnetBody {
  const stored = subnet as StoredSubnet;
  const projectId = stored.project_id ?? '';
  return {
    allocation_pools: (stored.allocation_pools ?? []).map((pool) => ({
      start: pool.start,
      end: pool.end,
    })),
    cidr: subnet.cidr,
    dns_nameservers: [...(stored.dns_nameservers ?? [])],
    enable_dhcp: subnet.enable_dhcp,
    gateway_ip: stored.gateway_ip ?? null,
    host_routes: (stored.host_routes ?? []).map((route) => ({
      destination: route.destination,
      nexthop: route.nexthop,
    })),
    id: subnet.id,
    ip_version: subnet.ip_version,
    ipv6_address_mode: stored.ipv6_address_mode ?? null,
    ipv6_ra_mode: stored.ipv6_ra_mode ?? null,
    name: stored.name ?? '',
    network_id: subnet.network_id,
    project_id: projectId,
    segment_id: subnet.segment_id,
    service_types: [],
    subnetpool_id: null,
    tenant_id: projectId,
    ...presentStandardAttributes(stored, '', now),
  };
}
