import {
  PortContextBase,
  type PortBindingState,
  type AgentView,
  type BindingLevelView,
  type BindingProfile,
  type NetworkContext,
  type NetworkView,
  NoNetworkAvailable,
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
import { makePortView } from '../fixtures/make-port-view';
import { makeSegment } from '../fixtures/make-segment';

/** Everything a fake port context can be built from; every field is optional. */
export interface FakePortContextOptions {
  /** Fields of the port (`context.current`). See `makePortView` for the defaults. */
  readonly port?: Partial<PortView>;
  /**
   * The port before the update: fields merged over `current` (so `{ hostId: '' }` says "only the
   * host changed"). Default null, as on create.
   */
  readonly original?: Partial<PortView> | null;
  /** The binding's host; also sets `current.hostId`. Default `port.hostId`, else `host1`. */
  readonly host?: string;
  /** The binding's vnic type; also sets `current.vnicType`. Default `port.vnicType`, else `normal`. */
  readonly vnicType?: string;
  /** The binding's profile; also sets `current.profile`. Default `port.profile`, else `{}`. */
  readonly profile?: BindingProfile;
  /** The network's static segments. Default one `vxlan` segment with VNI 1001. */
  readonly segments?: readonly Segment[];
  /** Other network fields (id, mtu, vlanTransparent, ...). */
  readonly network?: Partial<Omit<NetworkView, 'segments'>>;
  /** The segments offered at this level. Default the static segments (level 0). */
  readonly segmentsToBind?: readonly Segment[];
  /** Subnets of the port's fixed IPs, one per fixed IP. Default none (no fixed IPs). */
  readonly fixedIpSubnets?: readonly SubnetView[];
  /**
   * Every registered agent, on any host; `hostAgents(type)` returns those on the binding's host
   * with that type. Build them with `makeAgent`.
   */
  readonly agents?: readonly AgentView[];
  /** Levels bound so far in this attempt (or, in post-commit hooks, the committed levels). */
  readonly bindingLevels?: readonly BindingLevelView[];
  /** Levels before the update or delete. Default none. */
  readonly originalBindingLevels?: readonly BindingLevelView[];
  /** Dynamic segments the network already has (shared by every port that asks for them). */
  readonly dynamicSegments?: readonly Segment[];
  /**
   * Ids of segments some binding level of some port uses, for `isSegmentInUse`. Default none.
   * Change it later with `setSegmentInUse`.
   */
  readonly segmentsInUse?: Iterable<string>;
  /**
   * Segmentation ids handed to newly allocated dynamic segments that do not ask for one, in
   * order. When they run out, allocation throws `NoNetworkAvailable`. Default 100, 101, ...,
   * 4094.
   */
  readonly dynamicSegmentationIds?: readonly number[];
  /**
   * Makes `allocateDynamicSegment` fail: an error to throw for every new allocation, or a
   * function returning the error to throw for a given request (undefined = succeed). Existing
   * dynamic segments are still found.
   */
  readonly allocationFailure?: Error | ((partial: PartialSegment) => Error | undefined);
}

/** One `setBinding` call. */
export interface SetBindingCall {
  readonly segmentId: string | null;
  readonly vifType: string;
  readonly vifDetails: VifDetails;
  readonly status: PortStatus | undefined;
}

/** One `continueBinding` call. */
export interface ContinueBindingCall {
  readonly segmentId: string;
  readonly nextSegments: readonly Segment[];
}

/**
 * What the driver did in its turn, judged the way the engine judges it: `bound` (a segment set
 * with `setBinding`), `continued` (a segment and a non-empty list of next segments), or `none`.
 * `continueBinding` with an empty list counts as `bound`, as in the engine.
 */
export type FakeBindingOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'bound'; readonly segmentId: string }
  | {
      readonly kind: 'continued';
      readonly segmentId: string;
      readonly nextSegments: readonly Segment[];
    };

/** Default ids for new dynamic segments: the whole VLAN range from 100. */
const DEFAULT_DYNAMIC_SEGMENTATION_IDS: readonly number[] = Array.from(
  { length: 4094 - 100 + 1 },
  (_, index) => 100 + index,
);

/**
 * A complete in-memory `PortContext` for mechanism driver unit tests. It behaves like the
 * engine's context for one driver turn, and records everything the driver asks for:
 * `setBindingCalls`, `continueBindingCalls`, `declines`, `provisioningBlocks`,
 * `allocationRequests`, `allocatedSegments`, `releasedSegmentIds`; `outcome` sums up the turn.
 *
 * Dynamic segments are allocated in memory with the engine's lookup rule: an existing dynamic
 * segment of the network with the same physical network and segmentation id (when given) is
 * returned, whatever its type; otherwise a new one is created with the next segmentation id.
 *
 * Build one with `createFakePortContext`. One context per test: it is not reset between calls.
 */
export class FakePortContext extends PortContextBase implements PortContext {
  readonly current: PortView;
  readonly original: PortView | null;
  readonly network: NetworkContext;
  readonly fixedIpSubnets: readonly SubnetView[];
  readonly originalBindingLevels: readonly BindingLevelView[];

  /** Every `setBinding` call, in order. */
  readonly setBindingCalls: SetBindingCall[] = [];
  /** Every `continueBinding` call, in order. */
  readonly continueBindingCalls: ContinueBindingCall[] = [];
  /** Every reason given to `decline`, in order. */
  readonly declines: TraceReason[] = [];
  /** Provisioning blocks asked for, each once, in order. */
  readonly provisioningBlocks: ProvisioningEntity[] = [];
  /** Every request passed to `allocateDynamicSegment`, in order (found, created or failed). */
  readonly allocationRequests: PartialSegment[] = [];
  /** Dynamic segments newly created by `allocateDynamicSegment` (not the ones found). */
  readonly allocatedSegments: Segment[] = [];
  /** Ids passed to `releaseDynamicSegment`, in order (unknown ids included). */
  readonly releasedSegmentIds: string[] = [];

  private readonly agents: readonly AgentView[];
  private readonly dynamic: Segment[];
  private readonly inUse: Set<string>;
  private readonly freeSegmentationIds: number[];
  private readonly allocationFailure: FakePortContextOptions['allocationFailure'];
  private levels: readonly BindingLevelView[];
  private toBind: readonly Segment[];
  /** The binding's host, vnic type and profile (those of `current`), and the vif set so far. */
  readonly binding: PortBindingState;
  private lastOutcome: FakeBindingOutcome = { kind: 'none' };

  /** Prefer `createFakePortContext`; the options are the same. */
  constructor(options: FakePortContextOptions = {}) {
    super();
    const host = options.host ?? options.port?.hostId ?? 'host1';
    const vnicType = options.vnicType ?? options.port?.vnicType ?? 'normal';
    const profile = options.profile ?? options.port?.profile ?? {};
    this.current = makePortView({ ...options.port, hostId: host, vnicType, profile });
    this.binding = { host, vnicType, profile, vifType: VifType.UNBOUND, vifDetails: {} };
    this.original =
      options.original === undefined || options.original === null
        ? null
        : { ...this.current, ...options.original };
    const segments = options.segments ?? [
      makeSegment({ networkType: 'vxlan', segmentationId: 1001 }),
    ];
    const networkView: NetworkView = {
      id: this.current.networkId,
      projectId: this.current.projectId,
      name: 'network',
      mtu: Math.min(1500, ...segments.map((segment) => segment.mtu || 1500)),
      adminStateUp: true,
      routerExternal: false,
      vlanTransparent: false,
      ...options.network,
      segments,
    };
    this.network = { current: networkView, original: null, networkSegments: segments };
    this.toBind = options.segmentsToBind ?? segments;
    this.fixedIpSubnets = options.fixedIpSubnets ?? [];
    this.agents = options.agents ?? [];
    this.levels = options.bindingLevels ?? [];
    this.originalBindingLevels = options.originalBindingLevels ?? [];
    this.dynamic = [...(options.dynamicSegments ?? [])];
    this.inUse = new Set(options.segmentsInUse ?? []);
    this.freeSegmentationIds = [
      ...(options.dynamicSegmentationIds ?? DEFAULT_DYNAMIC_SEGMENTATION_IDS),
    ];
    this.allocationFailure = options.allocationFailure;
  }

  /** The segments offered at this level. */
  get segmentsToBind(): readonly Segment[] {
    return this.toBind;
  }
  /** Levels bound so far. */
  get bindingLevels(): readonly BindingLevelView[] {
    return this.levels;
  }
  /** What the driver did in this turn (see `FakeBindingOutcome`). */
  get outcome(): FakeBindingOutcome {
    return this.lastOutcome;
  }
  /** The network's dynamic segments now (after allocations and releases). */
  get dynamicSegments(): readonly Segment[] {
    return this.dynamic;
  }
  /** The codes of `declines`, in order: handy for `toEqual([...])`. */
  get declineCodes(): readonly string[] {
    return this.declines.map((reason) => reason.code);
  }

  /** Agents of `agentType` on the binding's host, dead or alive, any admin state. */
  hostAgents(agentType: string): readonly AgentView[] {
    return this.agents.filter((agent) => agent.agentType === agentType && agent.host === this.host);
  }

  /** Records the call; sets vif_type/details like the engine (even for a null segment). */
  setBinding(
    segmentId: string | null,
    vifType: string,
    vifDetails: VifDetails,
    status?: PortStatus,
  ): void {
    this.setBindingCalls.push({ segmentId, vifType, vifDetails: { ...vifDetails }, status });
    this.binding.vifType = vifType;
    this.binding.vifDetails = { ...vifDetails };
    this.lastOutcome = segmentId ? { kind: 'bound', segmentId } : { kind: 'none' };
  }

  /** Records the call; an empty `nextSegments` counts as bound at this level. */
  continueBinding(segmentId: string, nextSegments: readonly Segment[]): void {
    this.continueBindingCalls.push({ segmentId, nextSegments: [...nextSegments] });
    if (!segmentId) this.lastOutcome = { kind: 'none' };
    else if (nextSegments.length === 0) this.lastOutcome = { kind: 'bound', segmentId };
    else this.lastOutcome = { kind: 'continued', segmentId, nextSegments: [...nextSegments] };
  }

  /**
   * Finds the network's dynamic segment with the same physical network and segmentation id
   * (each only when truthy in `partial`; the type is not compared), or creates one: throws the
   * injected `allocationFailure`, or `NoNetworkAvailable` when no segmentation id is left.
   */
  async allocateDynamicSegment(partial: PartialSegment): Promise<Segment> {
    this.allocationRequests.push({ ...partial });
    const existing = this.dynamic.find(
      (segment) =>
        (!partial.physicalNetwork || segment.physicalNetwork === partial.physicalNetwork) &&
        (!partial.segmentationId || segment.segmentationId === partial.segmentationId),
    );
    if (existing) return existing;
    const failure =
      typeof this.allocationFailure === 'function'
        ? this.allocationFailure(partial)
        : this.allocationFailure;
    if (failure) throw failure;
    const segmentationId = partial.segmentationId || this.freeSegmentationIds.shift();
    if (segmentationId === undefined) throw new NoNetworkAvailable();
    const segment = makeSegment({
      id: `dynamic-segment-${this.allocatedSegments.length + 1}`,
      networkId: this.network.current.id,
      networkType: partial.networkType,
      physicalNetwork: partial.physicalNetwork ?? null,
      segmentationId,
      isDynamic: true,
    });
    this.dynamic.push(segment);
    this.allocatedSegments.push(segment);
    return segment;
  }

  /** Records the id and removes the dynamic segment (if it exists). */
  async releaseDynamicSegment(segmentId: string): Promise<void> {
    this.releasedSegmentIds.push(segmentId);
    const index = this.dynamic.findIndex((segment) => segment.id === segmentId);
    if (index >= 0) this.dynamic.splice(index, 1);
  }

  /** True when `segmentId` was given in `segmentsInUse` or marked with `setSegmentInUse`. */
  async isSegmentInUse(segmentId: string): Promise<boolean> {
    return this.inUse.has(segmentId);
  }

  /** Records the reason. */
  decline(reason: TraceReason): void {
    this.declines.push(reason);
  }

  /** Records the entity once. */
  addProvisioningBlock(entity: ProvisioningEntity): void {
    if (!this.provisioningBlocks.includes(entity)) this.provisioningBlocks.push(entity);
  }

  // ---- test controls ----

  /** Marks a segment as used (or not) by some binding level, for `isSegmentInUse`. */
  setSegmentInUse(segmentId: string, inUse: boolean): void {
    if (inUse) this.inUse.add(segmentId);
    else this.inUse.delete(segmentId);
  }

  /**
   * Moves the context to the next level as the engine would after a `continueBinding`: pushes
   * `level` onto the bound levels, offers `segmentsToBind`, and clears the turn's outcome (the
   * recorded calls are kept).
   */
  descend(level: BindingLevelView, segmentsToBind: readonly Segment[]): void {
    this.levels = [...this.levels, level];
    this.toBind = segmentsToBind;
    this.lastOutcome = { kind: 'none' };
  }
}

/**
 * Builds a `FakePortContext`. With no options: port `port-1` on host `host1`, vnic type
 * `normal`, no fixed IPs, one static `vxlan` segment (VNI 1001) offered at level 0, no agents.
 *
 * ```ts
 * const context = createFakePortContext({
 *   segments: [makeSegment({ networkType: 'vlan', physicalNetwork: 'physnet1', segmentationId: 100 })],
 *   agents: [makeAgent({ configurations: { bridge_mappings: { physnet1: 'br-eth1' } } })],
 * });
 * driver.bindPort(context);
 * expect(context.outcome).toEqual({ kind: 'bound', segmentId: 'segment-vlan-physnet1-100' });
 * ```
 */
export function createFakePortContext(options: FakePortContextOptions = {}): FakePortContext {
  return new FakePortContext(options);
}
