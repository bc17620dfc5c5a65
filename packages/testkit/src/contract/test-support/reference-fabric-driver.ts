import {
  DeclineReason,
  type MechanismDriver,
  type PortContext,
  type Segment,
} from '@ml2ts/driver-api';

/**
 * The smallest hierarchical driver that keeps the contract: at level 0 it continues from a
 * `vxlan` segment to a dynamic `vlan` segment on `physnet1`, and after an unbind or a delete it
 * releases that segment once no port uses it. Used by the contract suite's own tests; the
 * protected methods are where the broken variants differ.
 */
export class ReferenceFabricDriver implements MechanismDriver {
  readonly name: string = 'fabric';
  readonly connectivity = 'l2' as const;

  /** Continues from the first offered vxlan segment, or declines. */
  async bindPort(context: PortContext): Promise<void> {
    if (context.vnicType !== 'normal') {
      context.decline({ code: DeclineReason.VNIC_TYPE_NOT_SUPPORTED });
      return;
    }
    const overlay = context.segmentsToBind.find((segment) => segment.networkType === 'vxlan');
    if (!overlay) {
      context.decline({ code: DeclineReason.NO_SEGMENT_BINDABLE });
      return;
    }
    let vlan: Segment;
    try {
      vlan = await context.allocateDynamicSegment({
        networkType: 'vlan',
        physicalNetwork: 'physnet1',
      });
    } catch (error) {
      context.decline({
        code: DeclineReason.DYNAMIC_SEGMENT_UNAVAILABLE,
        segmentId: overlay.id,
        facts: { error: String(error) },
      });
      return;
    }
    context.continueBinding(overlay.id, [vlan]);
  }

  /** After an update: releases the dynamic segment the port no longer uses. */
  async updatePortPostcommit(context: PortContext): Promise<void> {
    await this.releaseUnused(context, context.bindingLevels);
  }

  /** After a delete: releases the deleted port's dynamic segment. */
  async deletePortPostcommit(context: PortContext): Promise<void> {
    await this.releaseUnused(context, []);
  }

  /** Releases the dynamic segment below our level 0 unless it is still used. */
  protected async releaseUnused(
    context: PortContext,
    stillBound: PortContext['bindingLevels'],
  ): Promise<void> {
    const [top, below] = context.originalBindingLevels;
    if (top?.driver !== this.name || !below?.segment?.isDynamic) return;
    const segmentId = below.segment.id;
    if (stillBound.some((level) => level.segment?.id === segmentId)) return;
    if (await context.isSegmentInUse(segmentId)) return;
    await context.releaseDynamicSegment(segmentId);
  }
}
