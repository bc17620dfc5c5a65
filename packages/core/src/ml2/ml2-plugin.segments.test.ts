import {
  AttributeNotUpdatable,
  InvalidInput,
  type MechanismDriver,
  type NetworkContext,
  NetworkNotFound,
  SegmentNotFound,
  TunnelIdInUse,
  VlanIdInUse,
} from '@ml2ts/driver-api';
import { DuplicateNetworkSegment } from '../types/errors';
import {
  dumpDatabase,
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';

describe('segments as resources of their own', () => {
  let engine: TestEngine;
  afterEach(async () => engine?.close());

  /** A driver that records the network contexts of its update hooks. */
  function watcher(): MechanismDriver & { pre: NetworkContext[]; post: NetworkContext[] } {
    const pre: NetworkContext[] = [];
    const post: NetworkContext[] = [];
    return {
      name: 'watcher',
      connectivity: 'l2',
      pre,
      post,
      updateNetworkPrecommit: (context) => void pre.push(context),
      updateNetworkPostcommit: (context) => void post.push(context),
    };
  }

  const allocatedVlans = async () =>
    (
      (await dumpDatabase(engine)).ml2_vlan_allocations as Array<{
        vlanId: number;
        allocated: boolean;
      }>
    )
      .filter((row) => row.allocated)
      .map((row) => row.vlanId);

  it('shows the segments a network was created with, without name or description', async () => {
    engine = await startTestEngine([]);
    const network = await engine.plugin.createNetwork({});
    const [segment] = await engine.plugin.listAllSegments();
    expect(segment).toEqual({
      id: expect.any(String),
      network_id: network.id,
      name: null,
      description: null,
      network_type: 'vxlan',
      physical_network: null,
      segmentation_id: 1001,
      segment_index: 0,
      is_dynamic: false,
      mtu: 1450,
      revision_number: 0,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    });
    expect(await engine.plugin.getSegment(segment.id)).toEqual(segment);
    expect(await engine.plugin.listSegments(network.id)).toEqual([segment]);
  });

  it('adds a static segment, reserving its id as a provider network would, and changes the network', async () => {
    const driver = watcher();
    engine = await startTestEngine([driver]);
    const network = await engine.plugin.createNetwork({});
    engine.clock.advance(3);
    const segment = await engine.plugin.createSegment({
      network_id: network.id,
      network_type: 'vlan',
      physical_network: 'physnet1',
      segmentation_id: 120,
      name: 'rack-1',
      description: 'the first rack',
    });
    expect(segment).toMatchObject({
      network_id: network.id,
      name: 'rack-1',
      description: 'the first rack',
      network_type: 'vlan',
      physical_network: 'physnet1',
      segmentation_id: 120,
      segment_index: 1,
      is_dynamic: false,
      revision_number: 0,
      created_at: '2026-01-01T00:00:03Z',
    });
    expect(await allocatedVlans()).toEqual([120]);
    // The network now has two static segments; its MTU stays that of the smaller one.
    expect(await engine.plugin.getNetwork(network.id)).toMatchObject({
      mtu: 1450,
      segments: [
        { 'provider:network_type': 'vxlan' },
        { 'provider:network_type': 'vlan', 'provider:segmentation_id': 120 },
      ],
      revision_number: 2,
      updated_at: '2026-01-01T00:00:03Z',
    });
    expect(driver.pre).toHaveLength(1);
    expect(driver.pre[0].original?.segments).toHaveLength(1);
    expect(driver.pre[0].current.segments).toHaveLength(2);
    expect(driver.post).toHaveLength(1);
    // A partial request is allocated an id by the type driver.
    const allocated = await engine.plugin.createSegment({
      network_id: network.id,
      network_type: 'vxlan',
    });
    expect(allocated).toMatchObject({ segmentation_id: 1002, segment_index: 2, name: null });
    expect((await engine.plugin.listAllSegments()).map((row) => row.segment_index)).toEqual([
      0, 1, 2,
    ]);
  });

  it('computes the network MTU again: the largest the remaining segments allow', async () => {
    engine = await startTestEngine([]);
    const network = await engine.plugin.createNetwork({
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': 100,
    });
    expect(network.mtu).toBe(1500);
    const tunnel = await engine.plugin.createSegment({
      network_id: network.id,
      network_type: 'vxlan',
    });
    expect((await engine.plugin.getNetwork(network.id)).mtu).toBe(1450);
    await engine.plugin.deleteSegment(tunnel.id);
    expect(await engine.plugin.getNetwork(network.id)).toMatchObject({
      mtu: 1500,
      revision_number: 3,
    });
    // A smaller MTU the network was given stays while the segments allow it.
    await engine.plugin.updateNetwork(network.id, { mtu: 1400 });
    await engine.plugin.createSegment({ network_id: network.id, network_type: 'vxlan' });
    expect((await engine.plugin.getNetwork(network.id)).mtu).toBe(1400);
  });

  it.each([
    [
      'a VLAN id another network holds',
      { network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 100 },
      VlanIdInUse,
    ],
    [
      'a VNI another network holds',
      { network_type: 'vxlan', segmentation_id: 1001 },
      TunnelIdInUse,
    ],
    [
      'a second VLAN segment of the network on the same physical network',
      { network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 150 },
      DuplicateNetworkSegment,
    ],
    ['an unknown network type', { network_type: 'nope' }, InvalidInput],
    [
      'a VLAN id out of range',
      { network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 5000 },
      InvalidInput,
    ],
  ])('refuses %s, reserving nothing', async (_case, request, error) => {
    engine = await startTestEngine([]);
    const other = await engine.plugin.createNetwork({
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': 100,
    });
    const network =
      error === DuplicateNetworkSegment ? other : await engine.plugin.createNetwork({});
    const before = await dumpDatabase(engine);
    await expect(
      engine.plugin.createSegment({ network_id: network.id, ...request }),
    ).rejects.toBeInstanceOf(error);
    expect(await dumpDatabase(engine)).toEqual(before);
  });

  it('refuses a segment on an unknown network', async () => {
    engine = await startTestEngine([]);
    await expect(
      engine.plugin.createSegment({
        network_id: '00000000-0000-4000-8000-00000000ffff',
        network_type: 'vxlan',
      }),
    ).rejects.toBeInstanceOf(NetworkNotFound);
  });

  it('updates name and description only, moving the revision', async () => {
    engine = await startTestEngine([]);
    await engine.plugin.createNetwork({});
    const [segment] = await engine.plugin.listAllSegments();
    engine.clock.advance(2);
    const updated = await engine.plugin.updateSegment(segment.id, {
      name: 'uplink',
      description: 'to the spine',
    });
    const expected = {
      name: 'uplink',
      description: 'to the spine',
      revision_number: 1,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:02Z',
    };
    expect(updated).toMatchObject(expected);
    expect(await engine.plugin.getSegment(segment.id)).toMatchObject(expected);
    expect(await engine.plugin.updateSegment(segment.id, { name: null })).toMatchObject({
      name: null,
      description: 'to the spine',
      revision_number: 2,
    });
    for (const attribute of ['network_type', 'segmentation_id', 'network_id']) {
      await expect(
        engine.plugin.updateSegment(segment.id, { [attribute]: 'x' } as never),
      ).rejects.toBeInstanceOf(AttributeNotUpdatable);
    }
    await expect(
      engine.plugin.updateSegment('00000000-0000-4000-8000-00000000ffff', { name: 'x' }),
    ).rejects.toBeInstanceOf(SegmentNotFound);
  });

  it('deletes a segment, releasing its id, and refuses while a subnet belongs to it', async () => {
    engine = await startTestEngine([]);
    const network = await engine.plugin.createNetwork({});
    const segment = await engine.plugin.createSegment({
      network_id: network.id,
      network_type: 'vlan',
      physical_network: 'physnet1',
      segmentation_id: 130,
    });
    const subnet = await engine.plugin.createSubnet({
      network_id: network.id,
      cidr: '10.0.0.0/24',
      segment_id: segment.id,
    });
    await expect(engine.plugin.deleteSegment(segment.id)).rejects.toMatchObject({
      type: 'SegmentInUse',
      httpStatus: 409,
      message: expect.stringContaining(subnet.id),
    });
    await engine.plugin.deleteSubnet(subnet.id);
    await engine.plugin.deleteSegment(segment.id);
    expect(await allocatedVlans()).toEqual([]);
    await expect(engine.plugin.getSegment(segment.id)).rejects.toBeInstanceOf(SegmentNotFound);
    await expect(engine.plugin.deleteSegment(segment.id)).rejects.toBeInstanceOf(SegmentNotFound);
    expect((await engine.plugin.listSegments(network.id)).map((row) => row.id)).not.toContain(
      segment.id,
    );
  });

  it('refuses to delete a segment a port is bound through, and deletes the last one otherwise', async () => {
    engine = await startTestEngine([new TestAgentDriver()]);
    await engine.plugin.rpc.reportState(ovsReport('host1'));
    const network = await engine.plugin.createNetwork({});
    const [segment] = await engine.plugin.listSegments(network.id);
    const port = await engine.plugin.createPort({
      network_id: network.id,
      'binding:host_id': 'host1',
    });
    expect(port['binding:vif_type']).toBe('ovs');
    await expect(engine.plugin.deleteSegment(segment.id)).rejects.toMatchObject({
      type: 'SegmentInUse',
      httpStatus: 409,
    });
    await engine.plugin.deletePort(port.id);
    await engine.plugin.deleteSegment(segment.id);
    const after = await engine.plugin.getNetwork(network.id);
    expect(after['provider:network_type']).toBeUndefined();
    expect(after.segments).toBeUndefined();
    expect(after.revision_number).toBe(2);
    // Without static segments there is nothing to bind a new port on.
    const unbound = await engine.plugin.createPort({
      network_id: network.id,
      'binding:host_id': 'host1',
    });
    expect(unbound['binding:vif_type']).toBe('unbound');
  });
});
