import {
  ActivePortBindingNotDeletable,
  type BindingAttemptTrace,
  BindingStatus,
  type Clock,
  DeclineReason,
  DeviceOwner,
  Limits,
  type Logger,
  type PortBindingCreateRequest,
  PortBindingAlreadyActive,
  PortBindingAlreadyExists,
  PortBindingError,
  PortBindingNotFound,
  type PortBindingResource,
  PortBindingsNotSupported,
  PortNotFound,
  PortStatus,
  VifType,
  VnicType,
} from '@ml2ts/driver-api';
import { isUniqueViolation, type Port, type PortBinding } from '@ml2ts/store';
import { type EnginePortContext } from '../binding/engine-port-context';
import { type MechanismManager } from '../binding/mechanism-manager';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';
import { applyBindingAttributes } from './binding-inputs';
import { emitStatusChange, type Notifier } from './notifier';
import { sortedBindings, toPortBindingResource } from './port-binding-resource';
import { type PortContextFactory } from './port-context-factory';
import { levelsForHost, loadPortState, type PortState } from './port-state';
import { addProvisioningBlocks } from './provisioning';
import { toPortView } from './view-mappers';

/** What the host-binding service is built from; the plugin hands over its own parts. */
export interface PortBindingServiceParts {
  readonly repositories: Repositories;
  readonly mechanisms: MechanismManager;
  readonly contexts: PortContextFactory;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** What an activation's transaction committed, for the work after it. */
interface CommittedActivation {
  readonly state: PortState;
  readonly context: EnginePortContext;
  readonly statusBefore: string;
  readonly previousHost: string;
}

/**
 * Thrown inside an activation's transaction when a conditional write finds that another process
 * changed the port's bindings since they were read: the transaction rolls back and the
 * activation starts again from a fresh read. Never leaves this module.
 */
class ActivationRaceLost extends Error {}

/**
 * A port's bindings per host (the `binding-extended` API, for live migration): list, show,
 * create (an INACTIVE binding bound for another host next to the ACTIVE one), activate (the
 * INACTIVE binding becomes ACTIVE, the ACTIVE one INACTIVE and unbound) and delete. Only compute
 * ports have them (400 `BadRequest` otherwise). Every method opens its own units of work and must
 * not be called inside one; a throw is an `Ml2Error` and leaves the database as it was.
 */
export class PortBindingService {
  private readonly repositories: Repositories;
  private readonly mechanisms: MechanismManager;
  private readonly contexts: PortContextFactory;
  private readonly notifier: Notifier;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(parts: PortBindingServiceParts) {
    this.repositories = parts.repositories;
    this.mechanisms = parts.mechanisms;
    this.contexts = parts.contexts;
    this.notifier = parts.notifier;
    this.clock = parts.clock;
    this.logger = parts.logger;
  }

  /**
   * Every binding of the port, by host, in one read. Errors: PortNotFound 404, BadRequest 400
   * (not a compute port).
   */
  async list(portId: string): Promise<PortBindingResource[]> {
    return this.repositories.read(async (unit) => {
      await computePort(unit, portId);
      return sortedBindings(await unit.ports.bindings(portId)).map(toPortBindingResource);
    });
  }

  /**
   * The port's binding for `host`, in one read. Errors: PortNotFound / PortBindingNotFound 404,
   * BadRequest 400 (not a compute port).
   */
  async get(portId: string, host: string): Promise<PortBindingResource> {
    return this.repositories.read(async (unit) => {
      await computePort(unit, portId);
      return toPortBindingResource(await bindingFor(unit, portId, host));
    });
  }

  /**
   * Adds a binding of the port for `request.host`: INACTIVE (the port keeps its ACTIVE binding,
   * untouched), bound for that host by the mechanism drivers outside any transaction, then saved
   * with its levels under that host in one transaction (the port's revision moves). With no host
   * (`''`) or on a network without static segments nothing is bound and the binding is saved
   * `unbound`. A binding that fails is an error here and nothing is saved (the dynamic segments
   * the attempt created are released). Errors: InvalidInput / BadRequest 400 (not a compute
   * port), PortNotFound 404, PortBindingAlreadyExists 409 (also when a concurrent create for the
   * host won), PortBindingError 500 (no driver bound the port on the host; `reasons` says why).
   */
  async create(portId: string, request: PortBindingCreateRequest): Promise<PortBindingResource> {
    for (let attempt = 1; attempt <= Limits.MAX_BIND_TRIES; attempt += 1) {
      const { state, context } = await this.repositories.read(async (unit) => {
        const current = await computePortState(unit, portId);
        if ((await unit.ports.bindings(portId)).some((row) => row.host === request.host)) {
          throw new PortBindingAlreadyExists(portId, request.host);
        }
        const inactive: PortState = { ...current, binding: newInactiveBinding(portId, request) };
        const fresh = await this.contexts.build(unit, inactive, {
          original: null,
          binding: 'fresh',
        });
        return { state: inactive, context: fresh };
      });
      if (state.binding.host !== '' && state.staticSegments.length > 0) {
        const { trace } = await this.mechanisms.bindPort(context, attempt);
        if (context.vifType === VifType.BINDING_FAILED) {
          await this.releaseCreatedSegments(context);
          throw new PortBindingError(portId, request.host, failureReasons(trace));
        }
      }
      const saved = await this.save(state.binding, context);
      await this.releaseCreatedSegments(context);
      if (saved) return toPortBindingResource(saved);
      this.logger.warn('A segment of the host binding was released meanwhile; binding again', {
        port: portId,
        host: request.host,
        attempt,
      });
    }
    throw new PortBindingError(portId, request.host);
  }

  /**
   * Makes the port's INACTIVE binding for `host` its ACTIVE one, in one transaction: the ACTIVE
   * binding is cleared (`unbound`, its levels deleted) and becomes INACTIVE, the INACTIVE one
   * becomes ACTIVE with its stored result and levels (not bound again), the port goes DOWN (its
   * revision moves), and the drivers' `updatePortPrecommit` runs (a throw rolls everything back).
   * The writes are conditional: when another process changed the bindings meanwhile, the
   * transaction rolls back and the activation starts again, at most `MAX_BIND_TRIES` times. After
   * the commit: `bindingDeactivate` (the previous host) and `bindingActivate` (`host`) for the
   * agents, then `updatePortPostcommit` (a MechanismDriverError 500 from it comes after the
   * activation was committed and announced). Errors: BadRequest 400 (not a compute port),
   * PortNotFound / PortBindingNotFound 404 (no INACTIVE binding for `host`),
   * PortBindingAlreadyActive 409, PortBindingError 500 (lost to concurrent changes every time),
   * MechanismDriverError 500.
   */
  async activate(portId: string, host: string): Promise<PortBindingResource> {
    for (let attempt = 1; attempt <= Limits.MAX_BIND_TRIES; attempt += 1) {
      let committed: CommittedActivation;
      try {
        committed = await this.repositories.transaction((unit) =>
          this.activateInUnit(unit, portId, host),
        );
      } catch (error) {
        if (!(error instanceof ActivationRaceLost)) throw error;
        this.logger.warn('Concurrent port binding operations failed on port', {
          port: portId,
          host,
          attempt,
        });
        continue;
      }
      const { state, context, statusBefore, previousHost } = committed;
      emitStatusChange(this.notifier, state.port, statusBefore, state.port.status);
      this.notifier.emit('bindingDeactivate', {
        portId,
        host: previousHost,
        networkId: state.port.networkId,
      });
      this.notifier.emit('bindingActivate', { portId, host });
      await this.mechanisms.callPostcommit('updatePortPostcommit', context, false);
      return toPortBindingResource(state.binding);
    }
    throw new PortBindingError(portId, host);
  }

  /**
   * Deletes the port's INACTIVE binding for `host` and its levels, in one transaction (the port's
   * revision moves). No driver hook runs; dynamic segments its levels used stay (their driver
   * releases them). Errors: BadRequest 400 (not a compute port), PortNotFound /
   * PortBindingNotFound 404, ActivePortBindingNotDeletable 409 (the ACTIVE binding: a port always
   * keeps one).
   */
  async delete(portId: string, host: string): Promise<void> {
    await this.repositories.transaction(async (unit) => {
      await computePort(unit, portId);
      const binding = await bindingFor(unit, portId, host);
      if (binding.status === BindingStatus.ACTIVE) {
        throw new ActivePortBindingNotDeletable(portId, host);
      }
      await unit.ports.deleteBinding(portId, host);
      await unit.ports.deleteLevels(portId, host);
      await unit.revisions.bump('ports', portId, this.clock.now());
    });
  }

  /**
   * Saves an INACTIVE binding with the result and levels of `context`, in one transaction. Null,
   * with nothing written, when a segment the attempt bound was released meanwhile (bind again).
   */
  private async save(
    binding: PortBinding,
    context: EnginePortContext,
  ): Promise<PortBinding | null> {
    const { portId, host } = binding;
    return this.repositories.transaction(async (unit) => {
      if (!(await unit.ports.portExists(portId))) throw new PortNotFound(portId);
      if ((await unit.ports.bindings(portId)).some((row) => row.host === host)) {
        throw new PortBindingAlreadyExists(portId, host);
      }
      const levels = context.pendingLevels();
      // Held until the commit: no other process releases them under the levels written here.
      const held = await unit.networks.lockExistingSegments(
        levels.map((level) => level.segment.id),
      );
      if (!levels.every((level) => held.has(level.segment.id))) return null;
      const details = context.vifDetails;
      const row: PortBinding = {
        ...binding,
        vifType: context.vifType,
        vifDetails: Object.keys(details).length === 0 ? '' : JSON.stringify(details),
      };
      try {
        await unit.ports.insertBinding(row);
      } catch (error) {
        // Another process saved a binding for the host after the check above.
        if (isUniqueViolation(error)) throw new PortBindingAlreadyExists(portId, host);
        throw error;
      }
      for (const level of levels) {
        await unit.ports.insertLevel({
          portId,
          host,
          level: level.level,
          driver: level.driver,
          segmentId: level.segment.id,
        });
      }
      await unit.revisions.bump('ports', portId, this.clock.now());
      return row;
    });
  }

  /** The activation's writes and pre-commit hooks, inside its transaction (see `activate`). */
  private async activateInUnit(
    unit: UnitOfWork,
    portId: string,
    host: string,
  ): Promise<CommittedActivation> {
    const stored = await computePortState(unit, portId);
    const previous = stored.binding;
    if (previous.host === host) throw new PortBindingAlreadyActive(portId, host);
    const rows = await unit.ports.bindings(portId);
    const target = rows.find((row) => row.host === host && row.status === BindingStatus.INACTIVE);
    if (!target) {
      // A concurrent activation of `host` may have committed between the two reads.
      const active = rows.some((row) => row.host === host && row.status === BindingStatus.ACTIVE);
      if (active) throw new PortBindingAlreadyActive(portId, host);
      throw new PortBindingNotFound(portId, host);
    }
    const now = this.clock.now();
    const original = toPortView(stored.port, previous, stored.allLevels);
    const originalLevels = this.contexts.levelViews(stored, levelsForHost(stored, previous.host));
    // The port's revision is its row's plus its ACTIVE binding's: the new ACTIVE binding carries
    // the count on, and the status write below adds this change.
    const activated: PortBinding = {
      ...target,
      status: BindingStatus.ACTIVE,
      revisionNumber: previous.revisionNumber,
      updatedAt: now,
    };
    const deactivated = await unit.ports.switchBindingStatus({
      portId,
      host: previous.host,
      fromStatus: BindingStatus.ACTIVE,
      status: BindingStatus.INACTIVE,
      vifType: VifType.UNBOUND,
      vifDetails: '',
      revisionNumber: previous.revisionNumber,
      updatedAt: previous.updatedAt,
    });
    if (!deactivated) throw new ActivationRaceLost();
    const promoted = await unit.ports.switchBindingStatus({
      portId,
      host,
      fromStatus: BindingStatus.INACTIVE,
      status: BindingStatus.ACTIVE,
      vifType: activated.vifType,
      vifDetails: activated.vifDetails,
      revisionNumber: activated.revisionNumber,
      updatedAt: now,
    });
    if (!promoted) throw new ActivationRaceLost();
    await unit.ports.deleteLevels(portId, previous.host);
    await unit.ports.updateStatus(portId, PortStatus.DOWN, now);
    const statusBefore = stored.port.status;
    const port: Port = {
      ...stored.port,
      status: PortStatus.DOWN,
      revisionNumber: stored.port.revisionNumber + 1,
      updatedAt: now,
    };
    const state: PortState = {
      ...stored,
      port,
      binding: activated,
      allLevels: stored.allLevels.filter((level) => level.host !== previous.host),
    };
    const context = await this.contexts.build(unit, state, {
      original,
      originalLevels,
      binding: 'stored',
    });
    await this.mechanisms.callPrecommit('updatePortPrecommit', context);
    await addProvisioningBlocks(unit.ports, portId, context.provisioningBlocks);
    return { state, context, statusBefore, previousHost: previous.host };
  }

  /**
   * Releases the dynamic segments an attempt created that no binding level uses, bottom level
   * first (each in its own transaction; a failure is logged).
   */
  private async releaseCreatedSegments(context: EnginePortContext): Promise<void> {
    for (const segmentId of [...context.createdDynamicSegmentIds].reverse()) {
      await context.releaseCreatedIfUnused(segmentId, this.logger);
    }
  }
}

/**
 * The port, checked to be a compute port, inside the caller's unit of work. PortNotFound 404,
 * BadRequest 400.
 */
async function computePort(unit: UnitOfWork, portId: string): Promise<Port> {
  const found = await unit.ports.findWithBinding(portId);
  if (!found) throw new PortNotFound(portId);
  refuseNonComputePort(found.port);
  return found.port;
}

/** As `computePort`, with the port's whole state (ACTIVE binding, levels, network). */
async function computePortState(unit: UnitOfWork, portId: string): Promise<PortState> {
  const state = await loadPortState(unit, portId);
  if (!state) throw new PortNotFound(portId);
  refuseNonComputePort(state.port);
  return state;
}

/** Host bindings are for compute ports only: 400 otherwise. */
function refuseNonComputePort(port: Port): void {
  if (!port.deviceOwner.startsWith(DeviceOwner.COMPUTE_PREFIX)) {
    throw new PortBindingsNotSupported(port.id);
  }
}

/** The port's binding row for `host` (any status); PortBindingNotFound 404. */
async function bindingFor(unit: UnitOfWork, portId: string, host: string): Promise<PortBinding> {
  const binding = (await unit.ports.bindings(portId)).find((row) => row.host === host);
  if (!binding) throw new PortBindingNotFound(portId, host);
  return binding;
}

/** The INACTIVE row a create starts from: the request's host, vnic type and profile, unbound. */
function newInactiveBinding(portId: string, request: PortBindingCreateRequest): PortBinding {
  const binding: PortBinding = {
    portId,
    host: request.host,
    vnicType: request.vnic_type ?? VnicType.NORMAL,
    profile: '',
    vifType: VifType.UNBOUND,
    vifDetails: '',
    status: BindingStatus.INACTIVE,
    // Counted only once it becomes ACTIVE (it then carries the ACTIVE binding's count on).
    revisionNumber: 0,
    updatedAt: null,
  };
  if (request.profile !== undefined) {
    applyBindingAttributes(binding, { 'binding:profile': request.profile });
  }
  return binding;
}

/** The distinct reason codes of a failed attempt's driver turns (`not_bound` when none). */
function failureReasons(attempt: BindingAttemptTrace): string[] {
  const reasons = new Set<string>();
  for (const entry of attempt.entries) {
    if (entry.decision === 'bound' || entry.decision === 'continued') continue;
    for (const reason of entry.reasons) reasons.add(reason.code);
  }
  if (reasons.size === 0) reasons.add(DeclineReason.NOT_BOUND);
  return [...reasons];
}
