import {
  type BindingTrace,
  BindingStatus,
  type Clock,
  InvalidAttribute,
  InvalidInput,
  InvalidIpForSubnet,
  IpAddressInUse,
  type Logger,
  MacAddressInUse,
  type Ml2Configuration,
  type NetworkContext,
  NetworkIdsDontMatch,
  NetworkInUse,
  NetworkMacAddressGenerationFailure,
  NetworkNotFound,
  type NetworkView,
  PortBound,
  PortExists,
  PortNotFound,
  PortStatus,
  SegmentNotFound,
  type SubnetContext,
  SubnetInUse,
  SubnetNotFound,
  type SubnetView,
  UNPLUGGED_VIF_TYPES,
  VifType,
  VlanTransparencyDriverError,
  VnicType,
} from '@ml2ts/driver-api';
import { Network, NetworkSegment, Port, PortBinding, type Store, Subnet } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { type MechanismManager } from '../binding/mechanism-manager';
import { type TypeManager } from '../types/type-manager';
import { type SegmentRequest } from '../types/segment-request';
import { type IdGenerator } from '@ml2ts/driver-api';
import { type AgentRegistry } from './agent-registry';
import { applyBindingAttributes, type BindingAttributes } from './binding-inputs';
import { ipv4CidrsOverlap, ipv4InCidr } from './ipv4';
import { type Notifier } from './notifier';
import { type PortBinder } from './port-binder';
import { type PortContextFactory } from './port-context-factory';
import { refuseFixedNetworkAttributes } from './refuse-fixed-network-attributes';
import { refuseFixedSubnetAttributes } from './refuse-fixed-subnet-attributes';
import { type PortRepository } from '../repositories/port-repository';
import { portRepositoryFor } from '../repositories/port-repository-for';
import { loadNetworkSegments, loadPortState, type PortState } from './port-state';
import { addProvisioningBlocks } from './provisioning';
import {
  type BindingLevelResource,
  type FixedIpRequest,
  type FixedIpResource,
  type NetworkCreateRequest,
  type NetworkResource,
  type NetworkSegmentResource,
  type NetworkUpdateRequest,
  type PortCreateRequest,
  type PortListFilter,
  type PortResource,
  type PortUpdateRequest,
  type SubnetCreateRequest,
  type SubnetResource,
  type SubnetUpdateRequest,
} from '@ml2ts/driver-api';
import {
  networkCreateRule,
  networkUpdateRule,
  portCreateRule,
  portListFilterRule,
  portUpdateRule,
  resourceIdRule,
  subnetCreateRule,
  subnetUpdateRule,
  withDefault,
} from '../validation';
import { OPERATION_LOGGER, parameter, publicOperation } from './public-operation';
import { refuseFixedPortAttributes } from './refuse-fixed-port-attributes';
import { type AgentRpc } from './agent-rpc';
import {
  toNetworkResource,
  toPortResource,
  toPortView,
  toSegmentResource,
  toSubnetResource,
  toSubnetView,
} from './view-mappers';

/** Everything the plugin is built from; `createEngine` wires it. */
export interface Ml2PluginParts {
  store: Store;
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
  /** The engine's logger, which the operation guard reports unexpected errors to. */
  readonly [OPERATION_LOGGER]: Logger;

  private readonly store: Store;
  private readonly mechanisms: MechanismManager;
  private readonly types: TypeManager;
  private readonly contexts: PortContextFactory;
  private readonly binder: PortBinder;
  private readonly ids: IdGenerator;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(parts: Ml2PluginParts) {
    this.store = parts.store;
    this.mechanisms = parts.mechanisms;
    this.types = parts.types;
    this.contexts = parts.contexts;
    this.binder = parts.binder;
    this.agents = parts.agents;
    this.rpc = parts.rpc;
    this.notifier = parts.notifier;
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
    const created = await this.store.transaction(async (manager) => {
      const network = manager.create(Network, {
        id,
        projectId: request.project_id ?? '',
        name: request.name ?? '',
        mtu: 0,
        adminStateUp: request.admin_state_up ?? true,
        routerExternal: request['router:external'] ?? false,
        vlanTransparent: request.vlan_transparent ?? false,
        createdAt: this.clock.now(),
      });
      await manager.insert(Network, network);
      const rows = await this.types.createNetworkSegments(manager, id, {
        provider,
        segments,
        routerExternal: network.routerExternal,
      });
      network.mtu = checkedMtu(request.mtu, this.types.networkMtu(rows));
      await manager.update(Network, { id }, { mtu: network.mtu });
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
    return toNetworkResource(
      created.network,
      created.rows.filter((row) => !row.isDynamic),
      [],
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
    const deleted = await this.store.transaction(async (manager) => {
      const network = await manager.findOne(Network, { where: { id: networkId } });
      if (!network) throw new NetworkNotFound(networkId);
      if ((await manager.countBy(Port, { networkId })) > 0) throw new NetworkInUse(networkId);
      const segments = await loadNetworkSegments(manager, networkId);
      const networkContext = this.networkContext(network, segments);
      const subnets = await manager.find(Subnet, { where: { networkId }, order: { id: 'ASC' } });
      const subnetContexts = subnets.map((subnet) => subnetContextOf(subnet, null, networkContext));
      for (const subnetContext of subnetContexts) {
        await this.mechanisms.callPrecommit('deleteSubnetPrecommit', subnetContext);
      }
      await this.mechanisms.callPrecommit('deleteNetworkPrecommit', networkContext);
      await this.types.releaseNetworkSegments(manager, networkId);
      await manager.delete(Subnet, { networkId });
      await manager.delete(Network, { id: networkId });
      return { networkContext, subnetContexts };
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
   * Updates a network's `name`, `admin_state_up`, `mtu` (null: the largest the segments allow)
   * and `router:external`. Its provider attributes, `segments` and `vlan_transparent` cannot
   * change: a value other than the stored one is refused with AttributeNotUpdatable (a 400
   * `InvalidInput` naming the attribute). Drivers' `updateNetworkPrecommit` runs inside the
   * transaction (a throw rolls the update back), `updateNetworkPostcommit` after the commit (a
   * throw is logged and the update stands). Errors: InvalidInput 400, NetworkNotFound 404,
   * MechanismDriverError 500; nothing is written on error.
   */
  @publicOperation(
    'update_network',
    parameter('network_id', resourceIdRule),
    parameter('', networkUpdateRule),
  )
  async updateNetwork(networkId: string, request: NetworkUpdateRequest): Promise<NetworkResource> {
    const updated = await this.store.transaction(async (manager) => {
      const network = await manager.findOne(Network, { where: { id: networkId } });
      if (!network) throw new NetworkNotFound(networkId);
      const segments = await loadNetworkSegments(manager, networkId);
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
      await manager.update(
        Network,
        { id: networkId },
        {
          name: network.name,
          adminStateUp: network.adminStateUp,
          routerExternal: network.routerExternal,
          mtu: network.mtu,
        },
      );
      const context = this.networkContext(network, segments, original);
      await this.mechanisms.callPrecommit('updateNetworkPrecommit', context);
      return { context, resource: await this.networkResource(manager, network) };
    });
    await this.mechanisms
      .callPostcommit('updateNetworkPostcommit', updated.context, false)
      .catch((error: unknown) =>
        this.logger.error('update_network_postcommit failed', { network: networkId, error }),
      );
    return updated.resource;
  }

  /** One network; NetworkNotFound 404. */
  @publicOperation('get_network', parameter('network_id', resourceIdRule))
  async getNetwork(networkId: string): Promise<NetworkResource> {
    return this.store.read(async (manager) => {
      const network = await manager.findOne(Network, { where: { id: networkId } });
      if (!network) throw new NetworkNotFound(networkId);
      return this.networkResource(manager, network);
    });
  }

  /** Every network, oldest first. */
  @publicOperation('list_networks')
  async listNetworks(): Promise<NetworkResource[]> {
    return this.store.read(async (manager) => {
      const networks = await manager.find(Network, { order: { createdAt: 'ASC', id: 'ASC' } });
      return Promise.all(networks.map((network) => this.networkResource(manager, network)));
    });
  }

  /** Every segment of a network, static ones by index first, then dynamic ones; 404 unknown. */
  @publicOperation('list_segments', parameter('network_id', resourceIdRule))
  async listSegments(networkId: string): Promise<NetworkSegmentResource[]> {
    return this.store.read(async (manager) => {
      if (!(await manager.existsBy(Network, { id: networkId }))) {
        throw new NetworkNotFound(networkId);
      }
      return (await loadNetworkSegments(manager, networkId)).map(toSegmentResource);
    });
  }

  // ---------------------------------------------------------------- subnets

  /**
   * Adds an IPv4 subnet (binding needs subnets for the segment filter and DHCP). ml2ts does no
   * address management: ports carry the fixed IPs their creator gives them. Drivers'
   * `createSubnetPrecommit` runs inside the transaction (a throw rolls the create back);
   * `createSubnetPostcommit` after the commit (a throw deletes the subnet again and reaches the
   * caller). A CIDR that overlaps another subnet of the network is refused (400), so that no
   * address can be given twice on one network. Errors: InvalidInput 400, NetworkIdsDontMatch
   * 400, NetworkNotFound / SegmentNotFound 404, MechanismDriverError 500.
   */
  @publicOperation('create_subnet', parameter('', subnetCreateRule))
  async createSubnet(request: SubnetCreateRequest): Promise<SubnetResource> {
    const created = await this.store.transaction(async (manager) => {
      const network = await manager.findOne(Network, { where: { id: request.network_id } });
      if (!network) throw new NetworkNotFound(request.network_id);
      const siblings = await manager.find(Subnet, {
        where: { networkId: network.id },
        order: { id: 'ASC' },
      });
      const overlapped = siblings.find((other) => ipv4CidrsOverlap(other.cidr, request.cidr));
      if (overlapped) {
        throw new InvalidAttribute(
          'cidr',
          `cidr ${request.cidr} overlaps ${overlapped.cidr} of subnet ${overlapped.id} on ` +
            `network ${network.id}; pick a CIDR that does not overlap the network's subnets`,
        );
      }
      if (request.segment_id) {
        const segment = await manager.findOne(NetworkSegment, {
          where: { id: request.segment_id },
        });
        if (!segment) throw new SegmentNotFound(request.segment_id);
        if (segment.networkId !== request.network_id) {
          throw new NetworkIdsDontMatch(request.network_id, request.segment_id);
        }
      }
      const subnet = manager.create(Subnet, {
        id: this.ids.uuid(),
        networkId: request.network_id,
        cidr: request.cidr,
        ipVersion: 4,
        segmentId: request.segment_id ?? null,
        enableDhcp: request.enable_dhcp ?? true,
      });
      await manager.insert(Subnet, subnet);
      const context = await this.subnetContext(manager, network, subnet, null);
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
    return toSubnetResource(created.subnet);
  }

  /** One subnet; SubnetNotFound 404. */
  @publicOperation('get_subnet', parameter('subnet_id', resourceIdRule))
  async getSubnet(subnetId: string): Promise<SubnetResource> {
    return this.store.read(async (manager) => {
      const subnet = await manager.findOne(Subnet, { where: { id: subnetId } });
      if (!subnet) throw new SubnetNotFound(subnetId);
      return toSubnetResource(subnet);
    });
  }

  /**
   * Updates a subnet's `enable_dhcp` (the only attribute ml2ts stores that may change). `cidr`,
   * `network_id`, `ip_version` and `segment_id` cannot change: a value other than the stored
   * one is refused with AttributeNotUpdatable (a 400 `InvalidInput` naming the attribute).
   * Drivers' `updateSubnetPrecommit` runs inside the transaction (a throw rolls the update
   * back), `updateSubnetPostcommit` after the commit (a throw is logged and the update stands).
   * Errors: InvalidInput 400, SubnetNotFound 404, MechanismDriverError 500.
   */
  @publicOperation(
    'update_subnet',
    parameter('subnet_id', resourceIdRule),
    parameter('', subnetUpdateRule),
  )
  async updateSubnet(subnetId: string, request: SubnetUpdateRequest): Promise<SubnetResource> {
    const updated = await this.store.transaction(async (manager) => {
      const subnet = await manager.findOne(Subnet, { where: { id: subnetId } });
      if (!subnet) throw new SubnetNotFound(subnetId);
      refuseFixedSubnetAttributes(request, subnet);
      const original = toSubnetView(subnet);
      if (request.enable_dhcp !== undefined) subnet.enableDhcp = request.enable_dhcp;
      await manager.update(Subnet, { id: subnetId }, { enableDhcp: subnet.enableDhcp });
      const network = await manager.findOneOrFail(Network, { where: { id: subnet.networkId } });
      const context = await this.subnetContext(manager, network, subnet, original);
      await this.mechanisms.callPrecommit('updateSubnetPrecommit', context);
      return { subnet, context };
    });
    await this.mechanisms
      .callPostcommit('updateSubnetPostcommit', updated.context, false)
      .catch((error: unknown) =>
        this.logger.error('update_subnet_postcommit failed', { subnet: subnetId, error }),
      );
    return toSubnetResource(updated.subnet);
  }

  /**
   * Deletes a subnet. Refused with 409 SubnetInUse while a port has a fixed IP on it (delete
   * those ports, or their addresses, first). Drivers' `deleteSubnetPrecommit` runs inside the
   * transaction (a throw aborts the delete), `deleteSubnetPostcommit` after the commit (a throw
   * is logged only). Errors: SubnetNotFound 404, SubnetInUse 409, MechanismDriverError 500.
   */
  @publicOperation('delete_subnet', parameter('subnet_id', resourceIdRule))
  async deleteSubnet(subnetId: string): Promise<void> {
    const context = await this.store.transaction(async (manager) => {
      const subnet = await manager.findOne(Subnet, { where: { id: subnetId } });
      if (!subnet) throw new SubnetNotFound(subnetId);
      const inUse = await portRepositoryFor(manager).subnetInUse(subnet.networkId, subnet.id);
      if (inUse) throw new SubnetInUse(subnetId);
      const network = await manager.findOneOrFail(Network, { where: { id: subnet.networkId } });
      const subnetContext = await this.subnetContext(manager, network, subnet, null);
      await this.mechanisms.callPrecommit('deleteSubnetPrecommit', subnetContext);
      await manager.delete(Subnet, { id: subnetId });
      return subnetContext;
    });
    await this.mechanisms
      .callPostcommit('deleteSubnetPostcommit', context, false)
      .catch((error: unknown) =>
        this.logger.error('delete_subnet_postcommit failed', { subnet: subnetId, error }),
      );
  }

  // ---------------------------------------------------------------- ports

  /**
   * Creates a port (status DOWN, an ACTIVE binding row) and binds it when it has a host. A
   * binding that fails is not an error: the port comes back with `binding_failed`. Errors:
   * InvalidInput / InvalidIpForSubnet 400, NetworkNotFound / SubnetNotFound 404, PortExists /
   * MacAddressInUse / IpAddressInUse 409, MechanismDriverError 500,
   * NetworkMacAddressGenerationFailure 503; on any error nothing of the port remains.
   */
  @publicOperation('create_port', parameter('', portCreateRule))
  async createPort(request: PortCreateRequest): Promise<PortResource> {
    const portId = request.id ?? this.ids.uuid();
    const macAddress = request.mac_address ?? null;
    const created = await this.store.transaction(async (manager) => {
      const rows = portRepositoryFor(manager);
      const network = await rows.network(request.network_id);
      if (!network) throw new NetworkNotFound(String(request.network_id));
      if (await rows.portExists(portId)) {
        throw new PortExists(portId);
      }
      const fixedIps =
        request.fixed_ips === undefined
          ? []
          : await this.validateFixedIps(manager, network.id, request.fixed_ips, new Set());
      if (macAddress && (await rows.macInUse(network.id, macAddress))) {
        throw new MacAddressInUse(macAddress, network.id);
      }
      await rows.insertPort({
        id: portId,
        networkId: network.id,
        projectId: request.project_id ?? network.projectId,
        name: request.name ?? '',
        macAddress: macAddress ?? (await this.freeMacAddress(rows, network.id)),
        fixedIps: JSON.stringify(fixedIps),
        deviceId: request.device_id ?? '',
        deviceOwner: request.device_owner ?? '',
        status: request.status ?? PortStatus.DOWN,
        adminStateUp: request.admin_state_up ?? true,
        dnsName: request.dns_name ?? '',
        createdAt: this.clock.now(),
      });
      const binding: PortBinding = {
        portId,
        host: '',
        vnicType: VnicType.NORMAL,
        profile: '',
        vifType: VifType.UNBOUND,
        vifDetails: '',
        status: BindingStatus.ACTIVE,
      };
      applyBindingAttributes(binding, request);
      await rows.insertBinding(binding);
      const state = (await loadPortState(manager, portId))!;
      const context = await this.contexts.build(manager, state, {
        original: null,
        binding: 'stored',
      });
      await this.mechanisms.callPrecommit('createPortPrecommit', context);
      await addProvisioningBlocks(manager, portId, context.provisioningBlocks);
      return { context, state };
    });
    try {
      await this.mechanisms.callPostcommit('createPortPostcommit', created.context, true);
      const state = await this.binder.bindIfNeeded(portId, {
        original: null,
        allowNotify: false,
        needNotify: false,
        initial: { state: created.state, rows: created.context.rows },
      });
      if (!state) throw new PortNotFound(portId);
      return toPortResource(state.port, state.binding, state.allLevels);
    } catch (error) {
      await this.removePortRows(portId);
      throw error;
    }
  }

  /**
   * Updates a port. A change of host, vnic type or profile clears the binding (status DOWN) and
   * binds again; any update re-attempts binding of a port with a host that is `unbound` or
   * `binding_failed`. `fixed_ips` replaces the port's addresses (the create rules apply; the
   * port's own current addresses are not "in use"). `network_id` other than the stored one is
   * refused (400 AttributeNotUpdatable). Errors: InvalidInput / InvalidIpForSubnet 400,
   * PortNotFound / SubnetNotFound 404, PortBound / MacAddressInUse / IpAddressInUse 409; nothing
   * is written on error.
   */
  @publicOperation(
    'update_port',
    parameter('port_id', resourceIdRule),
    parameter('', portUpdateRule),
  )
  async updatePort(portId: string, request: PortUpdateRequest): Promise<PortResource> {
    const macAddress = request.mac_address ?? null;
    const updated = await this.store.transaction(async (manager) => {
      const rows = portRepositoryFor(manager);
      const state = await loadPortState(manager, portId);
      if (!state) throw new PortNotFound(portId);
      const { port, binding } = state;
      refuseFixedPortAttributes(request, port);
      const original = toPortView(port, binding, state.allLevels);
      const originalLevels = this.contexts.levelViews(
        state,
        state.allLevels.filter((level) => level.host === binding.host),
      );
      let needNotify = false;
      let fixedIpsChanged = false;
      if (macAddress && macAddress !== port.macAddress) {
        if (!UNPLUGGED_VIF_TYPES.includes(binding.vifType))
          throw new PortBound(portId, binding.vifType);
        if (await rows.macInUse(port.networkId, macAddress)) {
          throw new MacAddressInUse(macAddress, port.networkId);
        }
        port.macAddress = macAddress;
        needNotify = true;
      }
      if (
        binding.vnicType === VnicType.DIRECT_PHYSICAL &&
        request.device_id === '' &&
        request.device_owner === '' &&
        port.deviceId !== ''
      ) {
        port.macAddress = await this.freeMacAddress(rows, port.networkId);
      }
      if (request.fixed_ips !== undefined) {
        const own = new Set(parseStoredFixedIps(port.fixedIps).map(fixedIpKey));
        const fixedIps = JSON.stringify(
          await this.validateFixedIps(manager, port.networkId, request.fixed_ips, own),
        );
        if (fixedIps !== port.fixedIps) {
          port.fixedIps = fixedIps;
          fixedIpsChanged = true;
          needNotify = true;
        }
      }
      if (request.name !== undefined) port.name = request.name;
      if (request.device_id !== undefined) port.deviceId = request.device_id;
      if (request.device_owner !== undefined) port.deviceOwner = request.device_owner;
      if (request.dns_name !== undefined) port.dnsName = request.dns_name;
      if (request.admin_state_up !== undefined && request.admin_state_up !== port.adminStateUp) {
        port.adminStateUp = request.admin_state_up;
        needNotify = true;
      }
      const { changed, originalHost } = applyBindingAttributes(binding, request);
      if (changed) {
        binding.vifType = VifType.UNBOUND;
        binding.vifDetails = '';
        if (originalHost !== '') await rows.deleteLevels(portId, originalHost);
        port.status = PortStatus.DOWN;
        needNotify = true;
      }
      await rows.updatePort(port);
      if (fixedIpsChanged) await rows.replaceFixedIps(port);
      if (changed) {
        // The primary key includes the host: replace the ACTIVE row.
        await rows.deleteBinding(portId, originalHost);
        await rows.insertBinding(binding);
      }
      const current = (await loadPortState(manager, portId))!;
      const context = await this.contexts.build(manager, current, {
        original,
        originalLevels,
        binding: 'stored',
      });
      await this.mechanisms.callPrecommit('updatePortPrecommit', context);
      await addProvisioningBlocks(manager, portId, context.provisioningBlocks);
      return { context, original, needNotify, statusBefore: original.status };
    });
    await this.mechanisms
      .callPostcommit('updatePortPostcommit', updated.context, false)
      .catch((error: unknown) =>
        this.logger.error('update_port_postcommit failed', { port: portId, error }),
      );
    const state = await this.binder.bindIfNeeded(portId, {
      original: updated.original,
      allowNotify: true,
      needNotify: updated.needNotify,
    });
    if (!state) throw new PortNotFound(portId);
    return toPortResource(state.port, state.binding, state.allLevels);
  }

  /**
   * Deletes a port (bindings, levels and blocks go with it) and tells the agents. Unknown ids
   * are ignored. Dynamic segments stay: their driver releases them.
   */
  @publicOperation('delete_port', parameter('port_id', resourceIdRule))
  async deletePort(portId: string): Promise<void> {
    const context = await this.store.transaction(async (manager) => {
      const state = await loadPortState(manager, portId);
      if (!state) return null;
      const portContext = await this.contexts.build(manager, state, {
        original: toPortView(state.port, state.binding, state.allLevels),
        originalLevels: this.contexts.levelViews(
          state,
          state.allLevels.filter((level) => level.host === state.binding.host),
        ),
        binding: 'stored',
      });
      await this.mechanisms.callPrecommit('deletePortPrecommit', portContext);
      await manager.delete(Port, { id: portId });
      return portContext;
    });
    if (!context) return;
    await this.mechanisms
      .callPostcommit('deletePortPostcommit', context, false)
      .catch((error: unknown) =>
        this.logger.error('delete_port_postcommit failed', { port: portId, error }),
      );
    this.notifier.emit('portDelete', { portId });
  }

  /** One port with its binding attributes; PortNotFound 404. */
  @publicOperation('get_port', parameter('port_id', resourceIdRule))
  async getPort(portId: string): Promise<PortResource> {
    const state = await this.store.read((manager) => loadPortState(manager, portId));
    if (!state) throw new PortNotFound(portId);
    return toPortResource(state.port, state.binding, state.allLevels);
  }

  /** Ports, optionally filtered by network, device or bound host; an unknown filter is a 400. */
  @publicOperation('list_ports', parameter('', withDefault({}, portListFilterRule)))
  async listPorts(filter: PortListFilter = {}): Promise<PortResource[]> {
    return this.store.read(async (manager) => {
      const query = manager
        .createQueryBuilder(Port, 'port')
        .innerJoin(
          PortBinding,
          'binding',
          'binding.port_id = port.id AND binding.status = :active',
          {
            active: BindingStatus.ACTIVE,
          },
        )
        .orderBy('port.created_at', 'ASC')
        .addOrderBy('port.id', 'ASC');
      if (filter.network_id !== undefined) {
        query.andWhere('port.network_id = :networkId', { networkId: filter.network_id });
      }
      if (filter.device_id !== undefined) {
        query.andWhere('port.device_id = :deviceId', { deviceId: filter.device_id });
      }
      if (filter['binding:host_id'] !== undefined) {
        query.andWhere('binding.host = :host', { host: filter['binding:host_id'] });
      }
      const ports = await query.getMany();
      const states = await Promise.all(ports.map((port) => loadPortState(manager, port.id)));
      return states
        .filter((state): state is PortState => state !== null)
        .map((state) => toPortResource(state.port, state.binding, state.allLevels));
    });
  }

  /** The binding levels of a port's ACTIVE binding, with their segments; PortNotFound 404. */
  @publicOperation('get_binding_levels', parameter('port_id', resourceIdRule))
  async getBindingLevels(portId: string): Promise<BindingLevelResource[]> {
    const state = await this.store.read((manager) => loadPortState(manager, portId));
    if (!state) throw new PortNotFound(portId);
    return state.allLevels
      .filter((level) => level.host === state.binding.host)
      .map((level) => {
        const segment = level.segmentId ? state.segmentsById.get(level.segmentId) : undefined;
        return {
          level: level.level,
          driver: level.driver,
          host: level.host,
          segment: segment ? toSegmentResource(segment) : null,
        };
      });
  }

  /**
   * Why the port is bound the way it is: the stored trace of its last binding run, per attempt,
   * level, driver and segment, with reason codes and facts. Null when the port was never bound.
   * PortNotFound 404 for an unknown port.
   */
  @publicOperation('explain_binding', parameter('port_id', resourceIdRule))
  async explainBinding(portId: string): Promise<BindingTrace | null> {
    const exists = await this.store.read((manager) => manager.existsBy(Port, { id: portId }));
    if (!exists) throw new PortNotFound(portId);
    return this.binder.explain(portId);
  }

  // ---------------------------------------------------------------- helpers

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

  /** The subnet hooks' context (inside the caller's unit of work). */
  private async subnetContext(
    manager: EntityManager,
    network: Network,
    subnet: Subnet,
    original: SubnetView | null,
  ): Promise<SubnetContext> {
    const segments = await loadNetworkSegments(manager, network.id);
    return subnetContextOf(subnet, original, this.networkContext(network, segments));
  }

  private async networkResource(manager: EntityManager, network: Network) {
    const [segments, subnets] = await Promise.all([
      loadNetworkSegments(manager, network.id),
      manager.find(Subnet, { where: { networkId: network.id } }),
    ]);
    return toNetworkResource(
      network,
      segments.filter((segment) => !segment.isDynamic),
      subnets.map((subnet) => subnet.id),
    );
  }

  /**
   * Checks requested fixed IPs against the database, in the caller's transaction: each names a
   * subnet of `networkId` and an address inside it that no port other than the one being
   * updated holds (`own`: keys of its current addresses), and no address is requested twice.
   * Shapes and formats were checked by the request schema.
   */
  private async validateFixedIps(
    manager: EntityManager,
    networkId: string,
    requested: readonly FixedIpRequest[],
    own: ReadonlySet<string>,
  ): Promise<FixedIpResource[]> {
    const result: FixedIpResource[] = [];
    const addresses = new Set<string>();
    for (const [index, entry] of requested.entries()) {
      if (entry.subnet_id === undefined) {
        throw new InvalidAttribute(
          `fixed_ips[${index}].subnet_id`,
          `fixed_ips[${index}].subnet_id is required: ml2ts does not look subnets up by address`,
        );
      }
      const subnet = await manager.findOne(Subnet, { where: { id: entry.subnet_id } });
      if (!subnet) throw new SubnetNotFound(entry.subnet_id);
      if (subnet.networkId !== networkId) {
        throw new InvalidAttribute(
          `fixed_ips[${index}].subnet_id`,
          `subnet ${subnet.id} is not on network ${networkId}`,
        );
      }
      if (entry.ip_address === undefined) {
        throw new InvalidAttribute(
          `fixed_ips[${index}].ip_address`,
          `fixed_ips[${index}].ip_address is required: ml2ts allocates no addresses, give one ` +
            `of ${subnet.cidr}`,
        );
      }
      if (!ipv4InCidr(entry.ip_address, subnet.cidr)) {
        throw new InvalidIpForSubnet(entry.ip_address, subnet.id, subnet.cidr);
      }
      if (addresses.has(entry.ip_address)) {
        throw new InvalidAttribute(
          `fixed_ips[${index}].ip_address`,
          `fixed_ips[${index}] repeats the address ${entry.ip_address}; give each address once`,
        );
      }
      addresses.add(entry.ip_address);
      const fixedIp = { ip_address: entry.ip_address, subnet_id: subnet.id };
      if (!own.has(fixedIpKey(fixedIp))) {
        const taken = await portRepositoryFor(manager).fixedIpInUse(
          networkId,
          subnet.id,
          entry.ip_address,
        );
        if (taken) throw new IpAddressInUse(entry.ip_address, networkId);
      }
      result.push(fixedIp);
    }
    return result;
  }

  private async freeMacAddress(rows: PortRepository, networkId: string): Promise<string> {
    for (let tries = 0; tries < 16; tries++) {
      const mac = this.ids.macAddress();
      if (!(await rows.macInUse(networkId, mac))) return mac;
    }
    throw new NetworkMacAddressGenerationFailure(networkId);
  }

  private async removePortRows(portId: string): Promise<void> {
    await this.store.transaction((manager) => manager.delete(Port, { id: portId }));
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

/** A fixed IP's identity on its network, for "is it the port's own address" checks. */
function fixedIpKey(fixedIp: FixedIpResource): string {
  return `${fixedIp.subnet_id} ${fixedIp.ip_address}`;
}

/** A port's stored fixed IPs (`[]` for anything that is not the stored list). */
function parseStoredFixedIps(stored: string): FixedIpResource[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? (parsed as FixedIpResource[]) : [];
  } catch {
    return [];
  }
}

export type { BindingAttributes };
