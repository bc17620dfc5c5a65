import {
  type AgentView,
  type BindingLevelView,
  type BindPortEnding,
  InvalidBindingResult,
  Limits,
  type Logger,
  type NetworkContext,
  type PartialSegment,
  type PortContext,
  PortContextBase,
  PortContextSealed,
  PortStatus,
  type PortView,
  type ProvisioningEntity,
  type Segment,
  type SubnetView,
  type TraceReason,
  type VifDetails,
} from '@ml2ts/driver-api';
import { checkVifDetails } from './check-vif-details';
import { type EnginePortContext, type PendingBinding } from './engine-port-context';
import { type TraceRecorder } from './trace-recorder';

/** What a driver did in its turn, as the MechanismManager reads it once the turn is sealed. */
export interface TurnOutcome {
  /** The offered segment it bound or continued from; null when it did not bind. */
  readonly boundSegment: Segment | null;
  /** The segments it handed to the next level (`continueBinding`); null after `setBinding`. */
  readonly nextSegments: readonly Segment[] | null;
  /** The first invalid result it gave; when set, the turn counts as the driver's error. */
  readonly violation: InvalidBindingResult | null;
}

const PORT_STATUSES: readonly string[] = Object.values(PortStatus);

/**
 * The `PortContext` one driver gets for one `bindPort` call (one turn at one level). Reads go to
 * the attempt's `EnginePortContext`, so the driver sees the attempt as it is; the binding
 * methods check the driver's result before it counts (see `setBinding`, `continueBinding`).
 *
 * Once the MechanismManager seals the turn (the call returned, threw or missed `[ml2]
 * driver_timeout`), `setBinding`, `continueBinding`, `decline`, `allocateDynamicSegment` and
 * `releaseDynamicSegment` throw `PortContextSealed` and change nothing. Each turn has its own
 * handle, so a driver that kept the context of an earlier turn cannot write into another
 * driver's turn. Runs outside any transaction; only the segment methods may block.
 */
export class TurnPortContext extends PortContextBase implements PortContext {
  readonly current: PortView;
  readonly original: PortView | null;
  readonly network: NetworkContext;
  readonly fixedIpSubnets: readonly SubnetView[];
  readonly originalBindingLevels: readonly BindingLevelView[];
  readonly binding: PendingBinding;

  private ending: BindPortEnding | null = null;
  private boundSegment: Segment | null = null;
  private nextSegments: readonly Segment[] | null = null;
  private violation: InvalidBindingResult | null = null;

  constructor(
    private readonly attempt: EnginePortContext,
    /** The driver whose turn this is. */
    readonly driverName: string,
    /** The level of the turn (0 = top). */
    readonly level: number,
    /** The segments offered at this level. */
    readonly segmentsToBind: readonly Segment[],
    private readonly recorder: TraceRecorder,
    private readonly logger: Logger,
  ) {
    super();
    this.current = attempt.current;
    this.original = attempt.original;
    this.network = attempt.network;
    this.fixedIpSubnets = attempt.fixedIpSubnets;
    this.originalBindingLevels = attempt.originalBindingLevels;
    this.binding = attempt.binding;
  }

  /** Levels bound so far in the attempt, read live. */
  get bindingLevels(): readonly BindingLevelView[] {
    return this.attempt.bindingLevels;
  }

  /** The host's agents of `agentType`; a snapshot read, never blocks. */
  hostAgents(agentType: string): readonly AgentView[] {
    return this.attempt.hostAgents(agentType);
  }

  /**
   * Binds an offered segment (or, with null, writes the vif without binding). Throws
   * `PortContextSealed` after the turn, `InvalidBindingResult` (changing nothing) for a segment
   * not offered, a vif_type that is not a non-empty string of at most
   * `Limits.MAX_VIF_TYPE_LENGTH` characters, vif_details `checkVifDetails` refuses, or a status
   * that is not a `PortStatus`. The stored details are a detached copy.
   */
  setBinding(
    segmentId: string | null,
    vifType: string,
    vifDetails: VifDetails,
    status?: PortStatus,
  ): void {
    const method = 'setBinding';
    this.requireOpen(method);
    const segment = segmentId === null ? null : this.offered(method, segmentId);
    if (typeof vifType !== 'string' || vifType === '') {
      throw this.invalid(method, `vif_type must be a non-empty string, not ${describe(vifType)}`);
    }
    if (vifType.length > Limits.MAX_VIF_TYPE_LENGTH) {
      throw this.invalid(
        method,
        `vif_type has ${vifType.length} characters; at most ${Limits.MAX_VIF_TYPE_LENGTH} fit the vif_type column`,
      );
    }
    if (status !== undefined && !PORT_STATUSES.includes(status)) {
      throw this.invalid(
        method,
        `status ${describe(status)} is not a port status (${PORT_STATUSES.join(', ')})`,
      );
    }
    const checked = checkVifDetails(vifDetails);
    if (!checked.ok) throw this.invalid(method, checked.problem);
    // Neutron keeps whatever a driver wrote even when it did not bind, until another overwrites it.
    this.binding.vifType = vifType;
    this.binding.vifDetails = checked.details;
    this.binding.requestedStatus = status;
    this.boundSegment = segment;
    this.nextSegments = null;
  }

  /**
   * Binds an offered segment partially and hands `nextSegments` to the next level. Throws
   * `PortContextSealed` after the turn, `InvalidBindingResult` (changing nothing) for a segment
   * not offered or a next segment the attempt does not know as a segment of this network (see
   * `EnginePortContext.knownSegment`: a made-up one could never be committed). The next level
   * gets the engine's own copies of the segments, whatever else the driver's objects hold.
   */
  continueBinding(segmentId: string, nextSegments: readonly Segment[]): void {
    const method = 'continueBinding';
    this.requireOpen(method);
    const segment = this.offered(method, segmentId);
    if (!Array.isArray(nextSegments)) {
      throw this.invalid(method, `nextSegments must be an array, not ${describe(nextSegments)}`);
    }
    const known = nextSegments.map((next: unknown, index) => {
      const id = (next as { id?: unknown } | null)?.id;
      const found = typeof id === 'string' ? this.attempt.knownSegment(id) : undefined;
      if (found) return found;
      throw this.invalid(
        method,
        `nextSegments[${index}] (${typeof id === 'string' ? id : describe(next)}) is neither a ` +
          `segment of network ${this.network.current.id} nor a dynamic segment from ` +
          'allocateDynamicSegment',
      );
    });
    this.boundSegment = segment;
    this.nextSegments = known;
  }

  /**
   * Adds a reason to this turn's trace entry; a reason that cannot be stored as JSON is replaced
   * by a note saying so. Throws `PortContextSealed` after the turn.
   */
  decline(reason: TraceReason): void {
    this.requireOpen('decline');
    this.recorder.reason(storableReason(reason));
  }

  /**
   * Finds or allocates a dynamic segment (its own transaction; may block). Throws
   * `PortContextSealed` after the turn without allocating; an allocation that completes after
   * the turn was sealed (the driver timed out meanwhile) is released again when this call
   * created it and no binding uses it, then throws `PortContextSealed` too.
   */
  async allocateDynamicSegment(partial: PartialSegment): Promise<Segment> {
    const method = 'allocateDynamicSegment';
    this.requireOpen(method);
    const { segment, created } = await this.attempt.allocateRecorded(partial);
    if (this.ending !== null) {
      if (created) await this.attempt.releaseCreatedIfUnused(segment.id, this.logger);
      throw this.sealed(method, this.ending);
    }
    return segment;
  }

  /** Releases a dynamic segment (its own transaction). Throws `PortContextSealed` after the turn. */
  releaseDynamicSegment(segmentId: string): Promise<void> {
    this.requireOpen('releaseDynamicSegment');
    return this.attempt.releaseDynamicSegment(segmentId);
  }

  /** True when some binding level uses the segment; allowed at any time (a read). */
  isSegmentInUse(segmentId: string): Promise<boolean> {
    return this.attempt.isSegmentInUse(segmentId);
  }

  /** Passed to the attempt's context, which no commit reads: provisioning blocks are a hook's. */
  addProvisioningBlock(entity: ProvisioningEntity): void {
    this.attempt.addProvisioningBlock(entity);
  }

  // ---- for the MechanismManager only ----

  /** Ends the turn: from now on the binding methods throw `PortContextSealed`. Idempotent. */
  seal(ending: BindPortEnding): void {
    this.ending ??= ending;
  }

  /** What the driver did in the turn. */
  outcome(): TurnOutcome {
    return {
      boundSegment: this.boundSegment,
      nextSegments: this.nextSegments,
      violation: this.violation,
    };
  }

  private requireOpen(method: string): void {
    if (this.ending !== null) throw this.sealed(method, this.ending);
  }

  private sealed(method: string, ending: BindPortEnding): PortContextSealed {
    const error = new PortContextSealed(this.driverName, method, ending);
    this.logger.warn(`Mechanism driver ${this.driverName} used a port context after bindPort`, {
      port: this.current.id,
      method,
      ending,
    });
    return error;
  }

  /** The offered segment `segmentId`; throws `InvalidBindingResult` when it was not offered. */
  private offered(method: string, segmentId: unknown): Segment {
    const segment = this.segmentsToBind.find((candidate) => candidate.id === segmentId);
    if (segment) return segment;
    const offered = this.segmentsToBind.map((candidate) => candidate.id).join(', ');
    throw this.invalid(
      method,
      `segment ${describe(segmentId)} was not offered at level ${this.level} (offered: ${offered || 'none'})`,
    );
  }

  /** Records the first invalid result of the turn and returns the error to throw. */
  private invalid(method: string, problem: string): InvalidBindingResult {
    const error = new InvalidBindingResult(this.driverName, method, problem);
    this.violation ??= error;
    this.logger.warn(`Mechanism driver ${this.driverName} gave an invalid binding result`, {
      port: this.current.id,
      error: error.message,
    });
    return error;
  }
}

/** `reason` as plain JSON data, or a note that it could not be stored. Never throws. */
function storableReason(reason: TraceReason): TraceReason {
  let code = 'unstorable_reason';
  try {
    if (typeof reason?.code === 'string' && reason.code !== '') code = reason.code;
    const copy = JSON.parse(JSON.stringify(reason)) as unknown;
    if (typeof copy === 'object' && copy !== null && !Array.isArray(copy)) {
      if ((copy as TraceReason).code === code) return copy as TraceReason;
    }
    return { code, message: `the driver gave a reason that is not an object with a code` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { code, message: `the driver gave a reason that cannot be stored as JSON: ${message}` };
  }
}

/** A value in words for messages: strings quoted, BigInts marked, objects by kind. */
function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
