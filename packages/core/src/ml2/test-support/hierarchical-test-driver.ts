import { type MechanismDriver, NetworkType, type PortContext } from '@ml2ts/driver-api';

/**
 * A top-of-rack-style driver for engine tests: on the hosts it serves it binds a port's VXLAN
 * segment at level 0 and continues with a dynamic VLAN segment on `physicalNetwork` (shared by
 * the network's ports), which an agent driver must bind at level 1. After an update or delete
 * it releases that dynamic segment once no binding level uses it.
 */
export function hierarchicalTestDriver(
  hosts: readonly string[],
  physicalNetwork = 'physnet1',
  name = 'hier',
): MechanismDriver {
  const release = async (context: PortContext, portExists: boolean) => {
    const [top, below] = context.originalBindingLevels;
    if (top?.driver !== name || !below?.segment?.isDynamic) return;
    const segment = below.segment;
    if (portExists && context.bindingLevels.some((level) => level.segment?.id === segment.id)) {
      return;
    }
    if (await context.isSegmentInUse(segment.id)) return;
    await context.releaseDynamicSegment(segment.id);
  };
  return {
    name,
    connectivity: 'l2',
    async bindPort(context) {
      if (!hosts.includes(context.host) || context.vnicType !== 'normal') return;
      const overlay = context.segmentsToBind.find(
        (segment) => segment.networkType === NetworkType.VXLAN,
      );
      if (!overlay) return;
      let vlan;
      try {
        vlan = await context.allocateDynamicSegment({
          networkType: NetworkType.VLAN,
          physicalNetwork,
        });
      } catch {
        return;
      }
      context.continueBinding(overlay.id, [vlan]);
    },
    updatePortPostcommit: (context) => release(context, true),
    deletePortPostcommit: (context) => release(context, false),
  };
}
