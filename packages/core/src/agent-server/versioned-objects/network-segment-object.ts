import { type VersionedObjectPrimitive } from '@ml2ts/agent-rpc';
import { type Agent, type NetworkSegment } from '@ml2ts/store';
import { toSegmentResource } from '../../ml2/view-mappers';
import { parseJsonObject } from '../../support/canonical-json';
import { NESTED_OBJECT_VERSIONS, setUnlessNull, versionedObject } from './primitive';

/** The hosts a segment is reachable from (its `hosts`), sorted. */
export type SegmentHosts = (segment: NetworkSegment) => readonly string[];

/** For reads that need no hosts: every segment is reachable from none. */
export const NO_SEGMENT_HOSTS: SegmentHosts = () => [];

/** The configuration keys whose object keys name the physical networks an agent reaches. */
const MAPPING_KEYS = ['bridge_mappings', 'interface_mappings', 'device_mappings'] as const;

/**
 * A segment's `hosts` as Neutron's segment-to-host mapping would hold it: the hosts of the
 * registered agents (any type, alive or not, as the mapping outlives a dead agent) whose
 * reported `bridge_mappings`, `interface_mappings` or `device_mappings` name the segment's
 * physical network; none for a segment without one (tunnel and local segments), as Neutron maps
 * only segments on physical networks. ml2ts stores no mapping table: it derives the same from
 * the agents table. Pure; a configuration that is not a JSON object counts as mapping nothing.
 */
export function segmentHostsFrom(agents: readonly Agent[]): SegmentHosts {
  const hostsByPhysnet = new Map<string, Set<string>>();
  for (const agent of agents) {
    const configurations = parseJsonObject(agent.configurations).value;
    for (const key of MAPPING_KEYS) {
      const mappings = configurations[key];
      if (mappings === null || typeof mappings !== 'object' || Array.isArray(mappings)) continue;
      for (const physnet of Object.keys(mappings)) {
        let hosts = hostsByPhysnet.get(physnet);
        if (!hosts) hostsByPhysnet.set(physnet, (hosts = new Set()));
        hosts.add(agent.host);
      }
    }
  }
  const sorted = new Map(
    [...hostsByPhysnet].map(([physnet, hosts]) => [physnet, [...hosts].sort()]),
  );
  return (segment) =>
    segment.physicalNetwork === null ? [] : (sorted.get(segment.physicalNetwork) ?? []);
}

/**
 * A segment as Neutron's `NetworkSegment` 1.0 object: its stored attributes (a null `name`,
 * `physical_network` or `segmentation_id` left out, as Neutron leaves out NULL columns), its
 * standard attributes as the API shows them, and `hosts`. Pure.
 */
export function networkSegmentObject(
  segment: NetworkSegment,
  hosts: readonly string[],
): VersionedObjectPrimitive {
  const shown = toSegmentResource(segment);
  const data: Record<string, unknown> = {
    created_at: shown.created_at,
    hosts: [...hosts],
    id: segment.id,
    is_dynamic: segment.isDynamic,
    network_id: segment.networkId,
    network_type: segment.networkType,
    revision_number: shown.revision_number,
    segment_index: segment.segmentIndex,
    updated_at: shown.updated_at,
  };
  setUnlessNull(data, 'name', segment.name);
  setUnlessNull(data, 'physical_network', segment.physicalNetwork);
  setUnlessNull(data, 'segmentation_id', segment.segmentationId);
  return versionedObject('NetworkSegment', NESTED_OBJECT_VERSIONS.NetworkSegment, data);
}
