import {
  type BindingTrace,
  BindingStatus,
  type Clock,
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
import { normalizeMacAddress } from '../support/mac-address';
import { isUuidLike } from '../support/uuid-like';
import { type AgentRegistry } from './agent-registry';
import {
  applyBindingAttributes,
  type BindingAttributes,
  validateBindingAttributes,
} from './binding-inputs';
import { ipv4InCidr, parseIpv4Cidr } from './ipv4';
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
  optionalBoolean,
  optionalInteger,
  optionalString,
  requireObject,
} from './request-validation';
import {
  type BindingLevelResource,
  type FixedIpResource,
  type NetworkCreateRequest,
  type NetworkResource,
  type NetworkUpdateRequest,
  type PortCreateRequest,
  type PortResource,
  type PortUpdateRequest,
  type SubnetCreateRequest,
  type SubnetResource,
  type SubnetUpdateRequest,
} from '@ml2ts/driver-api';
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
 * the database as it was. Errors are `Ml2Error`s with Neutron's type names and HTTP statuses.
 */
export class Ml2Plugin {
  /** The agent RPC handlers (`reportState`, `getDeviceDetails`, `updateDeviceUp`, ...). */
  readonly rpc: AgentRpc;
  /** The agents table: list, get, admin state, delete. */
  readonly agents: AgentRegistry;
  /** Events for agents and the compute side (`portUpdate`, `portDelete`, `vifPlugged`, ...). */
  readonly notifier: Notifier;

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
  async createNetwork(request: NetworkCreateRequest = {}): Promise<NetworkResource> {
    requireObject(request, 'network');
    optionalString(request.name, 'name');
    optionalString(request.project_id, 'project_id');
    optionalBoolean(request.admin_state_up, 'admin_state_up');
    optionalBoolean(request['router:external'], 'router:external');
    optionalBoolean(request.vlan_transparent, 'vlan_transparent');
    optionalInteger(request.mtu, 'mtu');
    const provider = providerSegmentRequest(request);
    const segments = request.segments?.map((segment, index) => {
      requireObject(segment, `segments[${index}]`);
      return (
        providerSegmentRequest(segment, `segments[${index}].`) ?? {
          networkType: null,
          physicalNetwork: null,
          segmentationId: null,
        }
      );
    });
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
  async updateNetwork(networkId: string, request: NetworkUpdateRequest): Promise<NetworkResource> {
    requireObject(request, 'network');
    optionalString(request.name, 'name');
    optionalBoolean(request.admin_state_up, 'admin_state_up');
    optionalBoolean(request['router:external'], 'router:external');
    optionalInteger(request.mtu, 'mtu');
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
  async getNetwork(networkId: string): Promise<NetworkResource> {
    return this.store.read(async (manager) => {
      const network = await manager.findOne(Network, { where: { id: networkId } });
      if (!network) throw new NetworkNotFound(networkId);
      return this.networkResource(manager, network);
    });
  }

  /** Every network, oldest first. */
  async listNetworks(): Promise<NetworkResource[]> {
    return this.store.read(async (manager) => {
      const networks = await manager.find(Network, { order: { createdAt: 'ASC', id: 'ASC' } });
      return Promise.all(networks.map((network) => this.networkResource(manager, network)));
    });
  }

  /** Every segment of a network, static ones by index first, then dynamic ones. */
  async listSegments(networkId: string) {
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
   * caller). Errors: InvalidInput 400, NetworkIdsDontMatch 400, NetworkNotFound /
   * SegmentNotFound 404, MechanismDriverError 500.
   */
  async createSubnet(request: SubnetCreateRequest): Promise<SubnetResource> {
    requireObject(request, 'subnet');
    optionalString(request.cidr, 'cidr');
    optionalBoolean(request.enable_dhcp, 'enable_dhcp');
    if (typeof request.network_id !== 'string') {
      throw new InvalidInput(`'${String(request.network_id)}' is not a valid network_id`);
    }
    if (request.segment_id !== undefined && request.segment_id !== null) {
      optionalString(request.segment_id, 'segment_id');
    }
    const cidr = typeof request.cidr === 'string' ? parseIpv4Cidr(request.cidr) : null;
    if (!cidr) throw new InvalidInput(`'${String(request.cidr)}' is not a valid IPv4 CIDR`);
    const created = await this.store.transaction(async (manager) => {
      const network = await manager.findOne(Network, { where: { id: request.network_id } });
      if (!network) throw new NetworkNotFound(request.network_id);
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
  async updateSubnet(subnetId: string, request: SubnetUpdateRequest): Promise<SubnetResource> {
    requireObject(request, 'subnet');
    optionalBoolean(request.enable_dhcp, 'enable_dhcp');
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
  async createPort(request: PortCreateRequest): Promise<PortResource> {
    requireObject(request, 'port');
    validatePortAttributes(request);
    validateBindingAttributes(request);
    const portId = request.id ?? this.ids.uuid();
    if (request.id !== undefined && (typeof request.id !== 'string' || !isUuidLike(request.id))) {
      throw new InvalidInput(`'${String(request.id)}' is not a valid UUID for id`);
    }
    const macAddress =
      request.mac_address !== undefined ? normalizeMacAddress(request.mac_address) : null;
    if (request.mac_address !== undefined && !macAddress) {
      throw new InvalidInput(`'${request.mac_address}' is not a valid MAC address`);
    }
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
          : await this.validateFixedIps(manager, network.id, request.fixed_ips);
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
   * `binding_failed`. Errors: InvalidInput 400, PortNotFound 404, PortBound / MacAddressInUse
   * 409; nothing is written on error.
   */
  async updatePort(portId: string, request: PortUpdateRequest): Promise<PortResource> {
    requireObject(request, 'port');
    validatePortAttributes(request);
    validateBindingAttributes(request);
    const macAddress =
      request.mac_address !== undefined ? normalizeMacAddress(request.mac_address) : null;
    if (request.mac_address !== undefined && !macAddress) {
      throw new InvalidInput(`'${request.mac_address}' is not a valid MAC address`);
    }
    const updated = await this.store.transaction(async (manager) => {
      const rows = portRepositoryFor(manager);
      const state = await loadPortState(manager, portId);
      if (!state) throw new PortNotFound(portId);
      const { port, binding } = state;
      const original = toPortView(port, binding, state.allLevels);
      const originalLevels = this.contexts.levelViews(
        state,
        state.allLevels.filter((level) => level.host === binding.host),
      );
      let needNotify = false;
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
  async getPort(portId: string): Promise<PortResource> {
    const state = await this.store.read((manager) => loadPortState(manager, portId));
    if (!state) throw new PortNotFound(portId);
    return toPortResource(state.port, state.binding, state.allLevels);
  }

  /** Ports, optionally filtered by network, device or bound host. */
  async listPorts(
    filter: { network_id?: string; device_id?: string; 'binding:host_id'?: string } = {},
  ): Promise<PortResource[]> {
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

  /** The binding levels of a port's ACTIVE binding, with their segments. */
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

  private async validateFixedIps(
    manager: EntityManager,
    networkId: string,
    requested: PortCreateRequest['fixed_ips'] & object,
  ): Promise<FixedIpResource[]> {
    if (!Array.isArray(requested)) throw new InvalidInput('fixed_ips must be a list');
    const result: FixedIpResource[] = [];
    for (const [index, entry] of requested.entries()) {
      requireObject(entry, `fixed_ips[${index}]`);
      if (typeof entry.subnet_id !== 'string') {
        throw new InvalidInput(
          `fixed_ips[${index}] must name its subnet_id (ml2ts does not look subnets up by address)`,
        );
      }
      const subnet = await manager.findOne(Subnet, { where: { id: entry.subnet_id } });
      if (!subnet) throw new SubnetNotFound(String(entry.subnet_id));
      if (subnet.networkId !== networkId) {
        throw new InvalidInput(`subnet ${subnet.id} is not on network ${networkId}`);
      }
      if (typeof entry.ip_address !== 'string') {
        throw new InvalidInput(
          `fixed_ips[${index}] has no ip_address (ml2ts allocates no addresses: give one of ${subnet.cidr})`,
        );
      }
      if (!ipv4InCidr(entry.ip_address, subnet.cidr)) {
        throw new InvalidIpForSubnet(entry.ip_address, subnet.id, subnet.cidr);
      }
      const taken = await portRepositoryFor(manager).fixedIpInUse(
        networkId,
        subnet.id,
        entry.ip_address,
      );
      if (taken) throw new IpAddressInUse(entry.ip_address, networkId);
      result.push({ ip_address: entry.ip_address, subnet_id: subnet.id });
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

function providerSegmentRequest(
  source: {
    'provider:network_type'?: string | null;
    'provider:physical_network'?: string | null;
    'provider:segmentation_id'?: number | null;
  },
  prefix = '',
): SegmentRequest | undefined {
  const networkType = source['provider:network_type'];
  const physicalNetwork = source['provider:physical_network'];
  const segmentationId = source['provider:segmentation_id'];
  if (networkType === undefined && physicalNetwork === undefined && segmentationId === undefined) {
    return undefined;
  }
  optionalString(networkType ?? undefined, `${prefix}provider:network_type`);
  optionalString(physicalNetwork ?? undefined, `${prefix}provider:physical_network`);
  optionalInteger(segmentationId, `${prefix}provider:segmentation_id`);
  return {
    networkType: networkType ?? null,
    physicalNetwork: physicalNetwork ?? null,
    segmentationId: segmentationId ?? null,
  };
}

function validatePortAttributes(request: PortCreateRequest | PortUpdateRequest): void {
  optionalString(request.name, 'name');
  optionalString(request.device_id, 'device_id');
  optionalString(request.device_owner, 'device_owner');
  optionalString(request.dns_name, 'dns_name');
  optionalString(request.mac_address, 'mac_address');
  optionalBoolean(request.admin_state_up, 'admin_state_up');
  if ('network_id' in request && typeof request.network_id !== 'string') {
    throw new InvalidInput(`'${String(request.network_id)}' is not a valid network_id`);
  }
  if ('status' in request && request.status !== undefined) {
    if (!Object.values(PortStatus).includes(request.status as PortStatus)) {
      throw new InvalidInput(`status '${String(request.status)}' is not a port status`);
    }
  }
}

export type { BindingAttributes };
