import { createHash } from 'node:crypto';
import { VERSIONED_RESOURCE_VERSIONS, type VersionedObjectPrimitive } from '@ml2ts/agent-rpc';
import { type Subnet } from '@ml2ts/store';
import { toSubnetResource } from '../../ml2/view-mappers';
import { NESTED_OBJECT_VERSIONS, setUnlessNull, versionedObject } from './primitive';

/**
 * A subnet as Neutron's `Subnet` 1.1 object, with its allocation pools, DNS servers (numbered
 * in their order) and host routes as nested objects; `networkShared` is its network's `shared`
 * flag, which Neutron shows on the subnet. A null `gateway_ip`, `segment_id` or IPv6 mode is
 * left out, as Neutron leaves out NULL columns; `subnetpool_id` always is (ml2ts has no subnet
 * pools). `dns_publish_fixed_ip` is false and `service_types` empty: Neutron's values when
 * neither is set, and ml2ts stores neither. Pure.
 */
export function subnetObject(subnet: Subnet, networkShared: boolean): VersionedObjectPrimitive {
  const shown = toSubnetResource(subnet, []);
  const data: Record<string, unknown> = {
    allocation_pools: shown.allocation_pools.map((pool) =>
      versionedObject('IPAllocationPool', NESTED_OBJECT_VERSIONS.IPAllocationPool, {
        end: pool.end,
        id: allocationPoolId(subnet.id, pool.start, pool.end),
        start: pool.start,
        subnet_id: subnet.id,
      }),
    ),
    cidr: shown.cidr,
    created_at: shown.created_at,
    description: shown.description,
    dns_nameservers: shown.dns_nameservers.map((address, order) =>
      versionedObject('DNSNameServer', NESTED_OBJECT_VERSIONS.DNSNameServer, {
        address,
        order,
        subnet_id: subnet.id,
      }),
    ),
    dns_publish_fixed_ip: false,
    enable_dhcp: shown.enable_dhcp,
    host_routes: shown.host_routes.map((route) =>
      versionedObject('Route', NESTED_OBJECT_VERSIONS.Route, {
        destination: route.destination,
        nexthop: route.nexthop,
        subnet_id: subnet.id,
      }),
    ),
    id: shown.id,
    ip_version: shown.ip_version,
    name: shown.name,
    network_id: shown.network_id,
    project_id: shown.project_id,
    revision_number: shown.revision_number,
    service_types: [],
    shared: networkShared,
    updated_at: shown.updated_at,
  };
  setUnlessNull(data, 'gateway_ip', shown.gateway_ip);
  setUnlessNull(data, 'ipv6_address_mode', shown.ipv6_address_mode);
  setUnlessNull(data, 'ipv6_ra_mode', shown.ipv6_ra_mode);
  setUnlessNull(data, 'segment_id', shown.segment_id);
  return versionedObject('Subnet', VERSIONED_RESOURCE_VERSIONS.Subnet, data);
}

/**
 * The id of an allocation pool: Neutron gives each pool row a UUID; ml2ts stores a subnet's
 * pools as a list without ids, so the id is a name-based (version 5 layout) UUID of the subnet
 * id and the pool's range: the same for as long as the pool is. Pure.
 */
export function allocationPoolId(subnetId: string, start: string, end: string): string {
  const digest = createHash('sha1').update(`${subnetId}/${start}/${end}`, 'utf8').digest();
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
