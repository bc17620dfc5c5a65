import { type AgentView } from './agent';
import { type BindingLevelView } from './binding-level';
import { type TraceReason } from './binding-trace';
import { type PortStatus, type ProvisioningEntity } from './constants';
import { type NetworkContext } from './network-context';
import { type BindingProfile, type PortView, type SubnetView } from './port';
import { type PartialSegment, type Segment } from './segment';
import { type VifDetails } from './vif-details';

/**
 * What a mechanism driver sees of one port, in port hooks and during binding.
 *
 * During `bindPort` the context describes one binding attempt that runs outside any database
 * transaction: nothing a driver sets here is stored unless the attempt wins the optimistic
 * commit. In pre-commit hooks the context is read inside the transaction.
 */
export interface PortContext {
  /** The port as it is (being) stored, with the binding under construction. */
  readonly current: PortView;
  /** The port before the update; null on create. */
  readonly original: PortView | null;
  /** The port's network and its static segments. */
  readonly network: NetworkContext;
  /** `binding:host_id` of the binding (`''` when unbound). */
  readonly host: string;
  /** `binding:vnic_type` of the binding. */
  readonly vnicType: string;
  /** `binding:profile` of the binding (`{}` when empty). */
  readonly profile: BindingProfile;
  /** Subnets of the port's fixed IPs, one entry per fixed IP (so possibly repeated). */
  readonly fixedIpSubnets: readonly SubnetView[];
  /**
   * The segments this driver may bind at the current level. Only meaningful inside `bindPort`:
   * the static segments at level 0, the segments a higher driver continued with below.
   */
  readonly segmentsToBind: readonly Segment[];
  /** Levels bound so far in this attempt (empty at level 0), ordered by level. */
  readonly bindingLevels: readonly BindingLevelView[];
  /**
   * Levels of the binding before this update or delete (empty on create). Post-commit hooks
   * use it to find dynamic segments the port no longer uses.
   */
  readonly originalBindingLevels: readonly BindingLevelView[];
  /** Segment of the first level, or null. */
  readonly topBoundSegment: Segment | null;
  /** Segment of the last level, or null. */
  readonly bottomBoundSegment: Segment | null;
  /** vif_type of the binding under construction (`unbound` until a driver sets one). */
  readonly vifType: string;
  /** vif_details of the binding under construction (`{}` until a driver sets them). */
  readonly vifDetails: Readonly<VifDetails>;

  /**
   * Every agent of `agentType` registered on this context's host, dead or alive, with liveness
   * computed on the server clock. Admin state is not filtered. Reads a snapshot taken when the
   * context was built: it never blocks.
   */
  hostAgents(agentType: string): readonly AgentView[];

  /**
   * Completes the binding at the current level: `segmentId` is bound with `vifType` and
   * `vifDetails`. `status`, if given, becomes the port status when the binding is committed.
   * Only valid inside `bindPort`. A null `segmentId` means "not bound" (Neutron compatible).
   *
   * The engine checks the result before it counts: `segmentId` must be one of `segmentsToBind`,
   * `vifType` a non-empty string of at most `Limits.MAX_VIF_TYPE_LENGTH` characters,
   * `vifDetails` a plain JSON object (no BigInt, function, class instance or cycle; keys whose
   * value is `undefined` are dropped as JSON drops them) serializing to at most
   * `Limits.MAX_VIF_DETAILS_LENGTH` characters, `status` a `PortStatus`. Otherwise it throws
   * `InvalidBindingResult`, changes nothing, and the turn counts as this driver's error. After
   * the driver's `bindPort` returned, threw or timed out it throws `PortContextSealed`.
   */
  setBinding(
    segmentId: string | null,
    vifType: string,
    vifDetails: VifDetails,
    status?: PortStatus,
  ): void;

  /**
   * Binds `segmentId` partially at the current level and asks the drivers of the next level
   * to bind one of `nextSegments`. An empty list completes the binding at this level with the
   * current vif_type. Only valid inside `bindPort`: `segmentId` must be one of
   * `segmentsToBind` and `nextSegments` segments of this network (static ones, or dynamic ones
   * from `allocateDynamicSegment`), else it throws `InvalidBindingResult`; after `bindPort`
   * returned, threw or timed out it throws `PortContextSealed`.
   */
  continueBinding(segmentId: string, nextSegments: readonly Segment[]): void;

  /**
   * Finds the network's dynamic segment matching the partial segment's physical network and
   * segmentation id (the type is not compared), or reserves and stores a new one in its own
   * transaction. Shared by every port that asks for it; never released by the core.
   * Throws an `Ml2Error` (for example `NoNetworkAvailable`) when nothing can be allocated.
   * In `bindPort` it is allowed only while `bindPort` runs: afterwards it throws
   * `PortContextSealed` and allocates nothing (an allocation still under way when `bindPort`
   * times out is released again if no binding uses it).
   */
  allocateDynamicSegment(partial: PartialSegment): Promise<Segment>;

  /**
   * Releases a dynamic segment that no binding level uses: its allocation returns to its type
   * driver and the segment row is deleted, in one transaction that first locks the segment, so
   * a port of another process bound to it meanwhile keeps it. Unknown ids and segments in use
   * are left alone. On the context of a `bindPort` call it
   * throws `PortContextSealed` once that call returned, threw or timed out.
   */
  releaseDynamicSegment(segmentId: string): Promise<void>;

  /**
   * True when some binding level of any port still uses `segmentId`. For drivers that release
   * the dynamic segments they allocated.
   */
  isSegmentInUse(segmentId: string): Promise<boolean>;

  /**
   * Records, for the binding trace, why this driver did not bind (a segment, an agent, or at
   * all). Call it as often as there are reasons; it does not change the binding. A reason that
   * cannot be stored as JSON is recorded as a note saying so. In port hooks it is ignored; on the
   * context of a `bindPort` call it throws `PortContextSealed` once that call returned, threw or
   * timed out.
   */
  decline(reason: TraceReason): void;

  /**
   * Asks for a provisioning block of `entity` on this port: the port does not go ACTIVE until
   * that entity reports completion. Only valid in create/update pre-commit hooks (inside the
   * transaction). Duplicate requests are ignored.
   */
  addProvisioningBlock(entity: ProvisioningEntity): void;
}
