import { VERSIONED_RESOURCE_VERSIONS, type VersionedObjectPrimitive } from '@ml2ts/agent-rpc';
import { type Network, type NetworkSegment } from '@ml2ts/store';
import { toNetworkResource } from '../../ml2/view-mappers';
import { networkSegmentObject, type SegmentHosts } from './network-segment-object';
import { versionedObject } from './primitive';

/**
 * A network as Neutron's `Network` 1.1 object, `segments` being every segment of the network
 * (static and dynamic, in the order `NetworkRepository.segments` gives) with their hosts. Pure.
 *
 * Fields ml2ts has no state for carry Neutron's value for "none": `dns_domain` (ml2ts accepts a
 * network's `dns_domain` but keeps no DNS integration), `qos_policy_id` (no QoS), `security`
 * (a network's `port_security_enabled` is accepted, not stored). `availability_zone_hints` is
 * there only when the network has some and `vlan_transparent` only when true: Neutron stores
 * NULL for a network created without them (the sample objects have neither), and an agent reads
 * neither.
 */
export function networkObject(
  network: Network,
  segments: readonly NetworkSegment[],
  hostsOf: SegmentHosts,
): VersionedObjectPrimitive {
  const shown = toNetworkResource(network, [], [], []);
  const data: Record<string, unknown> = {
    admin_state_up: shown.admin_state_up,
    created_at: shown.created_at,
    description: shown.description,
    dns_domain: null,
    id: shown.id,
    mtu: shown.mtu,
    name: shown.name,
    project_id: shown.project_id,
    qos_policy_id: null,
    revision_number: shown.revision_number,
    security: null,
    segments: segments.map((segment) => networkSegmentObject(segment, hostsOf(segment))),
    shared: shown.shared,
    status: shown.status,
    updated_at: shown.updated_at,
  };
  if (shown.availability_zone_hints.length > 0) {
    data.availability_zone_hints = [...shown.availability_zone_hints];
  }
  if (network.vlanTransparent) data.vlan_transparent = true;
  return versionedObject('Network', VERSIONED_RESOURCE_VERSIONS.Network, data);
}
