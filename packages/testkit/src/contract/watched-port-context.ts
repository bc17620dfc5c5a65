import { performance } from 'node:perf_hooks';
import {
  type PartialSegment,
  type PortStatus,
  type ProvisioningEntity,
  type Segment,
  type TraceReason,
  type VifDetails,
} from '@ml2ts/driver-api';
import { FakePortContext, type FakePortContextOptions } from '../fakes/fake-port-context';

/** The context methods that change a binding attempt: the ones the engine seals. */
export type SealedMethod =
  | 'setBinding'
  | 'continueBinding'
  | 'decline'
  | 'allocateDynamicSegment'
  | 'releaseDynamicSegment'
  | 'addProvisioningBlock';

/** One call a driver made on a context after it was sealed. */
export interface LateContextCall {
  /** The method called. */
  readonly method: SealedMethod;
  /** Milliseconds between the seal and the call. */
  readonly afterMs: number;
  /** What the suite was doing then (see `WatchedPortContext`'s `during`). */
  readonly during: string;
}

/**
 * A fake context for one `bindPort` call that can be sealed as the engine seals the real one
 * when `bindPort` returns. Until then it is a plain `FakePortContext`. Once sealed, every call
 * of a `SealedMethod` is recorded in `lateCalls` and changes nothing: the synchronous ones
 * return at once and the asynchronous ones return a promise that never settles (the engine
 * throws `PortContextSealed` instead; here a throw from the driver's own timer would escape the
 * test). `during` names, at the time of each late call, what the suite was doing.
 */
export class WatchedPortContext extends FakePortContext {
  /** Every call made after `seal`, in order. */
  readonly lateCalls: LateContextCall[] = [];
  private sealedAt: number | null = null;

  /**
   * `during` says, at the time of a late call, what the suite is doing; `noticed` (optional) is
   * called after each late call is recorded.
   */
  constructor(
    options: FakePortContextOptions,
    private readonly during: () => string,
    private readonly noticed: () => void = () => undefined,
  ) {
    super(options);
  }

  /** True once `seal` was called. */
  get sealed(): boolean {
    return this.sealedAt !== null;
  }

  /** From now on, record calls instead of performing them. Idempotent. */
  seal(): void {
    this.sealedAt ??= performance.now();
  }

  /** Records the call, or performs it while the context is not sealed. */
  override setBinding(
    segmentId: string | null,
    vifType: string,
    vifDetails: VifDetails,
    status?: PortStatus,
  ): void {
    if (!this.late('setBinding')) super.setBinding(segmentId, vifType, vifDetails, status);
  }

  /** Records the call, or performs it while the context is not sealed. */
  override continueBinding(segmentId: string, nextSegments: readonly Segment[]): void {
    if (!this.late('continueBinding')) super.continueBinding(segmentId, nextSegments);
  }

  /** Records the call, or performs it while the context is not sealed. */
  override decline(reason: TraceReason): void {
    if (!this.late('decline')) super.decline(reason);
  }

  /** Records the call, or performs it while the context is not sealed. */
  override addProvisioningBlock(entity: ProvisioningEntity): void {
    if (!this.late('addProvisioningBlock')) super.addProvisioningBlock(entity);
  }

  /** Records the call (and never settles), or performs it while the context is not sealed. */
  override allocateDynamicSegment(partial: PartialSegment): Promise<Segment> {
    if (this.late('allocateDynamicSegment')) return new Promise<Segment>(() => undefined);
    return super.allocateDynamicSegment(partial);
  }

  /** Records the call (and never settles), or performs it while the context is not sealed. */
  override releaseDynamicSegment(segmentId: string): Promise<void> {
    if (this.late('releaseDynamicSegment')) return new Promise<void>(() => undefined);
    return super.releaseDynamicSegment(segmentId);
  }

  /** Records a call of `method` and returns true when the context is sealed. */
  private late(method: SealedMethod): boolean {
    if (this.sealedAt === null) return false;
    const afterMs = Math.round(performance.now() - this.sealedAt);
    this.lateCalls.push({ method, afterMs, during: this.during() });
    this.noticed();
    return true;
  }
}
