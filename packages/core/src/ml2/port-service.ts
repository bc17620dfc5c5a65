import {
  type BindingLevelResource,
  type BindingTrace,
  BindingStatus,
  type Clock,
  type FixedIpResource,
  type IdGenerator,
  type Logger,
  MacAddressInUse,
  NetworkMacAddressGenerationFailure,
  NetworkNotFound,
  PortBindingAlreadyExists,
  PortBound,
  PortExists,
  PortNotFound,
  type PortCreateRequest,
  type PortListFilter,
  type PortResource,
  PortStatus,
  type PortUpdateRequest,
  mathRandomSource,
  type RandomSource,
  UNPLUGGED_VIF_TYPES,
  VifType,
  VnicType,
} from '@ml2ts/driver-api';
import { type Port, type PortBinding, type Subnet } from '@ml2ts/store';
import { type MechanismManager } from '../binding/mechanism-manager';
import { type PortRepository } from '../repositories/port-repository';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';
import { claimAddresses, retryLostAddressRaces } from '../ipam/address-race';
import {
  assignFixedIps,
  type AssignedFixedIps,
  type FixedIpPort,
  type FixedIpsRequested,
} from '../ipam/assign-fixed-ips';
import { macOnBase } from '../support/mac-address';
import { applyBindingAttributes } from './binding-inputs';
import { type Notifier } from './notifier';
import { type PortBinder } from './port-binder';
import { type PortContextFactory } from './port-context-factory';
import { levelsForHost, loadPortState, portStateOf, type PortState } from './port-state';
import { storedAllowedAddressPairs } from './allowed-address-pairs';
import { DefaultSecurityGroups } from './default-security-groups';
import { securityGroupsOfNewPort, securityGroupsOfUpdate } from './port-security-groups';
import { addProvisioningBlocks } from './provisioning';
import { refuseFixedPortAttributes } from './refuse-fixed-port-attributes';
import { toPortResource, toPortView, toSegmentResource } from './view-mappers';

/** What the port service is built from; the engine wires it. */
export interface PortServiceParts {
  readonly repositories: Repositories;
  readonly mechanisms: MechanismManager;
  readonly contexts: PortContextFactory;
  readonly binder: PortBinder;
  readonly notifier: Notifier;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where free addresses are chosen at random; default `Math.random`. */
  readonly random?: RandomSource;
  /** `DEFAULT.base_mac`, which generated MAC addresses start with; default `fa:16:3e:00:00:00`. */
  readonly baseMac?: string;
}

/**
 * Ports: create, update, delete and read them. Each write is one transaction through the
 * repositories (the drivers' pre-commit hooks inside it), then the post-commit hooks, then the
 * binder, which binds outside any transaction and commits optimistically. Arguments are
 * checked by the plugin's operation guard before they get here. Every method opens its own
 * units of work and must not be called inside one; a throw is an `Ml2Error` and leaves the
 * database as it was.
 */
export class PortService {
  private readonly repositories: Repositories;
  private readonly mechanisms: MechanismManager;
  private readonly contexts: PortContextFactory;
  private readonly binder: PortBinder;
  private readonly notifier: Notifier;
  private readonly ids: IdGenerator;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly random: RandomSource;
  private readonly baseMac: string;
  /** Projects' default security groups, which ports join unless they say otherwise. */
  private readonly defaultSecurityGroups: DefaultSecurityGroups;

  constructor(parts: PortServiceParts) {
    this.repositories = parts.repositories;
    this.mechanisms = parts.mechanisms;
    this.contexts = parts.contexts;
    this.binder = parts.binder;
    this.notifier = parts.notifier;
    this.ids = parts.ids;
    this.clock = parts.clock;
    this.logger = parts.logger;
    this.random = parts.random ?? mathRandomSource;
    this.baseMac = parts.baseMac ?? 'fa:16:3e:00:00:00';
    this.defaultSecurityGroups = new DefaultSecurityGroups(parts.ids, parts.clock);
  }

  /**
   * Creates a port (status DOWN, an ACTIVE binding row) and binds it when it has a host. Its
   * fixed IPs are assigned by the address management (see `assignFixedIps`); an address chosen
   * from the pools that another writer claimed first is chosen again (a new transaction, at
   * most `ADDRESS_RACE_ATTEMPTS` times). It joins its security groups (see
   * `securityGroupsOfNewPort`; the project's default group is created in the same transaction
   * when missing). A binding that fails is not an error: the port comes back with
   * `binding_failed`. Errors: InvalidInput / InvalidIpForSubnet / InvalidIpForNetwork /
   * AllocationOnAutoAddressSubnet / PortSecurityAndIPRequiredForSecurityGroups 400,
   * NetworkNotFound / SubnetNotFound / SecurityGroupNotFound 404, PortExists / MacAddressInUse /
   * IpAddressInUse / IpAddressGenerationFailure / SecurityGroupConflict 409,
   * MechanismDriverError 500, NetworkMacAddressGenerationFailure 503; on any error nothing of
   * the port remains.
   */
  async create(request: PortCreateRequest): Promise<PortResource> {
    return retryLostAddressRaces(() => this.createOnce(request));
  }

  /** One attempt of `create`; a lost address race fails its transaction, nothing committed. */
  private async createOnce(request: PortCreateRequest): Promise<PortResource> {
    const portId = request.id ?? this.ids.uuid();
    const macAddress = request.mac_address ?? null;
    const created = await this.repositories.transaction(async (unit) => {
      const rows = unit.ports;
      const network = await unit.networks.find(request.network_id);
      if (!network) throw new NetworkNotFound(String(request.network_id));
      if (await rows.portExists(portId)) {
        throw new PortExists(portId);
      }
      if (macAddress && (await rows.macInUse(network.id, macAddress))) {
        throw new MacAddressInUse(macAddress, network.id);
      }
      const projectId = request.project_id ?? network.projectId;
      const securityGroups = await securityGroupsOfNewPort(
        unit,
        this.defaultSecurityGroups,
        request,
        projectId,
      );
      const portMac = macAddress ?? (await this.freeMacAddress(rows, network.id));
      const addresses = await this.assignAddresses(
        unit,
        {
          networkId: network.id,
          macAddress: portMac,
          deviceOwner: request.device_owner ?? '',
          current: [],
        },
        request.fixed_ips ?? 'defaults',
      );
      const now = this.clock.now();
      const port: Port = {
        id: portId,
        networkId: network.id,
        projectId,
        name: request.name ?? '',
        macAddress: portMac,
        fixedIps: JSON.stringify(addresses.fixedIps),
        deviceId: request.device_id ?? '',
        deviceOwner: request.device_owner ?? '',
        status: request.status ?? PortStatus.DOWN,
        adminStateUp: request.admin_state_up ?? true,
        dnsName: request.dns_name ?? '',
        createdAt: now,
        description: request.description ?? '',
        allowedAddressPairs: storedAllowedAddressPairs(
          request.allowed_address_pairs ?? [],
          portMac,
        ),
        revisionNumber: 0,
        updatedAt: now,
      };
      await claimAddresses(addresses.picked, () => rows.insertPort(port));
      await unit.securityGroups.addPortToGroups(portId, securityGroups);
      if (request.tags && request.tags.length > 0) {
        await unit.tags.add('ports', portId, request.tags);
      }
      const binding: PortBinding = {
        portId,
        host: '',
        vnicType: VnicType.NORMAL,
        profile: '',
        vifType: VifType.UNBOUND,
        vifDetails: '',
        status: BindingStatus.ACTIVE,
        // The binding added with the port is the port's first change (as in Neutron, whose
        // ports come back from a create at revision 1); binding it is the next one.
        revisionNumber: 1,
        updatedAt: null,
      };
      applyBindingAttributes(binding, request);
      await rows.insertBinding(binding);
      const segments = await unit.networks.segments(network.id);
      const state = portStateOf(port, binding, [], network, segments);
      state.securityGroups = securityGroups;
      const context = await this.contexts.build(unit, state, {
        original: null,
        binding: 'stored',
      });
      await this.mechanisms.callPrecommit('createPortPrecommit', context);
      await addProvisioningBlocks(unit.ports, portId, context.provisioningBlocks);
      return { context, state, securityGroups };
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
      return toPortResource(
        state.port,
        state.binding,
        state.allLevels,
        request.tags ?? [],
        created.securityGroups,
      );
    } catch (error) {
      await this.removePortRows(portId);
      throw error;
    }
  }

  /**
   * Updates a port. A change of host, vnic type or profile clears the binding (status DOWN) and
   * binds again; any update re-attempts binding of a port with a host that is `unbound` or
   * `binding_failed`. `fixed_ips` replaces the port's addresses (the create rules apply; the
   * port's own current addresses are not "in use"; see `assignFixedIps`); a new MAC address
   * gives the port new EUI-64 addresses. `security_groups` replaces the port's groups (see
   * `securityGroupsOfUpdate`; a change tells the agents). `network_id` other than the stored one
   * is refused (400 AttributeNotUpdatable). Errors: InvalidInput / InvalidIpForSubnet /
   * InvalidIpForNetwork / AllocationOnAutoAddressSubnet /
   * PortSecurityAndIPRequiredForSecurityGroups 400, PortNotFound / SubnetNotFound /
   * SecurityGroupNotFound 404, PortBound / MacAddressInUse / IpAddressInUse /
   * IpAddressGenerationFailure / SecurityGroupConflict / PortSecurityPortHasSecurityGroup 409;
   * nothing is written on error.
   */
  async update(portId: string, request: PortUpdateRequest): Promise<PortResource> {
    return retryLostAddressRaces(() => this.updateOnce(portId, request));
  }

  /** One attempt of `update`; a lost address race fails its transaction, nothing committed. */
  private async updateOnce(portId: string, request: PortUpdateRequest): Promise<PortResource> {
    const updated = await this.repositories.transaction(async (unit) => {
      const stored = await loadPortState(unit, portId, {
        withTags: true,
        withSecurityGroups: true,
      });
      if (!stored) throw new PortNotFound(portId);
      refuseFixedPortAttributes(request, stored.port);
      const currentGroups = stored.securityGroups ?? [];
      const newGroups = await securityGroupsOfUpdate(unit, request, currentGroups);
      const original = toPortView(stored.port, stored.binding, stored.allLevels);
      const originalLevels = this.contexts.levelViews(
        stored,
        levelsForHost(stored, stored.binding.host),
      );
      const change = await this.applyUpdate(unit, stored, request);
      await claimAddresses(change.addressPicked, () => writeUpdate(unit.ports, change));
      if (newGroups !== null) {
        await unit.securityGroups.removePortFromGroups(portId);
        await unit.securityGroups.addPortToGroups(portId, newGroups);
      }
      const context = await this.contexts.build(unit, change.state, {
        original,
        originalLevels,
        binding: 'stored',
      });
      await this.mechanisms.callPrecommit('updatePortPrecommit', context);
      await addProvisioningBlocks(unit.ports, portId, context.provisioningBlocks);
      return {
        context,
        original,
        // Agents hear of a change of groups as of any other change of the port.
        needNotify: change.needNotify || newGroups !== null,
        tags: stored.tags ?? [],
        securityGroups: newGroups ?? currentGroups,
      };
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
      securityGroups: updated.securityGroups,
    });
    if (!state) throw new PortNotFound(portId);
    return toPortResource(
      state.port,
      state.binding,
      state.allLevels,
      updated.tags,
      updated.securityGroups,
    );
  }

  /**
   * Applies an update request to the stored port and binding (in memory, checking a new MAC
   * address and new fixed IPs against the database), and says what changed. Inside the update's
   * transaction; writes nothing.
   */
  private async applyUpdate(
    unit: UnitOfWork,
    stored: PortState,
    request: PortUpdateRequest,
  ): Promise<PortChange> {
    const { port, binding } = stored;
    let needNotify = false;
    let fixedIpsChanged = false;
    let addressPicked = false;
    const originalMac = port.macAddress;
    const macAddress = request.mac_address ?? null;
    if (macAddress && macAddress !== port.macAddress) {
      if (!UNPLUGGED_VIF_TYPES.includes(binding.vifType)) {
        throw new PortBound(port.id, binding.vifType);
      }
      if (await unit.ports.macInUse(port.networkId, macAddress)) {
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
      port.macAddress = await this.freeMacAddress(unit.ports, port.networkId);
    }
    // A new MAC address gives the port new EUI-64 addresses.
    const renumber = port.macAddress !== originalMac;
    if (request.fixed_ips !== undefined || renumber) {
      const addresses = await this.assignAddresses(
        unit,
        {
          networkId: port.networkId,
          macAddress: port.macAddress,
          deviceOwner: port.deviceOwner,
          current: parseStoredFixedIps(port.fixedIps),
          renumber,
        },
        request.fixed_ips ?? 'current',
      );
      addressPicked = addresses.picked;
      const fixedIps = JSON.stringify(addresses.fixedIps);
      if (fixedIps !== port.fixedIps) {
        port.fixedIps = fixedIps;
        fixedIpsChanged = true;
        needNotify = true;
      }
    }
    if (request.name !== undefined) port.name = request.name;
    if (request.description !== undefined) port.description = request.description;
    if (request.allowed_address_pairs !== undefined) {
      port.allowedAddressPairs = storedAllowedAddressPairs(
        request.allowed_address_pairs,
        port.macAddress,
      );
    }
    if (request.device_id !== undefined) port.deviceId = request.device_id;
    if (request.device_owner !== undefined) port.deviceOwner = request.device_owner;
    if (request.dns_name !== undefined) port.dnsName = request.dns_name;
    if (request.admin_state_up !== undefined && request.admin_state_up !== port.adminStateUp) {
      port.adminStateUp = request.admin_state_up;
      needNotify = true;
    }
    // The update's write moves the port row's revision (`writeUpdate`).
    port.updatedAt = this.clock.now();
    port.revisionNumber += 1;
    const { changed: bindingChanged, originalHost } = applyBindingAttributes(binding, request);
    if (bindingChanged) {
      binding.vifType = VifType.UNBOUND;
      binding.vifDetails = '';
      port.status = PortStatus.DOWN;
      needNotify = true;
    }
    // What the unit of work holds once the change is written: the old host's levels are gone.
    const state: PortState = bindingChanged
      ? { ...stored, allLevels: stored.allLevels.filter((level) => level.host !== originalHost) }
      : stored;
    return { state, needNotify, fixedIpsChanged, addressPicked, bindingChanged, originalHost };
  }

  /**
   * Deletes a port (bindings, levels and blocks go with it) and tells the agents. Unknown ids
   * are ignored. Dynamic segments stay: their driver releases them.
   */
  async delete(portId: string): Promise<void> {
    const context = await this.repositories.transaction(async (unit) => {
      const state = await loadPortState(unit, portId);
      if (!state) return null;
      const portContext = await this.contexts.build(unit, state, {
        original: toPortView(state.port, state.binding, state.allLevels),
        originalLevels: this.contexts.levelViews(
          state,
          state.allLevels.filter((level) => level.host === state.binding.host),
        ),
        binding: 'stored',
      });
      await this.mechanisms.callPrecommit('deletePortPrecommit', portContext);
      await unit.ports.delete(portId);
      await unit.tags.removeAll('ports', [portId]);
      return portContext;
    });
    if (!context) return;
    await this.mechanisms
      .callPostcommit('deletePortPostcommit', context, false)
      .catch((error: unknown) =>
        this.logger.error('delete_port_postcommit failed', { port: portId, error }),
      );
    const { deviceId, deviceOwner } = context.current;
    this.notifier.emit('portDelete', { portId, deviceId, deviceOwner });
  }

  /** One port with its binding attributes; PortNotFound 404. */
  async get(portId: string): Promise<PortResource> {
    const state = await this.repositories.read((unit) =>
      loadPortState(unit, portId, { withTags: true, withSecurityGroups: true }),
    );
    if (!state) throw new PortNotFound(portId);
    return toPortResource(
      state.port,
      state.binding,
      state.allLevels,
      state.tags ?? [],
      state.securityGroups ?? [],
    );
  }

  /** Ports, optionally filtered by network, device or bound host; an unknown filter is a 400. */
  async list(filter: PortListFilter = {}): Promise<PortResource[]> {
    return this.repositories.read(async (unit) => {
      const portIds = await unit.ports.listIds({
        networkId: filter.network_id,
        deviceId: filter.device_id,
        host: filter['binding:host_id'],
      });
      const tags = await unit.tags.tagsOf('ports', portIds);
      const groups = await unit.securityGroups.groupsOfPorts(portIds);
      const resources: PortResource[] = [];
      for (const portId of portIds) {
        const state = await loadPortState(unit, portId);
        if (!state) continue;
        resources.push(
          toPortResource(
            state.port,
            state.binding,
            state.allLevels,
            tags.get(portId) ?? [],
            groups.get(portId) ?? [],
          ),
        );
      }
      return resources;
    });
  }

  /** The binding levels of a port's ACTIVE binding, with their segments; PortNotFound 404. */
  async bindingLevels(portId: string): Promise<BindingLevelResource[]> {
    const state = await this.repositories.read((unit) => loadPortState(unit, portId));
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
  async explain(portId: string): Promise<BindingTrace | null> {
    const exists = await this.repositories.read((unit) => unit.ports.portExists(portId));
    if (!exists) throw new PortNotFound(portId);
    return this.binder.explain(portId);
  }

  /**
   * The fixed IPs of a port being created or updated, by the address management's rules (see
   * `assignFixedIps`), read in the caller's transaction: the network's subnets oldest first,
   * the `ipallocations` rows for what is held. Writes nothing.
   */
  private async assignAddresses(
    unit: UnitOfWork,
    port: FixedIpPort,
    requested: FixedIpsRequested,
  ): Promise<AssignedFixedIps> {
    const subnets = await unit.subnets.onNetwork(port.networkId);
    return assignFixedIps(port, requested, {
      subnets: oldestFirst(subnets),
      findSubnet: (subnetId) => unit.subnets.find(subnetId),
      allocations: {
        countAllocations: (subnetId) => unit.subnets.countAllocations(subnetId),
        allocatedAddresses: (subnetId) => unit.subnets.allocatedAddresses(subnetId),
        isAllocated: (subnetId, ipAddress) =>
          unit.ports.fixedIpInUse(port.networkId, subnetId, ipAddress),
      },
      random: this.random,
    });
  }

  private async freeMacAddress(rows: PortRepository, networkId: string): Promise<string> {
    for (let tries = 0; tries < 16; tries++) {
      const mac = macOnBase(this.baseMac, this.ids.macAddress());
      if (!(await rows.macInUse(networkId, mac))) return mac;
    }
    throw new NetworkMacAddressGenerationFailure(networkId);
  }

  private async removePortRows(portId: string): Promise<void> {
    await this.repositories.transaction(async (unit) => {
      await unit.ports.delete(portId);
      await unit.tags.removeAll('ports', [portId]);
    });
  }
}

/** What `applyUpdate` changed, for `writeUpdate` and the hooks. */
interface PortChange {
  /** The port as it is once the change is written. */
  readonly state: PortState;
  /** Agents must hear of the change (`port_update`). */
  readonly needNotify: boolean;
  readonly fixedIpsChanged: boolean;
  /** An address was chosen from the pools: writing it may lose a race (`claimAddresses`). */
  readonly addressPicked: boolean;
  /** Host, vnic type or profile changed: the binding row is replaced and its levels cleared. */
  readonly bindingChanged: boolean;
  /** The binding's host before the change. */
  readonly originalHost: string;
}

/** Writes what `applyUpdate` changed, inside the update's transaction. */
async function writeUpdate(ports: PortRepository, change: PortChange): Promise<void> {
  const { port, binding } = change.state;
  await ports.updatePort(port);
  if (change.fixedIpsChanged) await ports.replaceFixedIps(port);
  if (!change.bindingChanged) return;
  if (binding.host !== change.originalHost && binding.host !== '') {
    // A live migration's INACTIVE binding already holds that host: activate it instead.
    const held = await ports.bindings(port.id);
    if (held.some((other) => other.host === binding.host)) {
      throw new PortBindingAlreadyExists(port.id, binding.host);
    }
  }
  if (change.originalHost !== '') await ports.deleteLevels(port.id, change.originalHost);
  // The primary key includes the host: replace the ACTIVE row.
  await ports.deleteBinding(port.id, change.originalHost);
  await ports.insertBinding(binding);
}

/** Subnets by creation time, then id (the order ports take addresses from them in). */
function oldestFirst(subnets: readonly Subnet[]): Subnet[] {
  const time = (subnet: Subnet) => subnet.createdAt?.getTime() ?? 0;
  return [...subnets].sort((a, b) => time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
