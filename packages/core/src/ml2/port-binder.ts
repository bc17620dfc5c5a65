import {
  type BindingAttemptTrace,
  type BindingTrace,
  type Clock,
  DeclineReason,
  Limits,
  type Logger,
  MacAddressInUse,
  type PortView,
  UNPLUGGED_VIF_TYPES,
  VifType,
  VnicType,
} from '@ml2ts/driver-api';
import { type Port } from '@ml2ts/store';
import { type ContextRows, type EnginePortContext } from '../binding/engine-port-context';
import { type MechanismManager } from '../binding/mechanism-manager';
import { type IdGenerator } from '@ml2ts/driver-api';
import { normalizeMacAddress } from '../support/mac-address';
import { emitStatusChange, type EngineEvents, type Notifier } from './notifier';
import { type PortRepository } from '../repositories/port-repository';
import { type Repositories } from '../repositories/unit-of-work';
import { addProvisioningBlocks } from './provisioning';
import { type PortContextFactory } from './port-context-factory';
import { levelsForHost, loadPortState, type PortState } from './port-state';
import { toPortResource, toPortView } from './view-mappers';

/** True when the port has a host and is `unbound` or `binding_failed`. */
export function shouldBind(state: PortState): boolean {
  return state.binding.host !== '' && UNPLUGGED_VIF_TYPES.includes(state.binding.vifType);
}

/** Options of one `bindIfNeeded` run. */
export interface BindIfNeededOptions {
  /** The port before the API operation, for the drivers' `original`. */
  original: PortView | null;
  /** Cast `port_update` when the binding (or something else) changed. */
  allowNotify: boolean;
  /** The operation already changed something agents must hear about. */
  needNotify: boolean;
  /**
   * The port's state and context rows as the caller's just-committed unit of work left them,
   * to save the first read. The optimistic commit still checks them against the database.
   */
  initial?: { state: PortState; rows: ContextRows };
  /**
   * The port's security groups as the caller's unit of work left them, for the `port_update`
   * agents hear (the binder reads the port without them).
   */
  securityGroups?: readonly string[];
}

type CommitResult =
  | { kind: 'gone' }
  | { kind: 'lost'; state: PortState }
  | { kind: 'committed'; state: PortState; context: EnginePortContext; statusBefore: string };

/**
 * Binds ports: attempts run outside any transaction, results are committed optimistically
 * (only when the stored binding and its inputs did not change meanwhile). Unlike Neutron, a
 * failed attempt is not recomputed nine more times from the same inputs: only a commit that
 * finds the inputs changed leads to another attempt.
 */
export class PortBinder {
  constructor(
    private readonly repositories: Repositories,
    private readonly mechanisms: MechanismManager,
    private readonly contexts: PortContextFactory,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly notifier: Notifier,
    private readonly releaseIfUnused: (segmentIds: readonly string[]) => Promise<void>,
  ) {}

  /**
   * Binds the port when it has a host and is not bound, commits the result, and notifies agents
   * when allowed. Returns the port's state afterwards, or null when the port is gone. Must not be
   * called inside a unit of work. Throws only for a commit-time failure (a driver's pre- or
   * post-commit hook, a MAC conflict); a binding that fails is not an error.
   */
  async bindIfNeeded(portId: string, options: BindIfNeededOptions): Promise<PortState | null> {
    const loaded =
      options.initial ??
      (await this.repositories.read(async (unit) => {
        const found = await loadPortState(unit, portId);
        return found && { state: found, rows: await this.contexts.loadRows(unit, found) };
      }));
    if (!loaded) return null;
    let state = loaded.state;
    let rows: ContextRows | null = loaded.rows;
    let needNotify = options.needNotify;
    if (state.staticSegments.length === 0) {
      if (shouldBind(state)) await this.recordNotAttempted(state);
      return state;
    }
    let attempts = 0;
    while (shouldBind(state)) {
      if (attempts === Limits.MAX_BIND_TRIES) {
        this.logger.error('Failed to commit binding results', { port: portId, attempts });
        break;
      }
      attempts += 1;
      const attemptState = state;
      const attemptRows = rows;
      const context = await this.repositories.read((unit) =>
        this.contexts.build(unit, attemptState, {
          original: options.original,
          binding: 'fresh',
          rows: attemptRows ?? undefined,
        }),
      );
      rows = null; // a retry reads fresh rows
      const { trace } = await this.mechanisms.bindPort(context, attempts);
      const result = await this.commit(state, context, trace);
      if (result.kind === 'gone') {
        await this.releaseCreatedSegments(context);
        return null;
      }
      state = result.state;
      if (result.kind === 'committed') {
        needNotify = true;
        emitStatusChange(this.notifier, state.port, result.statusBefore, state.port.status);
        this.notifier.emit('portBound', portBoundEvent(state, trace));
        await this.afterCommit(result.context);
        // A failed (or partly bound) result keeps no level on what its lower levels allocated.
        await this.releaseCreatedSegments(context);
        break;
      }
      this.logger.warn('Concurrent port binding operations failed on port', { port: portId });
      await this.releaseCreatedSegments(context);
    }
    if (options.allowNotify && needNotify) {
      if (!state.securityGroups && options.securityGroups) {
        state.securityGroups = options.securityGroups;
      }
      this.notifyPortUpdate(state);
    }
    return state;
  }

  /** Casts `port_update` with the bottom bound segment; skipped when the port has no levels. */
  notifyPortUpdate(state: PortState): void {
    const levels = levelsForHost(state, state.binding.host);
    const bottom = levels.at(-1);
    const segment = bottom?.segmentId ? state.segmentsById.get(bottom.segmentId) : undefined;
    if (!segment) return;
    this.notifier.emit('portUpdate', {
      // Agents need no tags: those the state was read with, if any (security groups alike).
      port: toPortResource(
        state.port,
        state.binding,
        state.allLevels,
        state.tags ?? [],
        state.securityGroups ?? [],
      ),
      segment: {
        network_type: segment.networkType,
        segmentation_id: segment.segmentationId,
        physical_network: segment.physicalNetwork,
      },
    });
  }

  /** The stored trace of the port's last binding run, or null. */
  async explain(portId: string): Promise<BindingTrace | null> {
    const trace = await this.repositories.read((unit) => unit.ports.findTrace(portId));
    return trace === null ? null : (JSON.parse(trace) as BindingTrace);
  }

  private async commit(
    original: PortState,
    context: EnginePortContext,
    attempt: BindingAttemptTrace,
  ): Promise<CommitResult> {
    return this.repositories.transaction(async (unit): Promise<CommitResult> => {
      const current = await loadPortState(unit, original.port.id);
      if (!current) return { kind: 'gone' };
      const pendingLevels = context.pendingLevels();
      const unchanged =
        UNPLUGGED_VIF_TYPES.includes(current.binding.vifType) &&
        current.binding.host === original.binding.host &&
        current.binding.vnicType === original.binding.vnicType &&
        current.binding.profile === original.binding.profile;
      // A segment the attempt bound may have been released meanwhile: then the inputs changed.
      // Locked until the commit: no other process releases them under the levels written here.
      const rows = unit.ports;
      const held = await unit.networks.lockExistingSegments(
        pendingLevels.map((level) => level.segment.id),
      );
      const segmentsExist = pendingLevels.every((level) => held.has(level.segment.id));
      if (!unchanged || !segmentsExist) return { kind: 'lost', state: current };

      const { binding, port } = current;
      const statusBefore = port.status;
      const vifDetails =
        Object.keys(context.vifDetails).length === 0 ? '' : JSON.stringify(context.vifDetails);
      // The check above read this process's view; the conditional update is the one that counts
      // across processes: it writes only if the row still holds the inputs and is not bound.
      // It also moves the binding row's share of the port's revision (no write to `ports`).
      const committedAt = this.clock.now();
      const swapped = await rows.swapBindingResult({
        portId: port.id,
        host: binding.host,
        vnicType: original.binding.vnicType,
        profile: original.binding.profile,
        fromVifTypes: UNPLUGGED_VIF_TYPES,
        vifType: context.vifType,
        vifDetails,
        updatedAt: committedAt,
      });
      if (!swapped) return { kind: 'lost', state: (await loadPortState(unit, port.id)) ?? current };
      binding.vifType = context.vifType;
      binding.vifDetails = vifDetails;
      binding.revisionNumber += 1;
      binding.updatedAt = committedAt;
      await rows.deleteLevels(port.id, binding.host);
      for (const level of pendingLevels) {
        await rows.insertLevel({
          portId: port.id,
          host: binding.host,
          level: level.level,
          driver: level.driver,
          segmentId: level.segment.id,
        });
      }
      const macBefore = port.macAddress;
      if (binding.vnicType === VnicType.DIRECT_PHYSICAL) {
        await this.assignDirectPhysicalMac(rows, port, context);
      }
      const requestedStatus = context.binding.requestedStatus;
      if (pendingLevels.length > 0 && requestedStatus) port.status = requestedStatus;
      if (port.status !== statusBefore || port.macAddress !== macBefore) {
        // This commit's revision is already counted on the binding row.
        await rows.updatePort(port, { bumpRevision: false });
      }
      const committed: PortState = {
        ...current,
        allLevels: [
          ...current.allLevels.filter((level) => level.host !== binding.host),
          ...pendingLevels.map((level) => ({
            portId: port.id,
            host: binding.host,
            level: level.level,
            driver: level.driver,
            segmentId: level.segment.id,
          })),
        ].sort((a, b) => a.level - b.level),
      };
      const committedContext = await this.contexts.build(unit, committed, {
        original: toPortView(original.port, original.binding, original.allLevels),
        originalLevels: this.contexts.levelViews(
          original,
          levelsForHost(original, original.binding.host),
        ),
        binding: 'stored',
        rows: context.rows,
      });
      await this.mechanisms.callPrecommit('updatePortPrecommit', committedContext);
      await addProvisioningBlocks(rows, port.id, committedContext.provisioningBlocks);
      await this.saveTrace(rows, committed, [attempt]);
      return { kind: 'committed', state: committed, context: committedContext, statusBefore };
    });
  }

  /**
   * After an attempt: releases the dynamic segments it created that no binding level uses (all
   * of them when its result was not committed, those of failed branches when it was), bottom
   * level first (the reverse of allocation order, since each level allocates the segment it
   * hands to the level below).
   */
  private async releaseCreatedSegments(context: EnginePortContext): Promise<void> {
    await this.releaseIfUnused([...context.createdDynamicSegmentIds].reverse());
  }

  private async afterCommit(context: EnginePortContext): Promise<void> {
    await this.mechanisms.callPostcommit('updatePortPostcommit', context, false);
  }

  /** At commit, a `direct-physical` port takes the VF's MAC from the profile, or a new one. */
  private async assignDirectPhysicalMac(
    rows: PortRepository,
    port: Port,
    context: EnginePortContext,
  ): Promise<void> {
    const requested = context.profile['device_mac_address'];
    const mac =
      typeof requested === 'string' && requested !== ''
        ? (normalizeMacAddress(requested) ?? this.ids.macAddress())
        : this.ids.macAddress();
    if (mac === port.macAddress) return;
    if (await rows.macInUse(port.networkId, mac)) throw new MacAddressInUse(mac, port.networkId);
    port.macAddress = mac;
  }

  private async saveTrace(
    ports: PortRepository,
    state: PortState,
    attempts: BindingAttemptTrace[],
  ): Promise<void> {
    const failed = state.binding.vifType === VifType.BINDING_FAILED;
    const trace: BindingTrace = {
      portId: state.port.id,
      host: state.binding.host,
      vnicType: state.binding.vnicType,
      startedAt: this.clock.now().toISOString(),
      outcome: failed ? 'failed' : 'bound',
      vifType: state.binding.vifType,
      attempts,
    };
    await ports.upsertTrace(state.port.id, JSON.stringify(trace), this.clock.now());
  }

  private async recordNotAttempted(state: PortState): Promise<void> {
    const trace: BindingTrace = {
      portId: state.port.id,
      host: state.binding.host,
      vnicType: state.binding.vnicType,
      startedAt: this.clock.now().toISOString(),
      outcome: 'not_attempted',
      vifType: state.binding.vifType,
      note: 'the network has no static segments, so there is nothing to bind (the port stays unbound)',
      attempts: [],
    };
    await this.repositories.transaction(async (unit) => {
      if (!(await unit.ports.portExists(state.port.id))) return;
      await unit.ports.upsertTrace(state.port.id, JSON.stringify(trace), this.clock.now());
    });
  }
}

/** The `portBound` event of a committed attempt: its outcome and, when it failed, why. */
function portBoundEvent(state: PortState, attempt: BindingAttemptTrace): EngineEvents['portBound'] {
  const failed = state.binding.vifType === VifType.BINDING_FAILED;
  const reasons = new Set<string>();
  if (failed) {
    for (const entry of attempt.entries) {
      if (entry.decision === 'bound' || entry.decision === 'continued') continue;
      if (entry.reasons.length === 0) reasons.add(DeclineReason.NOT_BOUND);
      for (const reason of entry.reasons) reasons.add(reason.code);
    }
    if (reasons.size === 0) reasons.add(DeclineReason.NOT_BOUND);
  }
  return {
    portId: state.port.id,
    host: state.binding.host,
    vifType: state.binding.vifType,
    outcome: failed ? 'binding_failed' : 'bound',
    reasons: [...reasons],
  };
}
