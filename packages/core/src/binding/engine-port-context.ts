import {
  PortContextBase,
  type AgentView,
  type Logger,
  type BindingLevelView,
  type BindingProfile,
  type NetworkContext,
  type PartialSegment,
  type PortContext,
  type PortStatus,
  type PortView,
  type ProvisioningEntity,
  type Segment,
  type SubnetView,
  type TraceReason,
  type VifDetails,
  VifType,
} from '@ml2ts/driver-api';
import { type Agent, type Subnet } from '@ml2ts/store';
import { type TraceRecorder } from './trace-recorder';
import { TurnPortContext } from './turn-port-context';

/** What a port context asks the engine for; implemented by the plugin. */
export interface PortContextServices {
  /**
   * Finds or creates the network's dynamic segment, in its own transaction. `created` tells
   * whether this call stored a new segment.
   */
  allocateDynamicSegment(
    networkId: string,
    partial: PartialSegment,
  ): Promise<{ segment: Segment; created: boolean }>;
  releaseDynamicSegment(segmentId: string): Promise<void>;
  isSegmentInUse(segmentId: string): Promise<boolean>;
}

/** The binding under construction. */
export interface PendingBinding {
  host: string;
  vnicType: string;
  profile: BindingProfile;
  /** The serialized profile exactly as stored, for the optimistic commit comparison. */
  serializedProfile: string;
  vifType: string;
  vifDetails: VifDetails;
  /** Status the bottom driver asked for in `setBinding`. */
  requestedStatus: PortStatus | undefined;
}

/** One level pushed during an attempt. */
export interface PendingLevel {
  level: number;
  driver: string;
  segment: Segment;
}

/** Everything a context is built from. */
export interface PortContextInit {
  current: PortView;
  original: PortView | null;
  network: NetworkContext;
  binding: PendingBinding;
  /** Levels stored for the binding's host (empty for a fresh attempt). */
  levels: readonly BindingLevelView[];
  originalLevels: readonly BindingLevelView[];
  fixedIpSubnets: readonly SubnetView[];
  /** Every agent on the binding's host, any type. */
  hostAgents: readonly AgentView[];
  services: PortContextServices;
  /** The stored rows the context was built from, so later contexts of the same unit reuse them. */
  rows: ContextRows;
  /**
   * Dynamic segments the network already has, which drivers may hand to a lower level without
   * allocating them again. Optional: drivers normally get them from `allocateDynamicSegment`.
   */
  dynamicSegments?: readonly Segment[];
}

/** The rows a context needs besides the port state: the host's agents, the fixed IPs' subnets. */
export interface ContextRows {
  readonly agents: readonly Agent[];
  readonly subnets: readonly Subnet[];
}

/** The vif a binding attempt had before a driver's turn, to put back when the driver times out. */
export interface BindingSnapshot {
  readonly vifType: string;
  readonly vifDetails: VifDetails;
  readonly requestedStatus: PortStatus | undefined;
}

/**
 * The engine's `PortContext`. Port hooks get it as it is; during a binding attempt it carries
 * the attempt's state (levels, vif, segments it created), which only the MechanismManager
 * touches, and each driver's `bindPort` gets its own `TurnPortContext` over it (`beginTurn`).
 */
export class EnginePortContext extends PortContextBase implements PortContext {
  readonly current: PortView;
  readonly original: PortView | null;
  readonly network: NetworkContext;
  readonly fixedIpSubnets: readonly SubnetView[];
  readonly originalBindingLevels: readonly BindingLevelView[];
  readonly binding: PendingBinding;
  /** Provisioning blocks asked for by pre-commit hooks. */
  readonly provisioningBlocks = new Set<ProvisioningEntity>();
  /** Ids of dynamic segments this context created (not merely found). */
  readonly createdDynamicSegmentIds = new Set<string>();
  /** The stored rows the context was built from (agents of the host, subnets). */
  readonly rows: ContextRows;

  private readonly agents: readonly AgentView[];
  private readonly services: PortContextServices;
  private levels: Array<BindingLevelView & { segment: Segment | null }>;
  /** Every segment of the network this context has seen, by id (see `knownSegment`). */
  private readonly knownSegments = new Map<string, Segment>();

  constructor(init: PortContextInit) {
    super();
    this.current = init.current;
    this.original = init.original;
    this.network = init.network;
    this.binding = init.binding;
    this.levels = [...init.levels];
    this.originalBindingLevels = init.originalLevels;
    this.fixedIpSubnets = init.fixedIpSubnets;
    this.agents = init.hostAgents;
    this.services = init.services;
    this.rows = init.rows;
    const seen = [
      ...this.network.networkSegments,
      ...(init.dynamicSegments ?? []),
      ...[...init.levels, ...init.originalLevels].map((level) => level.segment),
    ];
    for (const segment of seen) if (segment) this.knownSegments.set(segment.id, segment);
  }

  /**
   * The segment `segmentId` if this context knows it as a segment of its network: a static
   * segment, a given dynamic segment, one of a binding level, or one `allocateDynamicSegment`
   * returned. A binding may only descend to such segments: any other could not be committed.
   */
  knownSegment(segmentId: string): Segment | undefined {
    return this.knownSegments.get(segmentId);
  }

  /** Empty: only the `TurnPortContext` of a `bindPort` call offers segments. */
  get segmentsToBind(): readonly Segment[] {
    return [];
  }
  get bindingLevels(): readonly BindingLevelView[] {
    return this.levels;
  }

  hostAgents(agentType: string): readonly AgentView[] {
    return this.agents.filter((agent) => agent.agentType === agentType);
  }

  /**
   * In a port hook (outside `bindPort`): writes the vif of this context's copy of the binding,
   * which nothing stores. `bindPort` gets a `TurnPortContext`, whose `setBinding` binds.
   */
  setBinding(
    _segmentId: string | null,
    vifType: string,
    vifDetails: VifDetails,
    status?: PortStatus,
  ): void {
    this.binding.vifType = vifType;
    this.binding.vifDetails = { ...vifDetails };
    this.binding.requestedStatus = status;
  }

  /** In a port hook (outside `bindPort`): ignored. */
  continueBinding(_segmentId: string, _nextSegments: readonly Segment[]): void {}

  async allocateDynamicSegment(partial: PartialSegment): Promise<Segment> {
    return (await this.allocateRecorded(partial)).segment;
  }

  releaseDynamicSegment(segmentId: string): Promise<void> {
    this.createdDynamicSegmentIds.delete(segmentId);
    return this.services.releaseDynamicSegment(segmentId);
  }

  isSegmentInUse(segmentId: string): Promise<boolean> {
    return this.services.isSegmentInUse(segmentId);
  }

  /** In a port hook (outside `bindPort`): ignored. */
  decline(_reason: TraceReason): void {}

  addProvisioningBlock(entity: ProvisioningEntity): void {
    this.provisioningBlocks.add(entity);
  }

  // ---- attempt state, for the MechanismManager only ----

  /** Starts an attempt: no levels, vif_type `unbound`. */
  startAttempt(): void {
    this.levels = [];
    this.binding.vifType = VifType.UNBOUND;
    this.binding.vifDetails = {};
    this.binding.requestedStatus = undefined;
  }

  /**
   * Opens `driver`'s turn at the current level (the number of levels bound so far) with the
   * segments it may bind, reasons going to `recorder`'s open entry. The returned context is the
   * one to pass to `bindPort`; seal it when the call ends.
   */
  beginTurn(
    driver: string,
    segments: readonly Segment[],
    recorder: TraceRecorder,
    logger: Logger,
  ): TurnPortContext {
    return new TurnPortContext(this, driver, this.levels.length, segments, recorder, logger);
  }

  /** The vif as it is now, for `restoreBinding`. */
  snapshotBinding(): BindingSnapshot {
    const { vifType, vifDetails, requestedStatus } = this.binding;
    return { vifType, vifDetails, requestedStatus };
  }

  /** Puts back a vif taken with `snapshotBinding` (after a turn whose result does not count). */
  restoreBinding(snapshot: BindingSnapshot): void {
    this.binding.vifType = snapshot.vifType;
    this.binding.vifDetails = snapshot.vifDetails;
    this.binding.requestedStatus = snapshot.requestedStatus;
  }

  /**
   * Finds or allocates the network's dynamic segment (its own transaction; may block) and
   * remembers it in `createdDynamicSegmentIds` when this call stored it.
   */
  async allocateRecorded(partial: PartialSegment): Promise<{ segment: Segment; created: boolean }> {
    const allocated = await this.services.allocateDynamicSegment(this.network.current.id, partial);
    if (allocated.created) this.createdDynamicSegmentIds.add(allocated.segment.id);
    this.knownSegments.set(allocated.segment.id, allocated.segment);
    return allocated;
  }

  /**
   * Releases a dynamic segment this context created when no binding level uses it (each in its
   * own unit of work; may block). A failure is logged, never thrown: the caller is already
   * reporting a more useful error.
   */
  async releaseCreatedIfUnused(segmentId: string, logger: Logger): Promise<void> {
    try {
      if (await this.services.isSegmentInUse(segmentId)) return;
      this.createdDynamicSegmentIds.delete(segmentId);
      await this.services.releaseDynamicSegment(segmentId);
    } catch (error) {
      logger.warn('Could not release a dynamic segment allocated after its bindPort ended', {
        segment: segmentId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  pushLevel(level: PendingLevel): void {
    this.levels.push(level);
  }

  popLevel(): void {
    this.levels.pop();
  }

  /** The levels of the attempt, for the commit. */
  pendingLevels(): readonly PendingLevel[] {
    return this.levels.filter((level): level is PendingLevel => level.segment !== null);
  }

  /** Marks the attempt failed: `binding_failed`, details kept (Neutron does not reset them). */
  markFailed(): void {
    this.binding.vifType = VifType.BINDING_FAILED;
  }
}
