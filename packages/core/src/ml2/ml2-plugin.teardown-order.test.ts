import { type MechanismDriver, type PortContext, PortNotFound, VifType } from '@ml2ts/driver-api';
import { scriptedDriver, startTestEngine, type TestEngine } from '../test-support/test-engine';
import { TypeManager } from '../types/type-manager';

/**
 * A driver of the upper level of a two-level binding, like the `tor` example driver: it binds the
 * vxlan segment, allocates a dynamic vlan segment on `physicalNetwork` for the level below, and
 * releases that segment after a delete once no port uses it.
 */
function upperLevelDriver(name: string, physicalNetwork: string, calls: string[]) {
  return scriptedDriver(
    name,
    async (context: PortContext) => {
      const [segment] = context.segmentsToBind;
      if (segment.networkType !== 'vxlan') return;
      const dynamic = await context.allocateDynamicSegment({
        networkType: 'vlan',
        physicalNetwork,
      });
      calls.push(`${name} allocated ${dynamic.id}`);
      context.continueBinding(segment.id, [dynamic]);
    },
    {
      updatePortPostcommit: () => void calls.push(`${name}.updatePortPostcommit`),
      deletePortPrecommit: () => void calls.push(`${name}.deletePortPrecommit`),
      deletePortPostcommit: async (context: PortContext) => {
        calls.push(`${name}.deletePortPostcommit`);
        const below = context.originalBindingLevels[1]?.segment;
        if (!below?.isDynamic || (await context.isSegmentInUse(below.id))) return;
        calls.push(`${name} releases the dynamic segment`);
        await context.releaseDynamicSegment(below.id);
      },
    },
  );
}

/** The host's driver: binds the vlan segment it is offered. */
function bottomLevelDriver(calls: string[]): MechanismDriver {
  return scriptedDriver(
    'leaf',
    (context: PortContext) => {
      const vlan = context.segmentsToBind.find((segment) => segment.networkType === 'vlan');
      if (vlan) context.setBinding(vlan.id, VifType.OVS, {});
    },
    {
      updatePortPostcommit: () => void calls.push('leaf.updatePortPostcommit'),
      deletePortPrecommit: () => void calls.push('leaf.deletePortPrecommit'),
      deletePortPostcommit: () => void calls.push('leaf.deletePortPostcommit'),
    },
  );
}

describe('a hierarchical binding is torn down bottom level first', () => {
  let engine: TestEngine;
  afterEach(async () => {
    jest.restoreAllMocks();
    await engine?.close();
  });

  async function boundPort(calls: string[]) {
    engine = await startTestEngine([
      upperLevelDriver('tor', 'physnet1', calls),
      bottomLevelDriver(calls),
    ]);
    const { plugin } = engine;
    const network = await plugin.createNetwork({});
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    const levels = await plugin.getBindingLevels(port.id);
    expect(levels.map((level) => `${level.level} ${level.driver}`)).toEqual(['0 tor', '1 leaf']);
    calls.length = 0;
    return { plugin, network, port };
  }

  it('calls the delete hooks of the bottom level driver first, then the upper level releases its segment', async () => {
    const calls: string[] = [];
    const { plugin, network, port } = await boundPort(calls);
    await plugin.deletePort(port.id);
    expect(calls).toEqual([
      'leaf.deletePortPrecommit',
      'tor.deletePortPrecommit',
      'leaf.deletePortPostcommit',
      'tor.deletePortPostcommit',
      'tor releases the dynamic segment',
    ]);
    const segments = await plugin.listSegments(network.id);
    expect(segments.filter((segment) => segment.is_dynamic)).toEqual([]);
  });

  it('keeps the configured order for update hooks, also when an update clears the binding', async () => {
    const calls: string[] = [];
    const { plugin, port } = await boundPort(calls);
    await plugin.updatePort(port.id, { 'binding:host_id': '' });
    expect(calls).toEqual(['tor.updatePortPostcommit', 'leaf.updatePortPostcommit']);
  });

  it('releases the dynamic segments of an attempt that could not be committed bottom level first', async () => {
    const released: string[] = [];
    const release = TypeManager.prototype.releaseDynamicSegment;
    jest.spyOn(TypeManager.prototype, 'releaseDynamicSegment').mockImplementation(async function (
      this: TypeManager,
      manager,
      segmentId,
    ) {
      released.push(segmentId);
      return release.call(this, manager, segmentId);
    });
    const calls: string[] = [];
    let deleteDuringBinding: (() => Promise<void>) | null = null;
    // Level 0 (spine) hands a vlan on physnet1 to level 1 (tor), which hands a vlan on physnet2 to
    // level 2 (leaf). The port is deleted while leaf binds, so the result is not committed.
    const spine = upperLevelDriver('spine', 'physnet1', calls);
    const tor = scriptedDriver('tor', async (context: PortContext) => {
      const [segment] = context.segmentsToBind;
      if (segment.networkType !== 'vlan' || segment.physicalNetwork !== 'physnet1') return;
      const dynamic = await context.allocateDynamicSegment({
        networkType: 'vlan',
        physicalNetwork: 'physnet2',
      });
      calls.push(`tor allocated ${dynamic.id}`);
      context.continueBinding(segment.id, [dynamic]);
    });
    const leaf = scriptedDriver('leaf', async (context: PortContext) => {
      const [segment] = context.segmentsToBind;
      if (segment.physicalNetwork !== 'physnet2') return;
      await deleteDuringBinding?.();
      context.setBinding(segment.id, VifType.OVS, {});
    });
    engine = await startTestEngine([spine, tor, leaf], {
      ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:199', 'physnet2:200:299'] },
    });
    const { plugin } = engine;
    const network = await plugin.createNetwork({});
    const port = await plugin.createPort({ network_id: network.id });
    deleteDuringBinding = () => plugin.deletePort(port.id);
    await expect(plugin.updatePort(port.id, { 'binding:host_id': 'host1' })).rejects.toBeInstanceOf(
      PortNotFound,
    );
    const segments = await plugin.listSegments(network.id);
    expect(segments.filter((segment) => segment.is_dynamic)).toEqual([]);
    const allocated = (driver: string) =>
      calls.find((call) => call.startsWith(`${driver} allocated `))?.split(' ')[2];
    expect(released).toEqual([allocated('tor'), allocated('spine')]);
  });
});
