import { type NetworkResource, networkExtensionDefaults } from '@ml2ts/driver-api';
import {
  presentStandardAttributes,
  type StandardAttributesBody,
  type StoredStandardAttributes,
} from './standard-attributes';

/** A network as `/v2.0/networks` shows it. */
export type NetworkBody = StandardAttributesBody & Record<string, unknown>;

type StoredNetwork = NetworkResource &
  StoredStandardAttributes & {
    shared?: boolean;
    status?: string;
    availability_zone_hints?: readonly string[];
  };

/**
 * The network's API body: the engine's attributes under Neutron's names, the provider
 * attributes of a single-segment network or `segments` of a multi-segment one, `tenant_id`
 * beside `project_id`, and the attributes of extensions whose state ml2ts does not keep at their
 * fixed values (`availability_zones: []`, no address scopes, `l2_adjacency: true`).
 */
export function presentNetwork(network: NetworkResource, now: Date): NetworkBody {
  const stored = network as StoredNetwork;
  const body: NetworkBody = {
    admin_state_up: network.admin_state_up,
    availability_zone_hints: [...(stored.availability_zone_hints ?? [])],
    ...networkExtensionDefaults(),
    id: network.id,
    mtu: network.mtu,
    name: network.name,
    project_id: network.project_id,
    'router:external': network['router:external'],
    shared: stored.shared ?? false,
    status: stored.status ?? 'ACTIVE',
    subnets: [...network.subnets],
    tenant_id: network.project_id,
    ...presentStandardAttributes(stored, '', now),
  };
  if (network.segments !== undefined) {
    body.segments = network.segments.map((segment) => ({ ...segment }));
  } else {
    body['provider:network_type'] = network['provider:network_type'] ?? null;
    body['provider:physical_network'] = network['provider:physical_network'] ?? null;
    body['provider:segmentation_id'] = network['provider:segmentation_id'] ?? null;
  }
  return body;
}
