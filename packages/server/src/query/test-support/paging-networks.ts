/**
 * The five networks of the recorded paging exchange (names `page-1` .. `page-5`, created in
 * that order), as the API showed them, and the expected answers to the recorded list requests.
 */
export const PAGING_NETWORK_IDS = [
  '7942b93a-f5d8-4170-b0a8-881aec1d15bb',
  '3f4ba658-d028-489a-a9b1-d478620e2324',
  '6507ddae-47cb-476a-a645-2a25b9acfaca',
  '781238c5-d351-41dd-8a4e-b1d9179885c2',
  'ba0e3607-a4e5-47ee-af90-89b106e6c634',
] as const;

const SEGMENTATION_IDS = [1584, 1901, 1417, 1836, 1676];

/** The `i`-th network (0-based) as `/v2.0/networks` shows it. */
export function pagingNetwork(i: number): Record<string, unknown> {
  return {
    admin_state_up: true,
    availability_zone_hints: [],
    availability_zones: [],
    created_at: i < 4 ? '2026-12-01T08:03:08Z' : '2026-12-01T08:03:09Z',
    description: '',
    id: PAGING_NETWORK_IDS[i],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    l2_adjacency: true,
    mtu: 1450,
    name: `page-${i + 1}`,
    project_id: 'fake_project_id',
    'provider:network_type': 'vxlan',
    'provider:physical_network': null,
    'provider:segmentation_id': SEGMENTATION_IDS[i],
    revision_number: 1,
    'router:external': false,
    shared: false,
    status: 'ACTIVE',
    subnets: [],
    tags: [],
    tenant_id: 'fake_project_id',
    updated_at: i < 4 ? '2026-12-01T08:03:08Z' : '2026-12-01T08:03:09Z',
  };
}

/** All five, in id order (as the store would hand them over). */
export function pagingNetworks(): Record<string, unknown>[] {
  return [0, 1, 2, 3, 4]
    .map(pagingNetwork)
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

/** Where the recorded server was reached. */
export const COLLECTION_URL = 'http://127.0.0.1:9696/v2.0/networks';
