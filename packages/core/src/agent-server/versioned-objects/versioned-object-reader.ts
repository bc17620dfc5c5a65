import { InvalidAttribute, NetworkNotFound } from '@ml2ts/driver-api';
import {
  type BulkPullRequest,
  type NetworkDetailsRequest,
  type VersionedObjectPrimitive,
  type VersionedResourceType,
} from '@ml2ts/agent-rpc';
import { type NetworkSegment } from '@ml2ts/store';
import { type Repositories, type UnitOfWork } from '../../repositories/unit-of-work';
import {
  checkBulkPullRequest,
  checkedResourceType,
  type VersionedObjectFilter,
} from './bulk-pull-filter';
import { networkDetailsOf } from './network-details';
import { networkObject } from './network-object';
import { NO_SEGMENT_HOSTS, type SegmentHosts, segmentHostsFrom } from './network-segment-object';
import { portObject } from './port-object';
import { securityGroupObject } from './security-group-object';
import { securityGroupRuleObject } from './security-group-rule-object';
import { subnetObject } from './subnet-object';

/**
 * The read side of the agents' resource cache: turns what the engine stores into the versioned
 * objects Neutron's OVS agent caches (Port 1.7, Network 1.1, Subnet 1.1, SecurityGroup 1.5,
 * SecurityGroupRule 1.2), for `bulk_pull`, for the pushes after a commit, and answers
 * `get_network_details`. Each call runs one read unit of work of its own (never call it inside
 * one: units do not nest) and may block on the database; it writes nothing. A throw is an
 * `Ml2Error` (400 for a bad request, 404 for an unknown network) or the database's typed error.
 *
 * Build one per engine over the engine's repositories: `new VersionedObjectReader(repositories)`
 * (`repositoriesOver(engine.store)` when only the store is at hand). Cheap; keeps no state.
 */
export class VersionedObjectReader {
  constructor(private readonly repositories: Repositories) {}

  /**
   * `bulk_pull`: the objects of `request.resource_type` matching `request.filter_kwargs`, at
   * ml2ts's version of the type whatever `request.version` says, in storage order (oldest
   * first; subnets by id); an empty list when none matches. The request is checked before any
   * read (400 `InvalidInput` naming the attribute: an unknown resource type lists the types
   * served, an unknown filter the filters of the type; see `checkBulkPullRequest`).
   */
  async bulkPull(request: BulkPullRequest): Promise<VersionedObjectPrimitive[]> {
    const { resourceType, filter } = checkBulkPullRequest(request);
    return this.repositories.read((unit) => readVersionedObjects(unit, resourceType, filter));
  }

  /**
   * The current objects of `ids` (duplicates once), in the order of `ids`; ids no longer
   * stored are left out. For the pushes after a commit. 400 for a resource type ml2ts does not
   * serve; no read at all for no ids.
   */
  async read(
    resourceType: VersionedResourceType,
    ids: readonly string[],
  ): Promise<VersionedObjectPrimitive[]> {
    const type = checkedResourceType(resourceType, 'resource_type');
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    const found = await this.repositories.read((unit) =>
      readVersionedObjects(unit, type, { id: wanted }),
    );
    const byId = new Map(found.map((object) => [object['versioned_object.data'].id, object]));
    return wanted.flatMap((id) => {
      const object = byId.get(id);
      return object ? [object] : [];
    });
  }

  /**
   * `get_network_details`: the network as the API shows it, plus `standard_attr_id` and
   * `vlan_transparent` (see `networkDetailsOf`). 400 when `request.network` is not a string;
   * 404 `NetworkNotFound` when there is no such network.
   */
  async networkDetails(request: NetworkDetailsRequest): Promise<Record<string, unknown>> {
    const networkId: unknown = request?.network;
    if (typeof networkId !== 'string') {
      throw new InvalidAttribute('network', 'network must be the id of a network, as a string');
    }
    return this.repositories.read(async (unit) => {
      const network = await unit.networks.find(networkId);
      if (!network) throw new NetworkNotFound(networkId);
      const segments = await unit.networks.segments(networkId);
      const subnets = await unit.subnets.onNetwork(networkId);
      const tags = await unit.tags.tagsOf('networks', [networkId]);
      return networkDetailsOf(
        network,
        segments,
        subnets.map((subnet) => subnet.id),
        tags.get(networkId) ?? [],
      );
    });
  }
}

/**
 * The objects of `resourceType` matching a checked `filter` (see `VersionedObjectFilter`), read
 * inside the caller's unit of work with one statement per table whatever the number of ids
 * (the agents table too, for segments' hosts). In storage order: oldest first, subnets by id.
 * May block on the database; a throw is the database's error.
 */
export async function readVersionedObjects(
  unit: UnitOfWork,
  resourceType: VersionedResourceType,
  filter: VersionedObjectFilter,
): Promise<VersionedObjectPrimitive[]> {
  // An empty list of accepted values matches nothing.
  if (Object.values(filter).some((values) => values.length === 0)) return [];
  switch (resourceType) {
    case 'Port':
      return readPorts(unit, filter);
    case 'Network':
      return readNetworks(unit, filter);
    case 'Subnet':
      return readSubnets(unit, filter);
    case 'SecurityGroup':
      return readSecurityGroups(unit, filter);
    case 'SecurityGroupRule':
      return readSecurityGroupRules(unit, filter);
  }
}

async function readPorts(
  unit: UnitOfWork,
  filter: VersionedObjectFilter,
): Promise<VersionedObjectPrimitive[]> {
  let ids = filter.id;
  if (filter.security_group_ids) {
    const inGroups = await unit.securityGroups.portIdsInGroups(filter.security_group_ids);
    ids = ids ? intersection(ids, inGroups) : inGroups;
    if (ids.length === 0) return [];
  }
  const ports = await unit.ports.findPorts({ ids, networkIds: filter.network_id });
  if (ports.length === 0) return [];
  const portIds = ports.map((port) => port.id);
  const bindings = groupBy(await unit.ports.bindingsOfPorts(portIds), (row) => row.portId);
  const levels = groupBy(await unit.ports.levelsOfPorts(portIds), (row) => row.portId);
  const groups = await unit.securityGroups.groupsOfPorts(portIds);
  const anyLevelSegment = [...levels.values()].some((rows) =>
    rows.some((level) => level.segmentId !== null),
  );
  const segments = anyLevelSegment
    ? await unit.networks.segmentsOfNetworks([...new Set(ports.map((port) => port.networkId))])
    : [];
  const segmentHosts = await hostsFor(unit, segments);
  const segmentsById = new Map(segments.map((segment) => [segment.id, segment]));
  return ports.map((port) =>
    portObject({
      port,
      bindings: bindings.get(port.id) ?? [],
      levels: levels.get(port.id) ?? [],
      securityGroupIds: groups.get(port.id) ?? [],
      segmentsById,
      segmentHosts,
    }),
  );
}

async function readNetworks(
  unit: UnitOfWork,
  filter: VersionedObjectFilter,
): Promise<VersionedObjectPrimitive[]> {
  const networks = filter.id ? await unit.networks.findMany(filter.id) : await unit.networks.list();
  if (networks.length === 0) return [];
  const segments = groupBy(
    await unit.networks.segmentsOfNetworks(networks.map((network) => network.id)),
    (segment) => segment.networkId,
  );
  const hostsOf = await hostsFor(unit, [...segments.values()].flat());
  return networks.map((network) => networkObject(network, segments.get(network.id) ?? [], hostsOf));
}

async function readSubnets(
  unit: UnitOfWork,
  filter: VersionedObjectFilter,
): Promise<VersionedObjectPrimitive[]> {
  const rows = filter.id
    ? await unit.subnets.findMany(filter.id)
    : filter.network_id
      ? await unit.subnets.onNetworks(filter.network_id)
      : await unit.subnets.list();
  const subnets = rows
    .filter((subnet) => matches(filter.network_id, subnet.networkId))
    .sort((a, b) => compareText(a.id, b.id));
  if (subnets.length === 0) return [];
  const networks = await unit.networks.findMany([...new Set(subnets.map((row) => row.networkId))]);
  const shared = new Map(networks.map((network) => [network.id, network.shared]));
  return subnets.map((subnet) => subnetObject(subnet, shared.get(subnet.networkId) ?? false));
}

async function readSecurityGroups(
  unit: UnitOfWork,
  filter: VersionedObjectFilter,
): Promise<VersionedObjectPrimitive[]> {
  const groups = filter.id
    ? await unit.securityGroups.findGroups(filter.id)
    : await unit.securityGroups.listGroups();
  if (groups.length === 0) return [];
  groups.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareText(a.id, b.id));
  const groupIds = groups.map((group) => group.id);
  const rules = groupBy(
    await unit.securityGroups.rulesOf(groupIds),
    (rule) => rule.securityGroupId,
  );
  const defaults = await unit.securityGroups.defaultGroupsAmong(groupIds);
  return groups.map((group) =>
    securityGroupObject(group, rules.get(group.id) ?? [], defaults.has(group.id)),
  );
}

async function readSecurityGroupRules(
  unit: UnitOfWork,
  filter: VersionedObjectFilter,
): Promise<VersionedObjectPrimitive[]> {
  // ml2ts has no address groups: no rule has a remote address group.
  if (filter.remote_address_group_id) return [];
  const groupIds =
    filter.security_group_id && filter.security_group_ids
      ? intersection(filter.security_group_id, filter.security_group_ids)
      : (filter.security_group_id ?? filter.security_group_ids);
  if (groupIds?.length === 0) return [];
  const rows = filter.id
    ? await unit.securityGroups.findRules(filter.id)
    : groupIds
      ? await unit.securityGroups.rulesOf(groupIds)
      : await unit.securityGroups.listRules();
  return rows
    .filter(
      (rule) =>
        matches(groupIds, rule.securityGroupId) &&
        (filter.remote_group_id === undefined ||
          (rule.remoteGroupId !== null && filter.remote_group_id.includes(rule.remoteGroupId))),
    )
    .map(securityGroupRuleObject);
}

/**
 * The hosts of `segments`: read from the agents table (one statement) only when one of them is
 * on a physical network, the only segments that have hosts.
 */
async function hostsFor(
  unit: UnitOfWork,
  segments: readonly NetworkSegment[],
): Promise<SegmentHosts> {
  if (!segments.some((segment) => segment.physicalNetwork !== null)) return NO_SEGMENT_HOSTS;
  return segmentHostsFrom(await unit.agents.list({}));
}

/** True when there is no criterion or `value` is one of its values. */
function matches(accepted: readonly string[] | undefined, value: string): boolean {
  return accepted === undefined || accepted.includes(value);
}

/** The values of `a` that are in `b`, in `a`'s order. */
function intersection(a: readonly string[], b: readonly string[]): string[] {
  const inB = new Set(b);
  return a.filter((value) => inB.has(value));
}

/** `rows` grouped by `key`, each group in the rows' order. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
