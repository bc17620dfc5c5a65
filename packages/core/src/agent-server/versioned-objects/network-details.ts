import { networkExtensionDefaults } from '@ml2ts/driver-api';
import { type Network, type NetworkSegment } from '@ml2ts/store';
import { toNetworkResource } from '../../ml2/view-mappers';
import { standardAttributeId } from './standard-attribute-id';

/**
 * The answer to `get_network_details`: the network as the API shows it (the engine's network
 * view: provider attributes of a single-segment network or `segments` of a multi-segment one,
 * subnets, tags, standard attributes), with what Neutron's answer adds besides:
 *
 * - the attributes of extensions ml2ts keeps no state for, at the values its REST API shows:
 *   `availability_zones: []`, no address scopes, `l2_adjacency: true`, `tenant_id` beside
 *   `project_id`;
 * - `standard_attr_id`, derived from the network id (see `standardAttributeId`);
 * - `vlan_transparent`: true for a VLAN-transparent network, otherwise null, which is what
 *   Neutron answers for a network not made transparent (ml2ts stores false for it).
 *
 * `segments` are every segment of the network (dynamic ones are left out, as the API does);
 * `subnetIds` and `tags` the network's. Pure.
 */
export function networkDetailsOf(
  network: Network,
  segments: readonly NetworkSegment[],
  subnetIds: readonly string[],
  tags: readonly string[],
): Record<string, unknown> {
  const shown = toNetworkResource(
    network,
    segments.filter((segment) => !segment.isDynamic),
    subnetIds,
    tags,
  );
  return {
    ...shown,
    ...networkExtensionDefaults(),
    tenant_id: shown.project_id,
    standard_attr_id: standardAttributeId(network.id),
    vlan_transparent: network.vlanTransparent ? true : null,
  };
}
