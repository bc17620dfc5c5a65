import {
  type BindingTrace,
  type Clock,
  InvalidAttribute,
  InvalidInput,
  type Logger,
  type Ml2Configuration,
  type NetworkContext,
  NetworkIdsDontMatch,
  NetworkInUse,
  NetworkNotFound,
  type NetworkView,
  SegmentNotFound,
  type SubnetContext,
  SubnetInUse,
  SubnetNotFound,
  type SubnetView,
  VlanTransparencyDriverError,
} from '@ml2ts/driver-api';
import { type Network, type NetworkSegment, type Subnet } from '@ml2ts/store';
import { type MechanismManager } from '../binding/mechanism-manager';
import { type TypeManager } from '../types/type-manager';
import { type SegmentRequest } from '../types/segment-request';
import { type IdGenerator, type RandomSource } from '@ml2ts/driver-api';
import { type AgentRegistry } from './agent-registry';
import { type BindingAttributes } from './binding-inputs';
import {
  type AddressingLimits,
  checkedCreateAddressing,
  checkedUpdateAddressing,
} from '../ipam/checked-subnet-addressing';
import { addAutoAddresses, releaseAutoAddresses } from '../ipam/auto-addresses';
import { cidrTextsOverlap } from '../ipam/ip-cidr';
import { isAutoAddressSubnet } from '../ipam/subnet-addressing';
import { type Notifier, type ResourceChange } from './notifier';
import { VersionedObjectReader } from '../agent-server/versioned-objects/versioned-object-reader';
import { SecurityGroupInfoReader } from '../agent-server/security-group-info';
import { type PortBinder } from './port-binder';
import { type PortContextFactory } from './port-context-factory';
import { refuseFixedNetworkAttributes } from './refuse-fixed-network-attributes';
import { refuseFixedSubnetAttributes } from './refuse-fixed-subnet-attributes';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';
import {
  type BindingLevelResource,
  type NetworkCreateRequest,
  type NetworkResource,
  type NetworkSegmentResource,
  type NetworkUpdateRequest,
  type PortCreateRequest,
  type PortListFilter,
  type PortResource,
  type PortUpdateRequest,
  type SecurityGroupCreateRequest,
  type SecurityGroupDeleteOptions,
  type SecurityGroupListFilter,
  type SecurityGroupResource,
  type SecurityGroupRuleCreateRequest,
  type SecurityGroupRuleListFilter,
  type SecurityGroupRuleResource,
  type SecurityGroupUpdateRequest,
  type SegmentCreateRequest,
  type SegmentUpdateRequest,
  type SubnetCreateRequest,
  type SubnetResource,
  type SubnetUpdateRequest,
  type TaggableResourceType,
} from '@ml2ts/driver-api';
import {
  networkCreateRule,
  networkUpdateRule,
  portCreateRule,
  portListFilterRule,
  portUpdateRule,
  projectIdRule,
  resourceIdRule,
  securityGroupCreateRule,
  securityGroupDeleteOptionsRule,
  securityGroupListFilterRule,
  securityGroupRuleCreateRule,
  securityGroupRuleListFilterRule,
  securityGroupUpdateRule,
  segmentCreateRule,
  segmentUpdateRule,
  subnetCreateRule,
  subnetUpdateRule,
  taggableResourceTypeRule,
  tagRule,
  tagsRule,
  withDefault,
} from '../validation';
import { OPERATION_LOGGER, parameter, publicOperation } from './public-operation';
import { PortService } from './port-service';
import { SecurityGroupRuleService } from './security-group-rule-service';
import { SecurityGroupService } from './security-group-service';
import { PortBindingService } from './port-binding-service';
import { type PortBindingCreateRequest, type PortBindingResource } from '@ml2ts/driver-api';
import { bindingHostRule, portBindingCreateRule } from '../validation';
import { SegmentService } from './segment-service';
import { TagService } from './tag-service';
import { type AgentRpc } from './agent-rpc';
import {
  toNetworkResource,
  toSegmentResource,
  toSubnetResource,
  toSubnetView,
} from './view-mappers';

/** Everything the plugin is built from; `createEngine` wires it. */
export interface Ml2PluginParts {
  repositories: Repositories;
  configuration: Ml2Configuration;
  mechanisms: MechanismManager;
  types: TypeManager;
  contexts: PortContextFactory;
  binder: PortBinder;
  agents: AgentRegistry;
  rpc: AgentRpc;
  notifier: Notifier;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Where ports' free addresses are chosen at random; default `Math.random`. */
  random?: RandomSource;
}

/**
 * The ML2 plugin: networks, subnets and ports with their bindings, plus the agent-facing calls
 * (`rpc`) and the agents table (`agents`). Every operation is all-or-nothing: a failure leaves
 * the database as it was. Every operation is a `@publicOperation`: its arguments are checked
 * against their request schemas (`../validation`) before any database work, so unknown keys,
 * wrong types and oversized values are 400s naming the attribute; errors are `Ml2Error`s with
 * Neutron's type names and HTTP statuses, and anything unforeseen is an `InternalServerError`
 * (500) naming the operation, its cause logged.
 */
export class Ml2Plugin {
  /** The agent RPC handlers (`reportState`, `getDeviceDetails`, `updateDeviceUp`, ...). */
  readonly rpc: AgentRpc;
  /** The agents table: list, get, admin state, delete. */
  readonly agents: AgentRegistry;
  /** Events for agents and the compute side (`portUpdate`, `portDelete`, `vifPlugged`, ...). */
  readonly notifier: Notifier;
  /**
   * The resources agents cache, as versioned objects: read by the agent server for `bulk_pull`
   * and `get_network_details`, and after each commit for the pushes to agents.
   */
  readonly versionedObjects: VersionedObjectReader;
  /**
   * The security group rules of agents' devices, read by the agent server for
   * `security_group_rules_for_devices` and `security_group_info_for_devices`.
   */
  readonly securityGroupInfo: SecurityGroupInfoReader;
  /** The engine's logger, which the operation guard reports unexpected errors to. */
  readonly [OPERATION_LOGGER]: Logger;

  private readonly repositories: Repositories;
  /** Port create, update, delete and reads, which the port operations below hand over to. */
  private readonly ports: PortService;
  /** A port's bindings per host (`binding-extended`), which the host-binding operations use. */
  private readonly portBindings: PortBindingService;
  /** The segment operations' work (the `segment` extension). */
  private readonly segments: SegmentService;
  /** The tag operations' work. */
  private readonly tags: TagService;
  /** The security group operations' work, projects' default groups included. */
  private readonly securityGroups: SecurityGroupService;
  /** The security group rule operations' work. */
  private readonly securityGroupRules: SecurityGroupRuleService;
  private readonly mechanisms: MechanismManager;
  private readonly types: TypeManager;
  private readonly ids: IdGenerator;
  private readonly clock: Clock;
  private readonly logger: Logger;
  /** `DEFAULT.max_dns_nameservers` and `max_subnet_host_routes`, for subnet checks. */
  private readonly addressingLimits: AddressingLimits;

  constructor(parts: Ml2PluginParts) {
    this.repositories = parts.repositories;
    this.addressingLimits = {
      maxDnsNameservers: parts.configuration.DEFAULT.max_dns_nameservers,
      maxHostRoutes: parts.configuration.DEFAULT.max_subnet_host_routes,
    };
    this.ports = new PortService({ ...parts, baseMac: parts.configuration.DEFAULT.base_mac });
    this.portBindings = new PortBindingService(parts);
    this.segments = new SegmentService(parts);
    this.tags = new TagService(parts.repositories, parts.clock);
    this.securityGroups = new SecurityGroupService(parts);
    this.securityGroupRules = new SecurityGroupRuleService({
      ...parts,
      ensureDefaultGroup: (projectId) => this.securityGroups.ensureDefault(projectId),
    });
    this.mechanisms = parts.mechanisms;
    this.types = parts.types;
    this.agents = parts.agents;
    this.rpc = parts.rpc;
    this.notifier = parts.notifier;
    this.versionedObjects = new VersionedObjectReader(parts.repositories);
    this.securityGroupInfo = new SecurityGroupInfoReader(parts.repositories);
    this.ids = parts.ids;
    this.clock = parts.clock;
    this.logger = parts.logger;
    this[OPERATION_LOGGER] = parts.logger;
  }

  /** Names of the loaded mechanism drivers, in binding order. */
  get mechanismDrivers(): string[] {
    return this.mechanisms.driverNames;
  }

  // ---------------------------------------------------------------- networks

  /**
   * Creates a network and its segments (provider attributes, a `segments` list, or a tenant
   * segment). Errors: InvalidInput 400, VlanIdInUse / TunnelIdInUse / FlatNetworkInUse 409,
   * NoNetworkAvailable 503, VlanTransparencyDriverError 400, MechanismDriverError 500.
   */
  @publicOperation('create_network', parameter('', withDefault({}, networkCreateRule)))
  async createNetwork(request: NetworkCreateRequest = {}): Promise<NetworkResource> {
    const provider = providerSegmentRequest(request);
    const segments = request.segments?.map(
      (segment) =>
        providerSegmentRequest(segment) ?? {
          networkType: null,
          physicalNetwork: null,
          segmentationId: null,
        },
    );
    const id = this.ids.uuid();
    const tags = request.tags ?? [];
    const created = await this.repositories.transaction(async (unit) => {
      // As in Neutron, a project's first network creates its default security group (which
      // goes with the network if the create fails).
      if (request.project_id) await this.securityGroups.ensureDefaultIn(unit, request.project_id);
      const now = this.clock.now();
      const network: Network = {
        id,
        projectId: request.project_id ?? '',
        name: request.name ?? '',
        mtu: 0,
        adminStateUp: request.admin_state_up ?? true,
        routerExternal: request['router:external'] ?? false,
        vlanTransparent: request.vlan_transparent ?? false,
        createdAt: now,
        description: request.description ?? '',
        shared: request.shared ?? false,
        availabilityZoneHints: JSON.stringify(request.availability_zone_hints ?? []),
        // Its segments, added in this create, are the network's first change (as in Neutron,
        // whose networks come back from a create at revision 1).
        revisionNumber: 1,
        updatedAt: now,
      };
      await unit.networks.insert(network);
      await unit.tags.add('networks', id, tags);
      const rows = await this.types.createNetworkSegments(unit, id, {
        provider,
        segments,
        routerExternal: network.routerExternal,
      });
      network.mtu = checkedMtu(request.mtu, this.types.networkMtu(rows));
      // Still the create: the MTU write does not count as a change.
      await unit.networks.update(network, { bumpRevision: false });
      const context = this.networkContext(network, rows);
      if (network.vlanTransparent && !this.mechanisms.checkVlanTransparency(context)) {
        throw new VlanTransparencyDriverError();
      }
      await this.mechanisms.callPrecommit('createNetworkPrecommit', context);
      return { network, rows, context };
    });
    try {
      await this.mechanisms.callPostcommit('createNetworkPostcommit', created.context, true);
    } catch (error) {
      await this.deleteNetwork(id).catch(() => undefined);
      throw error;
    }
    this.changed('Network', 'updated', id);
    return toNetworkResource(
      created.network,
      created.rows.filter((row) => !row.isDynamic),
      [],
      tags,
    );
  }

  /**
   * Deletes a network with its subnets, releasing every segment (dynamic ones too) to its type
   * driver. Each subnet goes through the delete-subnet hooks (pre-commit inside the transaction,
   * before the network's own pre-commit; post-commit after the commit, before the network's).
   * Refused with 409 NetworkInUse while ports remain; NetworkNotFound 404 for an unknown id;
   * MechanismDriverError 500 when a pre-commit hook fails (nothing is deleted then).
   */
  @publicOperation('delete_network', parameter('network_id', resourceIdRule))
  async deleteNetwork(networkId: string): Promise<void> {
    const deleted = await this.repositories.transaction(async (unit) => {
      const network = await unit.networks.find(networkId);
      if (!network) throw new NetworkNotFound(networkId);
      if (await unit.ports.networkHasPorts(networkId)) {
        throw new NetworkInUse(networkId, await unit.ports.listIds({ networkId }));
      }
      const segments = await unit.networks.segments(networkId);
      const networkContext = this.networkContext(network, segments);
      const subnets = await unit.subnets.onNetwork(networkId);
      const subnetContexts = subnets.map((subnet) => subnetContextOf(subnet, null, networkContext));
      for (const subnetContext of subnetContexts) {
        await this.mechanisms.callPrecommit('deleteSubnetPrecommit', subnetContext);
      }
      await this.mechanisms.callPrecommit('deleteNetworkPrecommit', networkContext);
      await this.types.releaseNetworkSegments(unit, networkId);
      await unit.subnets.deleteOnNetwork(networkId);
      await unit.networks.delete(networkId);
      await unit.tags.removeAll('networks', [networkId]);
      await unit.tags.removeAll(
        'subnets',
        subnets.map((subnet) => subnet.id),
      );
      return { networkContext, subnetContexts, mtu: network.mtu, shared: network.shared };
    });
    for (const subnetContext of deleted.subnetContexts) {
      this.changed('Subnet', 'deleted', subnetContext.current.id);
    }
    this.notifier.emit('resourceChanged', {
      resourceType: 'Network',
      eventType: 'deleted',
      id: networkId,
      deletedNetwork: { mtu: deleted.mtu, shared: deleted.shared },
    });
    for (const subnetContext of deleted.subnetContexts) {
      await this.mechanisms
        .callPostcommit('deleteSubnetPostcommit', subnetContext, false)
        .catch((error: unknown) =>
          this.logger.error('delete_subnet_postcommit failed', {
            subnet: subnetContext.current.id,
            error,
          }),
        );
    }
    await this.mechanisms
      .callPostcommit('deleteNetworkPostcommit', deleted.networkContext, false)
      .catch((error: unknown) => this.logger.error('delete_network_postcommit failed', { error }));
  }

  /**
   * Updates a network's `name`, `admin_state_up`, `mtu` (null: the largest the segments allow),
   * `router:external`, `description` and `shared`, moving its revision. Its provider
   * attributes, `segments` and `vlan_transparent` cannot change: a value other than the stored
   * one is refused with AttributeNotUpdatable (a 400 `InvalidInput` naming the attribute).
   * Drivers' `updateNetworkPrecommit` runs inside the transaction (a throw rolls the update
   * back), `updateNetworkPostcommit` after the commit (a throw is logged and the update stands).
   * Errors: InvalidInput 400, NetworkNotFound 404, MechanismDriverError 500; nothing is written
   * on error.
   */
  @publicOperation(
    'update_network',
    parameter('network_id', resourceIdRule),
    parameter('', networkUpdateRule),
  )
  async updateNetwork(networkId: string, request: NetworkUpdateRequest): Promise<NetworkResource> {
    const updated = await this.repositories.transaction(async (unit) => {
      const network = await unit.networks.find(networkId);
      if (!network) throw new NetworkNotFound(networkId);
      const segments = await unit.networks.segments(networkId);
      const staticSegments = segments.filter((segment) => !segment.isDynamic);
      refuseFixedNetworkAttributes(request, network, staticSegments);
      const original = this.networkContext(network, segments).current;
      if (request.name !== undefined) network.name = request.name;
      if (request.admin_state_up !== undefined) network.adminStateUp = request.admin_state_up;
      if (request['router:external'] !== undefined) {
        network.routerExternal = request['router:external'];
      }
      if (request.mtu !== undefined) {
        network.mtu = checkedMtu(request.mtu, this.types.networkMtu(staticSegments));
      }
      if (request.description !== undefined) network.description = request.description;
      if (request.shared !== undefined) network.shared = request.shared;
      network.updatedAt = this.clock.now();
      await unit.networks.update(network);
      network.revisionNumber += 1;
      const context = this.networkContext(network, segments, original);
      await this.mechanisms.callPrecommit('updateNetworkPrecommit', context);
      return { context, resource: await this.networkResource(unit, network) };
    });
    this.changed('Network', 'updated', networkId);
    await this.mechanisms
      .callPostcommit('updateNetworkPostcommit', updated.context, false)
      .catch((error: unknown) =>
        this.logger.error('update_network_postcommit failed', { network: networkId, error }),
      );
    // As in Neutron: an update naming the MTU tells agents, which rewire the ports for it.
    if (request.mtu !== undefined) {
      this.notifier.emit('networkUpdate', { network: updated.resource });
    }
    return updated.resource;
  }

  /** One network; NetworkNotFound 404. */
  @publicOperation('get_network', parameter('network_id', resourceIdRule))
  async getNetwork(networkId: string): Promise<NetworkResource> {
    return this.repositories.read(async (unit) => {
      const network = await unit.networks.find(networkId);
      if (!network) throw new NetworkNotFound(networkId);
      return this.networkResource(unit, network);
    });
  }

  /** Every network, oldest first. */
  @publicOperation('list_networks')
  async listNetworks(): Promise<NetworkResource[]> {
    return this.repositories.read(async (unit) => {
      const networks = await unit.networks.list();
      const tags = await unit.tags.tagsOf(
        'networks',
        networks.map((network) => network.id),
      );
      const resources: NetworkResource[] = [];
      // One statement at a time: a unit of work has one connection.
      for (const network of networks) {
        resources.push(await this.networkResource(unit, network, tags.get(network.id) ?? []));
      }
      return resources;
    });
  }

  /** Every segment of a network, static ones by index first, then dynamic ones; 404 unknown. */
  @publicOperation('list_segments', parameter('network_id', resourceIdRule))
  async listSegments(networkId: string): Promise<NetworkSegmentResource[]> {
    return this.repositories.read(async (unit) => {
      if (!(await unit.networks.exists(networkId))) throw new NetworkNotFound(networkId);
      return (await unit.networks.segments(networkId)).map(toSegmentResource);
    });
  }

  // ---------------------------------------------------------------- segments

  /**
   * Adds a static segment to an existing network (Neutron's `segment` extension). Its id is
   * reserved through the type driver exactly as a provider network's (a missing
   * `segmentation_id` is allocated); the network's MTU is computed again and its revision
   * moves; the drivers' update-network hooks run (pre-commit inside the transaction, post-commit
   * after it, a failure there logged). Errors: InvalidInput 400, NetworkNotFound 404,
   * VlanIdInUse / TunnelIdInUse / FlatNetworkInUse / DuplicateNetworkSegment 409,
   * NoNetworkAvailable 503, MechanismDriverError 500; nothing is written on error.
   */
  @publicOperation('create_segment', parameter('', segmentCreateRule))
  async createSegment(request: SegmentCreateRequest): Promise<NetworkSegmentResource> {
    const segment = await this.segments.create(request);
    this.changed('Network', 'updated', segment.network_id);
    return segment;
  }

  /** One segment, static or dynamic; SegmentNotFound 404. */
  @publicOperation('get_segment', parameter('segment_id', resourceIdRule))
  async getSegment(segmentId: string): Promise<NetworkSegmentResource> {
    return this.segments.get(segmentId);
  }

  /** Every segment of every network: by network id, static ones by index, then dynamic ones. */
  @publicOperation('list_all_segments')
  async listAllSegments(): Promise<NetworkSegmentResource[]> {
    return this.segments.list();
  }

  /**
   * Updates a segment's `name` and `description`, moving its revision. Its network and provider
   * attributes cannot be updated (400 AttributeNotUpdatable). Errors: InvalidInput 400,
   * SegmentNotFound 404.
   */
  @publicOperation(
    'update_segment',
    parameter('segment_id', resourceIdRule),
    parameter('', segmentUpdateRule),
  )
  async updateSegment(
    segmentId: string,
    request: SegmentUpdateRequest,
  ): Promise<NetworkSegmentResource> {
    const segment = await this.segments.update(segmentId, request);
    this.changed('Network', 'updated', segment.network_id);
    return segment;
  }

  /**
   * Deletes a segment and releases its id to its type driver. Refused with 409 SegmentInUse
   * while subnets belong to it or ports are bound through it. Removing a static segment changes
   * the network as `createSegment` does (MTU, revision, update-network hooks). Errors:
   * SegmentNotFound 404, SegmentInUse 409, MechanismDriverError 500.
   */
  @publicOperation('delete_segment', parameter('segment_id', resourceIdRule))
  async deleteSegment(segmentId: string): Promise<void> {
    const { network_id: networkId } = await this.segments.get(segmentId);
    await this.segments.delete(segmentId);
    this.changed('Network', 'updated', networkId);
  }

  // ---------------------------------------------------------------- tags

  /**
   * The tags of a network, subnet, port or security group (`resourceType` `networks`,
   * `subnets`, `ports`, `security-groups`), sorted. Errors: InvalidInput 400 for another type, the resource's NotFound 404.
   */
  @publicOperation(
    'get_tags',
    parameter('resource_type', taggableResourceTypeRule),
    parameter('resource_id', resourceIdRule),
  )
  async getTags(resourceType: TaggableResourceType, resourceId: string): Promise<string[]> {
    return this.tags.list(resourceType, resourceId);
  }

  /**
   * Resolves when the resource has `tag`. Errors: InvalidInput 400, the resource's NotFound
   * 404, TagNotFound 404 when it lacks the tag.
   */
  @publicOperation(
    'get_tag',
    parameter('resource_type', taggableResourceTypeRule),
    parameter('resource_id', resourceIdRule),
    parameter('tag', tagRule),
  )
  async checkTag(
    resourceType: TaggableResourceType,
    resourceId: string,
    tag: string,
  ): Promise<void> {
    return this.tags.check(resourceType, resourceId, tag);
  }

  /**
   * Gives the resource exactly `tags` (distinct, at most 128 of at most 255 characters), moving
   * its revision; returns them sorted. Errors: InvalidInput 400, the resource's NotFound 404;
   * nothing is written on error.
   */
  @publicOperation(
    'update_tags',
    parameter('resource_type', taggableResourceTypeRule),
    parameter('resource_id', resourceIdRule),
    parameter('tags', tagsRule),
  )
  async replaceTags(
    resourceType: TaggableResourceType,
    resourceId: string,
    tags: string[],
  ): Promise<string[]> {
    return this.tags.replace(resourceType, resourceId, tags);
  }

  /**
   * Adds one tag (one the resource has already is kept), moving the resource's revision.
   * Errors: InvalidInput 400, the resource's NotFound 404.
   */
  @publicOperation(
    'update_tag',
    parameter('resource_type', taggableResourceTypeRule),
    parameter('resource_id', resourceIdRule),
    parameter('tag', tagRule),
  )
  async addTag(resourceType: TaggableResourceType, resourceId: string, tag: string): Promise<void> {
    return this.tags.add(resourceType, resourceId, tag);
  }

  /**
   * Removes one tag, moving the resource's revision. Errors: InvalidInput 400, the resource's
   * NotFound 404, TagNotFound 404 when it lacks the tag; nothing is written on error.
   */
  @publicOperation(
    'delete_tag',
    parameter('resource_type', taggableResourceTypeRule),
    parameter('resource_id', resourceIdRule),
    parameter('tag', tagRule),
  )
  async removeTag(
    resourceType: TaggableResourceType,
    resourceId: string,
    tag: string,
  ): Promise<void> {
    return this.tags.remove(resourceType, resourceId, tag);
  }

  /**
   * Removes every tag of the resource, moving its revision. Errors: InvalidInput 400, the
   * resource's NotFound 404.
   */
  @publicOperation(
    'delete_tags',
    parameter('resource_type', taggableResourceTypeRule),
    parameter('resource_id', resourceIdRule),
  )
  async removeAllTags(resourceType: TaggableResourceType, resourceId: string): Promise<void> {
    return this.tags.removeAll(resourceType, resourceId);
  }

  // ---------------------------------------------------------------- security groups

  /**
   * Creates a security group (Neutron's `security-group` extension) with rules letting any IPv4
   * and IPv6 traffic out, at revision 1; its project's default group is created first when the
   * project has none. Errors: InvalidInput 400, SecurityGroupDefaultAlreadyExists 409 for the
   * name `default`; nothing is written on error.
   */
  @publicOperation('create_security_group', parameter('', securityGroupCreateRule))
  async createSecurityGroup(request: SecurityGroupCreateRequest): Promise<SecurityGroupResource> {
    const group = await this.securityGroups.create(request);
    this.changed('SecurityGroup', 'updated', group.id);
    return group;
  }

  /**
   * The id of the project's default security group (`default`: traffic out, and in from its own
   * ports), created when the project has none. Concurrent first uses, in any number of
   * processes, create one group. Errors: InvalidInput 400.
   */
  @publicOperation('ensure_default_security_group', parameter('project_id', projectIdRule))
  async ensureDefaultSecurityGroup(projectId: string): Promise<string> {
    return this.securityGroups.ensureDefault(projectId);
  }

  /** One security group with its rules; SecurityGroupNotFound 404. */
  @publicOperation('get_security_group', parameter('security_group_id', resourceIdRule))
  async getSecurityGroup(securityGroupId: string): Promise<SecurityGroupResource> {
    return this.securityGroups.get(securityGroupId);
  }

  /**
   * Every security group with its rules, oldest first; with `project_id`, that project's only,
   * its default group created first when missing. An unknown filter is a 400.
   */
  @publicOperation(
    'list_security_groups',
    parameter('', withDefault({}, securityGroupListFilterRule)),
  )
  async listSecurityGroups(filter: SecurityGroupListFilter = {}): Promise<SecurityGroupResource[]> {
    return this.securityGroups.list(filter);
  }

  /**
   * Updates a security group's `name`, `description` and `stateful`, moving its revision.
   * Errors: InvalidInput 400, SecurityGroupNotFound 404, SecurityGroupDefaultAlreadyExists 409
   * for the name `default`, SecurityGroupCannotUpdateDefault 409 for a default group's name,
   * SecurityGroupInUse 409 for `stateful` while ports are in the group.
   */
  @publicOperation(
    'update_security_group',
    parameter('security_group_id', resourceIdRule),
    parameter('', securityGroupUpdateRule),
  )
  async updateSecurityGroup(
    securityGroupId: string,
    request: SecurityGroupUpdateRequest,
  ): Promise<SecurityGroupResource> {
    const group = await this.securityGroups.update(securityGroupId, request);
    this.changed('SecurityGroup', 'updated', securityGroupId);
    return group;
  }

  /**
   * Deletes a security group with its rules, tags, and the rules of other groups naming it as
   * their remote group (those groups' revisions move). Errors: SecurityGroupNotFound 404,
   * SecurityGroupInUse 409 while a port is in it, SecurityGroupCannotRemoveDefault 409 for a
   * project's default group when `options.mayRemoveDefault` is false (Neutron lets only admins
   * delete it; by default the engine's callers may).
   */
  @publicOperation(
    'delete_security_group',
    parameter('security_group_id', resourceIdRule),
    parameter('options', withDefault({}, securityGroupDeleteOptionsRule)),
  )
  async deleteSecurityGroup(
    securityGroupId: string,
    options: SecurityGroupDeleteOptions = {},
  ): Promise<void> {
    await this.securityGroups.delete(securityGroupId, options);
    this.changed('SecurityGroup', 'deleted', securityGroupId);
  }

  /**
   * Creates a security group rule, moving its group's revision. Errors: InvalidInput 400 and
   * Neutron's rule 400s (SecurityGroupRuleInvalidProtocol, SecurityGroupInvalidPortRange,
   * SecurityGroupRuleParameterConflict, InvalidCIDR, ...), SecurityGroupNotFound 404 for the
   * group or remote group, SecurityGroupRuleExists 409 for a rule the group has already.
   */
  @publicOperation('create_security_group_rule', parameter('', securityGroupRuleCreateRule))
  async createSecurityGroupRule(
    request: SecurityGroupRuleCreateRequest,
  ): Promise<SecurityGroupRuleResource> {
    const rule = await this.securityGroupRules.create(request);
    this.notifier.emit('resourceChanged', {
      resourceType: 'SecurityGroupRule',
      eventType: 'updated',
      id: rule.id,
      securityGroupId: rule.security_group_id,
    });
    this.changed('SecurityGroup', 'updated', rule.security_group_id);
    return rule;
  }

  /** One security group rule; SecurityGroupRuleNotFound 404. */
  @publicOperation('get_security_group_rule', parameter('security_group_rule_id', resourceIdRule))
  async getSecurityGroupRule(ruleId: string): Promise<SecurityGroupRuleResource> {
    return this.securityGroupRules.get(ruleId);
  }

  /**
   * Security group rules, oldest first: every one, those of `security_group_id`, and with
   * `project_id` those that project may see (its own and its groups'), its default group created
   * first when missing. An unknown filter is a 400.
   */
  @publicOperation(
    'list_security_group_rules',
    parameter('', withDefault({}, securityGroupRuleListFilterRule)),
  )
  async listSecurityGroupRules(
    filter: SecurityGroupRuleListFilter = {},
  ): Promise<SecurityGroupRuleResource[]> {
    return this.securityGroupRules.list(filter);
  }

  /** Deletes a security group rule, moving its group's revision; SecurityGroupRuleNotFound 404. */
  @publicOperation(
    'delete_security_group_rule',
    parameter('security_group_rule_id', resourceIdRule),
  )
  async deleteSecurityGroupRule(ruleId: string): Promise<void> {
    const { security_group_id: groupId } = await this.securityGroupRules.get(ruleId);
    await this.securityGroupRules.delete(ruleId);
    this.notifier.emit('resourceChanged', {
      resourceType: 'SecurityGroupRule',
      eventType: 'deleted',
      id: ruleId,
      securityGroupId: groupId,
    });
    this.changed('SecurityGroup', 'updated', groupId);
  }

  // ---------------------------------------------------------------- subnets

  /**
   * Adds an IPv4 or IPv6 subnet with its addressing: gateway, allocation pools (what ports get
   * addresses from), DNS servers, host routes and IPv6 modes, defaults filled in and every rule
   * checked (see `checkedCreateAddressing`); the project is the network's unless given. Drivers'
   * `createSubnetPrecommit` runs inside the transaction (a throw rolls the create back);
   * `createSubnetPostcommit` after the commit (a throw deletes the subnet again and reaches the
   * caller). A CIDR that overlaps another subnet of the network is refused (400), so that no
   * address can be given twice on one network. An autoconfigured IPv6 subnet (SLAAC,
   * DHCPv6-stateless) gives every port of the network but router interfaces its EUI-64 address,
   * in the same transaction. Errors: InvalidInput / InvalidAllocationPool /
   * OutOfBoundsAllocationPool / DNSNameServersExhausted / HostRoutesExhausted /
   * NetworkIdsDontMatch 400, NetworkNotFound / SegmentNotFound 404, OverlappingAllocationPools /
   * GatewayConflictWithAllocationPools 409, MechanismDriverError 500.
   */
  @publicOperation('create_subnet', parameter('', subnetCreateRule))
  async createSubnet(request: SubnetCreateRequest): Promise<SubnetResource> {
    const addressing = checkedCreateAddressing(request, this.addressingLimits);
    const created = await this.repositories.transaction(async (unit) => {
      const network = await unit.networks.find(request.network_id);
      if (!network) throw new NetworkNotFound(request.network_id);
      const siblings = await unit.subnets.onNetwork(network.id);
      const overlapped = siblings.find((other) => cidrTextsOverlap(other.cidr, addressing.cidr));
      if (overlapped) {
        throw new InvalidAttribute(
          'cidr',
          `cidr ${addressing.cidr} overlaps ${overlapped.cidr} of subnet ${overlapped.id} on ` +
            `network ${network.id}; pick a CIDR that does not overlap the network's subnets`,
        );
      }
      if (request.segment_id) {
        const segment = await unit.networks.findSegment(request.segment_id);
        if (!segment) throw new SegmentNotFound(request.segment_id);
        if (segment.networkId !== request.network_id) {
          throw new NetworkIdsDontMatch(request.network_id, request.segment_id);
        }
      }
      const now = this.clock.now();
      const subnet: Subnet = {
        id: this.ids.uuid(),
        networkId: request.network_id,
        ...addressing,
        name: request.name ?? '',
        projectId: request.project_id ?? network.projectId,
        segmentId: request.segment_id ?? null,
        enableDhcp: request.enable_dhcp ?? true,
        description: request.description ?? '',
        revisionNumber: 0,
        createdAt: now,
        updatedAt: now,
      };
      await unit.subnets.insert(subnet);
      if (isAutoAddressSubnet(subnet)) await addAutoAddresses(unit, subnet, now);
      await unit.tags.add('subnets', subnet.id, request.tags ?? []);
      // A subnet more on the network is a change of the network.
      await unit.revisions.bump('networks', network.id, now);
      const context = await this.subnetContext(unit, subnet, null);
      await this.mechanisms.callPrecommit('createSubnetPrecommit', context);
      return { subnet, context };
    });
    try {
      await this.mechanisms.callPostcommit('createSubnetPostcommit', created.context, true);
    } catch (error) {
      await this.deleteSubnet(created.subnet.id).catch((cleanup: unknown) =>
        this.logger.error('could not delete the subnet after create_subnet_postcommit failed', {
          subnet: created.subnet.id,
          error: cleanup,
        }),
      );
      throw error;
    }
    this.changed('Subnet', 'updated', created.subnet.id);
    return toSubnetResource(created.subnet, request.tags ?? []);
  }

  /** Every subnet, by id, with its tags (one read of the subnets, one of their tags). */
  @publicOperation('list_subnets')
  async listSubnets(): Promise<SubnetResource[]> {
    return this.repositories.read(async (unit) => {
      const subnets = await unit.subnets.list();
      const tags = await unit.tags.tagsOf(
        'subnets',
        subnets.map((subnet) => subnet.id),
      );
      return subnets.map((subnet) => toSubnetResource(subnet, tags.get(subnet.id) ?? []));
    });
  }

  /** One subnet; SubnetNotFound 404. */
  @publicOperation('get_subnet', parameter('subnet_id', resourceIdRule))
  async getSubnet(subnetId: string): Promise<SubnetResource> {
    return this.repositories.read(async (unit) => {
      const subnet = await unit.subnets.find(subnetId);
      if (!subnet) throw new SubnetNotFound(subnetId);
      const tags = await unit.tags.tagsOf('subnets', [subnetId]);
      return toSubnetResource(subnet, tags.get(subnetId) ?? []);
    });
  }

  /**
   * Updates a subnet's `name`, `enable_dhcp`, `gateway_ip`, `allocation_pools`,
   * `dns_nameservers`, `host_routes` (with the create rules; see `checkedUpdateAddressing`) and
   * `description`, moving its revision. `cidr`, `network_id`, `ip_version`, `segment_id`, the
   * IPv6 modes and `subnetpool_id` cannot change: a value other than the stored one is refused
   * with AttributeNotUpdatable (a 400 `InvalidInput` naming the attribute).
   * Drivers' `updateSubnetPrecommit` runs inside the transaction (a throw rolls the update
   * back), `updateSubnetPostcommit` after the commit (a throw is logged and the update stands).
   * Errors: InvalidInput / InvalidAllocationPool / OutOfBoundsAllocationPool /
   * DNSNameServersExhausted / HostRoutesExhausted 400, SubnetNotFound 404,
   * OverlappingAllocationPools / GatewayConflictWithAllocationPools 409, MechanismDriverError
   * 500.
   */
  @publicOperation(
    'update_subnet',
    parameter('subnet_id', resourceIdRule),
    parameter('', subnetUpdateRule),
  )
  async updateSubnet(subnetId: string, request: SubnetUpdateRequest): Promise<SubnetResource> {
    const updated = await this.repositories.transaction(async (unit) => {
      const subnet = await unit.subnets.find(subnetId);
      if (!subnet) throw new SubnetNotFound(subnetId);
      refuseFixedSubnetAttributes(request, subnet);
      const addressing = checkedUpdateAddressing(subnet, request, this.addressingLimits);
      const original = toSubnetView(subnet);
      Object.assign(subnet, addressing);
      if (request.name !== undefined) subnet.name = request.name;
      if (request.enable_dhcp !== undefined) subnet.enableDhcp = request.enable_dhcp;
      if (request.description !== undefined) subnet.description = request.description;
      subnet.updatedAt = this.clock.now();
      await unit.subnets.update(subnet);
      subnet.revisionNumber += 1;
      const context = await this.subnetContext(unit, subnet, original);
      await this.mechanisms.callPrecommit('updateSubnetPrecommit', context);
      const tags = await unit.tags.tagsOf('subnets', [subnetId]);
      return { subnet, context, tags: tags.get(subnetId) ?? [] };
    });
    await this.mechanisms
      .callPostcommit('updateSubnetPostcommit', updated.context, false)
      .catch((error: unknown) =>
        this.logger.error('update_subnet_postcommit failed', { subnet: subnetId, error }),
      );
    this.changed('Subnet', 'updated', subnetId);
    return toSubnetResource(updated.subnet, updated.tags);
  }

  /**
   * Deletes a subnet. Refused with 409 SubnetInUse while a port has a fixed IP on it (delete
   * those ports, or their addresses, first); on an autoconfigured IPv6 subnet the ports' EUI-64
   * addresses go with it (in the same transaction), and only router interfaces' addresses keep
   * it in use. Drivers' `deleteSubnetPrecommit` runs inside the
   * transaction (a throw aborts the delete), `deleteSubnetPostcommit` after the commit (a throw
   * is logged only). Errors: SubnetNotFound 404, SubnetInUse 409, MechanismDriverError 500.
   */
  @publicOperation('delete_subnet', parameter('subnet_id', resourceIdRule))
  async deleteSubnet(subnetId: string): Promise<void> {
    const context = await this.repositories.transaction(async (unit) => {
      const subnet = await unit.subnets.find(subnetId);
      if (!subnet) throw new SubnetNotFound(subnetId);
      if (isAutoAddressSubnet(subnet)) {
        await releaseAutoAddresses(unit, subnet, this.clock.now());
      }
      if (await unit.ports.subnetInUse(subnet.networkId, subnet.id)) {
        throw new SubnetInUse(subnetId);
      }
      const subnetContext = await this.subnetContext(unit, subnet, null);
      await this.mechanisms.callPrecommit('deleteSubnetPrecommit', subnetContext);
      await unit.subnets.delete(subnetId);
      await unit.tags.removeAll('subnets', [subnetId]);
      // A subnet fewer on the network is a change of the network.
      await unit.revisions.bump('networks', subnet.networkId, this.clock.now());
      return subnetContext;
    });
    this.changed('Subnet', 'deleted', subnetId);
    await this.mechanisms
      .callPostcommit('deleteSubnetPostcommit', context, false)
      .catch((error: unknown) =>
        this.logger.error('delete_subnet_postcommit failed', { subnet: subnetId, error }),
      );
  }

  // ---------------------------------------------------------------- ports

  /**
   * Creates a port (status DOWN, an ACTIVE binding row) and binds it when it has a host. It
   * joins its project's default security group (created first when missing) unless
   * `security_groups` names others (`[]`: none). A binding that fails is not an error: the port
   * comes back with `binding_failed`. Errors: InvalidInput / InvalidIpForSubnet 400,
   * NetworkNotFound / SubnetNotFound / SecurityGroupNotFound 404, PortExists / MacAddressInUse
   * / IpAddressInUse / SecurityGroupConflict 409, MechanismDriverError 500,
   * NetworkMacAddressGenerationFailure 503; on any error nothing of the port remains.
   */
  @publicOperation('create_port', parameter('', portCreateRule))
  async createPort(request: PortCreateRequest): Promise<PortResource> {
    const port = await this.ports.create(request);
    this.changed('Port', 'updated', port.id);
    return port;
  }

  /**
   * Updates a port. A change of host, vnic type or profile clears the binding (status DOWN) and
   * binds again; any update re-attempts binding of a port with a host that is `unbound` or
   * `binding_failed`. `fixed_ips` replaces the port's addresses (the create rules apply; the
   * port's own current addresses are not "in use"); `security_groups` replaces its security
   * groups. `network_id` other than the stored one is refused (400 AttributeNotUpdatable).
   * Errors: InvalidInput / InvalidIpForSubnet 400, PortNotFound / SubnetNotFound /
   * SecurityGroupNotFound 404, PortBound / MacAddressInUse / IpAddressInUse /
   * SecurityGroupConflict 409; nothing is written on error.
   */
  @publicOperation(
    'update_port',
    parameter('port_id', resourceIdRule),
    parameter('', portUpdateRule),
  )
  async updatePort(portId: string, request: PortUpdateRequest): Promise<PortResource> {
    const port = await this.ports.update(portId, request);
    this.changed('Port', 'updated', portId);
    return port;
  }

  /**
   * Deletes a port (bindings, levels and blocks go with it) and tells the agents. Unknown ids
   * are ignored. Dynamic segments stay: their driver releases them.
   */
  @publicOperation('delete_port', parameter('port_id', resourceIdRule))
  async deletePort(portId: string): Promise<void> {
    await this.ports.delete(portId);
    this.changed('Port', 'deleted', portId);
  }

  /** One port with its binding attributes; PortNotFound 404. */
  @publicOperation('get_port', parameter('port_id', resourceIdRule))
  async getPort(portId: string): Promise<PortResource> {
    return this.ports.get(portId);
  }

  /** Ports, optionally filtered by network, device or bound host; an unknown filter is a 400. */
  @publicOperation('list_ports', parameter('', withDefault({}, portListFilterRule)))
  async listPorts(filter: PortListFilter = {}): Promise<PortResource[]> {
    return this.ports.list(filter);
  }

  /** The binding levels of a port's ACTIVE binding, with their segments; PortNotFound 404. */
  @publicOperation('get_binding_levels', parameter('port_id', resourceIdRule))
  async getBindingLevels(portId: string): Promise<BindingLevelResource[]> {
    return this.ports.bindingLevels(portId);
  }

  /**
   * Why the port is bound the way it is: the stored trace of its last binding run, per attempt,
   * level, driver and segment, with reason codes and facts. Null when the port was never bound.
   * PortNotFound 404 for an unknown port.
   */
  @publicOperation('explain_binding', parameter('port_id', resourceIdRule))
  async explainBinding(portId: string): Promise<BindingTrace | null> {
    return this.ports.explain(portId);
  }

  // ---------------------------------------------------------------- host bindings

  /**
   * Every binding of a compute port (its ACTIVE one and the INACTIVE ones of live migration), by
   * host. Errors: BadRequest 400 (not a compute port), PortNotFound 404.
   */
  @publicOperation('get_port_bindings', parameter('port_id', resourceIdRule))
  async listPortBindings(portId: string): Promise<PortBindingResource[]> {
    return this.portBindings.list(portId);
  }

  /**
   * A compute port's binding for `host`. Errors: BadRequest 400 (not a compute port),
   * PortNotFound / PortBindingNotFound 404.
   */
  @publicOperation(
    'get_port_binding',
    parameter('port_id', resourceIdRule),
    parameter('host', bindingHostRule),
  )
  async getPortBinding(portId: string, host: string): Promise<PortBindingResource> {
    return this.portBindings.get(portId, host);
  }

  /**
   * Adds an INACTIVE binding of a compute port for another host (live migration's target),
   * bound for that host without touching the ACTIVE binding; saved only when a driver bound it.
   * Errors: InvalidInput / BadRequest 400, PortNotFound 404, PortBindingAlreadyExists 409,
   * PortBindingError 500 (no driver bound the port on the host: nothing saved).
   */
  @publicOperation(
    'create_port_binding',
    parameter('port_id', resourceIdRule),
    parameter('', portBindingCreateRule),
  )
  async createPortBinding(
    portId: string,
    request: PortBindingCreateRequest,
  ): Promise<PortBindingResource> {
    const binding = await this.portBindings.create(portId, request);
    this.changed('Port', 'updated', portId);
    return binding;
  }

  /**
   * Makes a compute port's INACTIVE binding for `host` its ACTIVE one (the ACTIVE one becomes
   * INACTIVE and unbound, the port DOWN) and tells the agents (`bindingDeactivate`,
   * `bindingActivate`). Errors: BadRequest 400, PortNotFound / PortBindingNotFound 404,
   * PortBindingAlreadyActive 409, PortBindingError / MechanismDriverError 500.
   */
  @publicOperation(
    'activate',
    parameter('port_id', resourceIdRule),
    parameter('host', bindingHostRule),
  )
  async activatePortBinding(portId: string, host: string): Promise<PortBindingResource> {
    return this.portBindings.activate(portId, host);
  }

  /**
   * Deletes a compute port's INACTIVE binding for `host` with its levels. Errors: BadRequest 400,
   * PortNotFound / PortBindingNotFound 404, ActivePortBindingNotDeletable 409 (a port keeps its
   * ACTIVE binding).
   */
  @publicOperation(
    'delete_port_binding',
    parameter('port_id', resourceIdRule),
    parameter('host', bindingHostRule),
  )
  async deletePortBinding(portId: string, host: string): Promise<void> {
    await this.portBindings.delete(portId, host);
    this.changed('Port', 'updated', portId);
  }

  // ---------------------------------------------------------------- helpers

  /** Tells agents caching resources (`resourceChanged`) that a committed change happened. */
  private changed(
    resourceType: ResourceChange['resourceType'],
    eventType: ResourceChange['eventType'],
    id: string,
  ): void {
    this.notifier.emit('resourceChanged', { resourceType, eventType, id });
  }

  /** The network hooks' context; `original` is the network before an update. */
  private networkContext(
    network: Network,
    segments: readonly NetworkSegment[],
    original: NetworkView | null = null,
  ): NetworkContext {
    const view: NetworkView = {
      id: network.id,
      projectId: network.projectId,
      name: network.name,
      mtu: network.mtu,
      adminStateUp: network.adminStateUp,
      routerExternal: network.routerExternal,
      vlanTransparent: network.vlanTransparent,
      segments: segments
        .filter((segment) => !segment.isDynamic)
        .map((segment) => toSegmentResourceView(segment)),
    };
    return { current: view, original, networkSegments: view.segments };
  }

  /** The subnet hooks' context (inside the caller's unit of work, which holds the network). */
  private async subnetContext(
    unit: UnitOfWork,
    subnet: Subnet,
    original: SubnetView | null,
  ): Promise<SubnetContext> {
    const network = await unit.networks.find(subnet.networkId);
    if (!network) throw new NetworkNotFound(subnet.networkId);
    const segments = await unit.networks.segments(network.id);
    return subnetContextOf(subnet, original, this.networkContext(network, segments));
  }

  /** The network as the API shows it; its tags are read unless the caller has them. */
  private async networkResource(unit: UnitOfWork, network: Network, tags?: readonly string[]) {
    const segments = await unit.networks.segments(network.id);
    const subnets = await unit.subnets.onNetwork(network.id);
    return toNetworkResource(
      network,
      segments.filter((segment) => !segment.isDynamic),
      subnets.map((subnet) => subnet.id),
      tags ?? (await unit.tags.tagsOf('networks', [network.id])).get(network.id) ?? [],
    );
  }
}

function toSegmentResourceView(segment: NetworkSegment) {
  return {
    id: segment.id,
    networkId: segment.networkId,
    networkType: segment.networkType,
    physicalNetwork: segment.physicalNetwork,
    segmentationId: segment.segmentationId,
    segmentIndex: segment.segmentIndex,
    isDynamic: segment.isDynamic,
    mtu: segment.mtu,
  };
}

function subnetContextOf(
  subnet: Subnet,
  original: SubnetView | null,
  network: NetworkContext,
): SubnetContext {
  return { current: toSubnetView(subnet), original, network };
}

/**
 * A requested network MTU checked against what the segments allow; absent or null means the
 * largest allowed.
 */
function checkedMtu(requested: number | null | undefined, maximum: number): number {
  if (requested === undefined || requested === null) return maximum;
  if (requested > maximum) {
    throw new InvalidInput(`Requested MTU is too big, maximum is ${maximum}`);
  }
  if (requested < 68) throw new InvalidInput(`Requested MTU ${requested} is below 68`);
  return requested;
}

/** The provider attributes of a checked request as a segment request, or undefined if none. */
function providerSegmentRequest(source: {
  'provider:network_type'?: string | null;
  'provider:physical_network'?: string | null;
  'provider:segmentation_id'?: number | null;
}): SegmentRequest | undefined {
  const networkType = source['provider:network_type'];
  const physicalNetwork = source['provider:physical_network'];
  const segmentationId = source['provider:segmentation_id'];
  if (networkType === undefined && physicalNetwork === undefined && segmentationId === undefined) {
    return undefined;
  }
  return {
    networkType: networkType ?? null,
    physicalNetwork: physicalNetwork ?? null,
    segmentationId: segmentationId ?? null,
  };
}

export type { BindingAttributes };
