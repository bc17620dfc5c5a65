import {
  PortContextBase,
  type AgentView,
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
}

/** The rows a context needs besides the port state: the host's agents, the fixed IPs' subnets. */
export interface ContextRows {
  readonly agents: readonly Agent[];
  readonly subnets: readonly Subnet[];
}

/**
 * The engine's `PortContext`. Besides the driver-facing contract it carries the state of one
 * binding attempt, which only the MechanismManager touches (`beginTurn`, `endTurn`, levels).
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
  private turn: {
    segments: readonly Segment[];
    boundSegmentId: string | null;
    nextSegments: readonly Segment[] | null;
  } | null = null;
  private recorder: TraceRecorder | null = null;

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
  }

  get segmentsToBind(): readonly Segment[] {
    return this.turn?.segments ?? [];
  }
  get bindingLevels(): readonly BindingLevelView[] {
    return this.levels;
  }

  hostAgents(agentType: string): readonly AgentView[] {
    return this.agents.filter((agent) => agent.agentType === agentType);
  }

  setBinding(
    segmentId: string | null,
    vifType: string,
    vifDetails: VifDetails,
    status?: PortStatus,
  ): void {
    // Neutron keeps whatever a driver wrote even when it did not bind, until another overwrites it.
    this.binding.vifType = vifType;
    this.binding.vifDetails = { ...vifDetails };
    this.binding.requestedStatus = status;
    if (this.turn) {
      this.turn.boundSegmentId = segmentId;
      this.turn.nextSegments = null;
    }
  }

  continueBinding(segmentId: string, nextSegments: readonly Segment[]): void {
    if (!this.turn) return;
    this.turn.boundSegmentId = segmentId;
    this.turn.nextSegments = [...nextSegments];
  }

  async allocateDynamicSegment(partial: PartialSegment): Promise<Segment> {
    const { segment, created } = await this.services.allocateDynamicSegment(
      this.network.current.id,
      partial,
    );
    if (created) this.createdDynamicSegmentIds.add(segment.id);
    return segment;
  }

  releaseDynamicSegment(segmentId: string): Promise<void> {
    this.createdDynamicSegmentIds.delete(segmentId);
    return this.services.releaseDynamicSegment(segmentId);
  }

  isSegmentInUse(segmentId: string): Promise<boolean> {
    return this.services.isSegmentInUse(segmentId);
  }

  decline(reason: TraceReason): void {
    if (this.turn) this.recorder?.reason(reason);
  }

  addProvisioningBlock(entity: ProvisioningEntity): void {
    this.provisioningBlocks.add(entity);
  }

  // ---- attempt state, for the MechanismManager only ----

  /** Starts an attempt: no levels, vif_type `unbound`, trace to `recorder`. */
  startAttempt(recorder: TraceRecorder): void {
    this.levels = [];
    this.recorder = recorder;
    this.binding.vifType = VifType.UNBOUND;
    this.binding.vifDetails = {};
    this.binding.requestedStatus = undefined;
  }

  /** Opens a driver's turn at a level with the segments it may bind. */
  beginTurn(segments: readonly Segment[]): void {
    this.turn = { segments, boundSegmentId: null, nextSegments: null };
  }

  /** Closes the turn and tells what the driver did. */
  endTurn(): { boundSegmentId: string | null; nextSegments: readonly Segment[] | null } {
    const turn = this.turn ?? { boundSegmentId: null, nextSegments: null };
    this.turn = null;
    return { boundSegmentId: turn.boundSegmentId, nextSegments: turn.nextSegments };
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
