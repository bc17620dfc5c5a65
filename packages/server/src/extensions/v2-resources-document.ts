import { type DiscoveryLink } from './versions-document';

/** A collection `GET /v2.0/` may list. */
export interface V2Resource {
  /** Singular, with underscores: `security_group`. */
  readonly name: string;
  /** The collection's path segment: `security-groups`. */
  readonly collection: string;
}

/** The body of `GET /v2.0/`. */
export interface V2ResourcesDocument {
  readonly resources: ReadonlyArray<{
    readonly name: string;
    readonly collection: string;
    readonly links: readonly DiscoveryLink[];
  }>;
}

/**
 * The core collections `GET /v2.0/` lists by default: Neutron lists networks, subnets,
 * subnetpools and ports there; ml2ts has no subnet pools.
 */
export const V2_CORE_RESOURCES: readonly V2Resource[] = [
  { name: 'network', collection: 'networks' },
  { name: 'subnet', collection: 'subnets' },
  { name: 'port', collection: 'ports' },
];

/** Every collection ml2ts serves under `/v2.0/`, for callers that want to list them all. */
export const ML2TS_COLLECTIONS: readonly V2Resource[] = [
  ...V2_CORE_RESOURCES,
  { name: 'segment', collection: 'segments' },
  { name: 'agent', collection: 'agents' },
  { name: 'security_group', collection: 'security-groups' },
  { name: 'security_group_rule', collection: 'security-group-rules' },
  { name: 'extension', collection: 'extensions' },
];

/**
 * The body of `GET /v2.0/`: `{"resources": [{name, collection, links: [{rel: "self", href}]}]}`
 * for each of `resources` (`V2_CORE_RESOURCES` by default), `href` being the collection's URL
 * under `v2Url` (`http://127.0.0.1:9696/v2.0/`; the trailing `/` may be left out).
 */
export function v2ResourcesDocument(
  v2Url: string,
  resources: readonly V2Resource[] = V2_CORE_RESOURCES,
): V2ResourcesDocument {
  const base = v2Url.endsWith('/') ? v2Url : `${v2Url}/`;
  return {
    resources: resources.map(({ name, collection }) => ({
      name,
      collection,
      links: [{ rel: 'self', href: `${base}${collection}` }],
    })),
  };
}
