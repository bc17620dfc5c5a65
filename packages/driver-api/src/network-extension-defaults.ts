/**
 * A network's attributes of API extensions ml2ts keeps no state for, at the values it shows:
 * no availability zones, no address scopes, and one L2 domain (`l2_adjacency`). The REST API
 * and the agents' `get_network_details` both answer them. A fresh object on each call; pure.
 */
export function networkExtensionDefaults(): {
  availability_zones: string[];
  ipv4_address_scope: null;
  ipv6_address_scope: null;
  l2_adjacency: true;
} {
  return {
    availability_zones: [],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    l2_adjacency: true,
  };
}
