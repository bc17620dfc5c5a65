import {
  type BindingLevelResource,
  type BindingTrace,
  BindingStatus,
  type Clock,
  type FixedIpRequest,
  type FixedIpResource,
  type IdGenerator,
  InvalidAttribute,
  InvalidIpForSubnet,
  IpAddressInUse,
  type Logger,
  MacAddressInUse,
  NetworkMacAddressGenerationFailure,
  NetworkNotFound,
  PortBound,
  PortExists,
  PortNotFound,
  type PortCreateRequest,
  type PortListFilter,
  type PortResource,
  PortStatus,
  type PortUpdateRequest,
  SubnetNotFound,
  UNPLUGGED_VIF_TYPES,
  VifType,
  VnicType,
} from '@ml2ts/driver-api';
import { type Port, type PortBinding } from '@ml2ts/store';
import { type MechanismManager } from '../binding/mechanism-manager';
import { type PortRepository } from '../repositories/port-repository';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';
import { applyBindingAttributes } from './binding-inputs';
import { ipv4InCidr } from './ipv4';
import { type Notifier } from './notifier';
import { type PortBinder } from './port-binder';
import { type PortContextFactory } from './port-context-factory';
import { levelsForHost, loadPortState, portStateOf, type PortState } from './port-state';
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

  constructor(parts: PortServiceParts) {
    this.repositories = parts.repositories;
    this.mechanisms = parts.mechanisms;
    this.contexts = parts.contexts;
    this.binder = parts.binder;
    this.notifier = parts.notifier;
    this.ids = parts.ids;
    this.clock = parts.clock;
    this.logger = parts.logger;
  }

  /**
   * Creates a port (status DOWN, an ACTIVE binding row) and binds it when it has a host. A
   * binding that fails is not an error: the port comes back with `binding_failed`. Errors:
   * InvalidInput / InvalidIpForSubnet 400, NetworkNotFound / SubnetNotFound 404, PortExists /
   * MacAddressInUse / IpAddressInUse 409, MechanismDriverError 500,
   * NetworkMacAddressGenerationFailure 503; on any error nothing of the port remains.
   */
  async create(request: PortCreateRequest): Promise<PortResource> {
    const portId = request.id ?? this.ids.uuid();
    const macAddress = request.mac_address ?? null;
    const created = await this.repositories.transaction(async (unit) => {
      const rows = unit.ports;
      const network = await unit.networks.find(request.network_id);
      if (!network) throw new NetworkNotFound(String(request.network_id));
      if (await rows.portExists(portId)) {
        throw new PortExists(portId);
      }
      const fixedIps =
        request.fixed_ips === undefined
          ? []
          : await this.validateFixedIps(unit, network.id, request.fixed_ips, new Set());
      if (macAddress && (await rows.macInUse(network.id, macAddress))) {
        throw new MacAddressInUse(macAddress, network.id);
      }
      const port: Port = {
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
      };
      await rows.insertPort(port);
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
      const segments = await unit.networks.segments(network.id);
      const state = portStateOf(port, binding, [], network, segments);
      const context = await this.contexts.build(unit, state, {
        original: null,
        binding: 'stored',
      });
      await this.mechanisms.callPrecommit('createPortPrecommit', context);
      await addProvisioningBlocks(unit.ports, portId, context.provisioningBlocks);
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
  async update(portId: string, request: PortUpdateRequest): Promise<PortResource> {
    const updated = await this.repositories.transaction(async (unit) => {
      const stored = await loadPortState(unit, portId);
      if (!stored) throw new PortNotFound(portId);
      refuseFixedPortAttributes(request, stored.port);
      const original = toPortView(stored.port, stored.binding, stored.allLevels);
      const originalLevels = this.contexts.levelViews(
        stored,
        levelsForHost(stored, stored.binding.host),
      );
      const change = await this.applyUpdate(unit, stored, request);
      await writeUpdate(unit.ports, change);
      const context = await this.contexts.build(unit, change.state, {
        original,
        originalLevels,
        binding: 'stored',
      });
      await this.mechanisms.callPrecommit('updatePortPrecommit', context);
      await addProvisioningBlocks(unit.ports, portId, context.provisioningBlocks);
      return { context, original, needNotify: change.needNotify };
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
    if (request.fixed_ips !== undefined) {
      const own = new Set(parseStoredFixedIps(port.fixedIps).map(fixedIpKey));
      const fixedIps = JSON.stringify(
        await this.validateFixedIps(unit, port.networkId, request.fixed_ips, own),
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
    return { state, needNotify, fixedIpsChanged, bindingChanged, originalHost };
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
  async get(portId: string): Promise<PortResource> {
    const state = await this.repositories.read((unit) => loadPortState(unit, portId));
    if (!state) throw new PortNotFound(portId);
    return toPortResource(state.port, state.binding, state.allLevels);
  }

  /** Ports, optionally filtered by network, device or bound host; an unknown filter is a 400. */
  async list(filter: PortListFilter = {}): Promise<PortResource[]> {
    return this.repositories.read(async (unit) => {
      const portIds = await unit.ports.listIds({
        networkId: filter.network_id,
        deviceId: filter.device_id,
        host: filter['binding:host_id'],
      });
      const resources: PortResource[] = [];
      for (const portId of portIds) {
        const state = await loadPortState(unit, portId);
        if (state) resources.push(toPortResource(state.port, state.binding, state.allLevels));
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
   * Checks requested fixed IPs against the database, in the caller's transaction: each names a
   * subnet of `networkId` and an address inside it that no port other than the one being
   * updated holds (`own`: keys of its current addresses), and no address is requested twice.
   * Shapes and formats were checked by the request schema.
   */
  private async validateFixedIps(
    unit: UnitOfWork,
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
      const subnet = await unit.subnets.find(entry.subnet_id);
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
        const taken = await unit.ports.fixedIpInUse(networkId, subnet.id, entry.ip_address);
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
    await this.repositories.transaction((unit) => unit.ports.delete(portId));
  }
}

/** What `applyUpdate` changed, for `writeUpdate` and the hooks. */
interface PortChange {
  /** The port as it is once the change is written. */
  readonly state: PortState;
  /** Agents must hear of the change (`port_update`). */
  readonly needNotify: boolean;
  readonly fixedIpsChanged: boolean;
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
  if (change.originalHost !== '') await ports.deleteLevels(port.id, change.originalHost);
  // The primary key includes the host: replace the ACTIVE row.
  await ports.deleteBinding(port.id, change.originalHost);
  await ports.insertBinding(binding);
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
