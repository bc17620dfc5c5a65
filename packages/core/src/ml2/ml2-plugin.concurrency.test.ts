import { PortBindingLevel, VlanAllocation } from '@ml2ts/store';
import { type PortContext, VifType } from '@ml2ts/driver-api';
import {
  ovsReport,
  scriptedDriver,
  startTestEngine,
  type TestEngine,
} from '../test-support/test-engine';

/** A promise with its resolve function, to hold a driver inside `bindPort`. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * A hierarchical driver: level 0 allocates a dynamic VLAN on the physnet named after the host's
 * number (host1 → physnet1), level 1 binds it. `hold` stops the next level-0 call after the
 * allocation until the gate opens.
 */
function hierarchicalDriver() {
  const held: Array<ReturnType<typeof gate>> = [];
  const reached: Array<() => void> = [];
  const driver = scriptedDriver('hier', async (context: PortContext) => {
    const [segment] = context.segmentsToBind;
    if (segment.networkType !== 'vxlan') {
      context.setBinding(segment.id, VifType.OVS, { host: context.host });
      return;
    }
    const physicalNetwork = `physnet${context.host.replace('host', '')}`;
    const dynamic = await context.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork });
    const waiting = held.shift();
    if (waiting) {
      reached.shift()?.();
      await waiting.promise;
    }
    context.continueBinding(segment.id, [dynamic]);
  });
  return {
    driver,
    /** Holds the next level-0 call; resolves `inside` once the call is held. */
    hold() {
      const held1 = gate();
      held.push(held1);
      const inside = new Promise<void>((resolve) => reached.push(resolve));
      return { inside, release: held1.open };
    },
  };
}

describe('concurrent binding of one port', () => {
  let engine: TestEngine;
  afterEach(async () => engine?.close());

  it('a host change landing between bind and commit leaves exactly one binding, and nothing of the loser', async () => {
    const { driver, hold } = hierarchicalDriver();
    engine = await startTestEngine([driver], {
      ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:109', 'physnet2:200:209'] },
    });
    const { plugin } = engine;
    await plugin.rpc.reportState(ovsReport('host1'));
    await plugin.rpc.reportState(ovsReport('host2'));
    const network = await plugin.createNetwork({});
    const port = await plugin.createPort({ network_id: network.id });

    const held = hold();
    const toHost1 = plugin.updatePort(port.id, { 'binding:host_id': 'host1' });
    await held.inside; // host1's attempt allocated physnet1's VLAN and waits before its commit
    const toHost2 = await plugin.updatePort(port.id, { 'binding:host_id': 'host2' });
    expect(toHost2['binding:host_id']).toBe('host2');
    held.release();
    const loser = await toHost1;

    // Both callers see the one binding that won.
    const final = await plugin.getPort(port.id);
    expect(final['binding:host_id']).toBe('host2');
    expect(final['binding:vif_details']).toMatchObject({
      host: 'host2',
      bound_drivers: { '0': 'hier', '1': 'hier' },
    });
    expect(loser).toEqual(final);

    // Levels exist only for host2, on host2's dynamic segment.
    const levels = await engine.store.read((manager) =>
      manager.find(PortBindingLevel, { order: { level: 'ASC' } }),
    );
    expect(levels.map((level) => level.host)).toEqual(['host2', 'host2']);

    // The loser's dynamic segment (physnet1) is gone and its VLAN is free again.
    const segments = await plugin.listSegments(network.id);
    expect(
      segments.filter((segment) => segment.is_dynamic).map((segment) => segment.physical_network),
    ).toEqual(['physnet2']);
    const allocated = await engine.store.read((manager) =>
      manager.find(VlanAllocation, { where: { allocated: true } }),
    );
    expect(allocated.map((row) => row.physicalNetwork)).toEqual(['physnet2']);
  });

  it('two attempts with the same inputs: the first commit wins and the other returns its result', async () => {
    const { driver, hold } = hierarchicalDriver();
    engine = await startTestEngine([driver], {
      ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:109'] },
    });
    const { plugin } = engine;
    const network = await plugin.createNetwork({});
    // No agent check in this driver; the first create binds, held; a device-details call binds too.
    const held = hold();
    const creating = plugin.createPort({
      network_id: network.id,
      'binding:host_id': 'host1',
      id: '11111111-2222-4333-8444-555555555555',
    });
    await held.inside;
    const details = await plugin.rpc.getDeviceDetails({
      device: '11111111-2222-4333-8444-555555555555',
      host: 'host1',
    });
    expect(details.network_type).toBe('vlan');
    held.release();
    const created = await creating;
    expect(created['binding:vif_type']).toBe(VifType.OVS);
    const levels = await plugin.getBindingLevels(created.id);
    expect(levels).toHaveLength(2);
    // Both attempts found the same shared dynamic segment: one exists, and it is in use.
    const segments = await plugin.listSegments(network.id);
    expect(segments.filter((segment) => segment.is_dynamic)).toHaveLength(1);
  });

  it('a port deleted while its binding is computed is not resurrected', async () => {
    const { driver, hold } = hierarchicalDriver();
    engine = await startTestEngine([driver], {
      ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:109'] },
    });
    const { plugin } = engine;
    const network = await plugin.createNetwork({});
    const port = await plugin.createPort({ network_id: network.id });
    const held = hold();
    const updating = plugin.updatePort(port.id, { 'binding:host_id': 'host1' });
    await held.inside;
    await plugin.deletePort(port.id);
    held.release();
    await expect(updating).rejects.toMatchObject({ type: 'PortNotFound', httpStatus: 404 });
    expect(await plugin.listPorts()).toEqual([]);
    const levels = await engine.store.read((manager) => manager.find(PortBindingLevel));
    expect(levels).toEqual([]);
    expect((await plugin.listSegments(network.id)).filter((segment) => segment.is_dynamic)).toEqual(
      [],
    );
  });
});
