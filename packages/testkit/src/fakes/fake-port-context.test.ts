import { AgentType, NoNetworkAvailable, PortStatus } from '@ml2ts/driver-api';
import { makeAgent } from '../fixtures/make-agent';
import { makeSegment } from '../fixtures/make-segment';
import { createFakePortContext } from './fake-port-context';

const vlan100 = makeSegment({
  networkType: 'vlan',
  physicalNetwork: 'physnet1',
  segmentationId: 100,
});

describe('createFakePortContext', () => {
  it('builds a level-0 context with defaults', () => {
    const context = createFakePortContext();
    expect(context.host).toBe('host1');
    expect(context.current.hostId).toBe('host1');
    expect(context.vnicType).toBe('normal');
    expect(context.profile).toEqual({});
    expect(context.original).toBeNull();
    expect(context.segmentsToBind).toEqual([
      expect.objectContaining({ networkType: 'vxlan', segmentationId: 1001 }),
    ]);
    expect(context.network.networkSegments).toBe(context.segmentsToBind);
    expect(context.fixedIpSubnets).toEqual([]);
    expect(context.bindingLevels).toEqual([]);
    expect(context.topBoundSegment).toBeNull();
    expect(context.vifType).toBe('unbound');
    expect(context.outcome).toEqual({ kind: 'none' });
  });

  it('puts host, vnic type and profile on the binding and on the port', () => {
    const context = createFakePortContext({
      host: 'compute-7',
      vnicType: 'direct',
      profile: { capabilities: ['switchdev'] },
    });
    expect(context.current).toMatchObject({
      hostId: 'compute-7',
      vnicType: 'direct',
      profile: { capabilities: ['switchdev'] },
    });
    expect(context.profile).toEqual({ capabilities: ['switchdev'] });
  });

  it('merges original over current', () => {
    const context = createFakePortContext({ host: 'host2', original: { hostId: 'host1' } });
    expect(context.original).toMatchObject({ id: context.current.id, hostId: 'host1' });
    expect(context.current.hostId).toBe('host2');
  });

  it('returns only the agents of the type on the binding host, dead ones included', () => {
    const local = makeAgent({ host: 'host1' });
    const dead = makeAgent({ host: 'host1', agentType: AgentType.LINUXBRIDGE, alive: false });
    const elsewhere = makeAgent({ host: 'host2' });
    const context = createFakePortContext({ agents: [local, dead, elsewhere] });
    expect(context.hostAgents(AgentType.OVS)).toEqual([local]);
    expect(context.hostAgents(AgentType.LINUXBRIDGE)).toEqual([dead]);
    expect(context.hostAgents(AgentType.NIC_SWITCH)).toEqual([]);
  });

  it('records setBinding and updates vif type and details, even for a null segment', () => {
    const context = createFakePortContext();
    context.setBinding(null, 'ovs', { port_filter: true });
    expect(context.outcome).toEqual({ kind: 'none' });
    expect(context.vifType).toBe('ovs');
    context.setBinding('segment-1', 'hw_veb', { vlan: '0' }, PortStatus.ACTIVE);
    expect(context.outcome).toEqual({ kind: 'bound', segmentId: 'segment-1' });
    expect(context.vifDetails).toEqual({ vlan: '0' });
    expect(context.setBindingCalls).toEqual([
      { segmentId: null, vifType: 'ovs', vifDetails: { port_filter: true }, status: undefined },
      { segmentId: 'segment-1', vifType: 'hw_veb', vifDetails: { vlan: '0' }, status: 'ACTIVE' },
    ]);
  });

  it('treats continueBinding with next segments as continued and with none as bound', () => {
    const context = createFakePortContext();
    context.continueBinding('segment-0', [vlan100]);
    expect(context.outcome).toEqual({
      kind: 'continued',
      segmentId: 'segment-0',
      nextSegments: [vlan100],
    });
    context.continueBinding('segment-0', []);
    expect(context.outcome).toEqual({ kind: 'bound', segmentId: 'segment-0' });
    expect(context.continueBindingCalls).toHaveLength(2);
  });

  it('records declines and provisioning blocks (each block once)', () => {
    const context = createFakePortContext();
    context.decline({ code: 'agent_dead', agentId: 'a' });
    context.addProvisioningBlock('L2');
    context.addProvisioningBlock('L2');
    expect(context.declineCodes).toEqual(['agent_dead']);
    expect(context.provisioningBlocks).toEqual(['L2']);
  });

  it('descends to the next level', () => {
    const top = makeSegment({ networkType: 'vxlan', segmentationId: 1001 });
    const context = createFakePortContext({ segments: [top] });
    context.continueBinding(top.id, [vlan100]);
    context.descend({ level: 0, driver: 'tor', segment: top }, [vlan100]);
    expect(context.segmentsToBind).toEqual([vlan100]);
    expect(context.topBoundSegment).toBe(top);
    expect(context.bottomBoundSegment).toBe(top);
    expect(context.outcome).toEqual({ kind: 'none' });
  });
});

describe('FakePortContext dynamic segments', () => {
  it('allocates a new dynamic segment with the next segmentation id', async () => {
    const context = createFakePortContext({ dynamicSegmentationIds: [300, 301] });
    const first = await context.allocateDynamicSegment({
      networkType: 'vlan',
      physicalNetwork: 'physnet1',
    });
    expect(first).toMatchObject({
      networkId: 'network-1',
      networkType: 'vlan',
      physicalNetwork: 'physnet1',
      segmentationId: 300,
      isDynamic: true,
      segmentIndex: 0,
    });
    const second = await context.allocateDynamicSegment({
      networkType: 'vlan',
      physicalNetwork: 'physnet2',
    });
    expect(second.segmentationId).toBe(301);
    expect(second.id).not.toBe(first.id);
    expect(context.allocatedSegments).toEqual([first, second]);
  });

  it('records every allocation request, whether it finds, creates or fails', async () => {
    const context = createFakePortContext({ dynamicSegmentationIds: [300] });
    await context.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork: 'physnet1' });
    await context.allocateDynamicSegment({ networkType: 'vxlan', physicalNetwork: 'physnet1' });
    await expect(
      context.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork: 'physnet2' }),
    ).rejects.toBeInstanceOf(NoNetworkAvailable);
    expect(context.allocationRequests).toEqual([
      { networkType: 'vlan', physicalNetwork: 'physnet1' },
      { networkType: 'vxlan', physicalNetwork: 'physnet1' },
      { networkType: 'vlan', physicalNetwork: 'physnet2' },
    ]);
    expect(context.allocatedSegments).toHaveLength(1);
  });

  it('reuses an existing dynamic segment by physnet, whatever the type asked for', async () => {
    const existing = makeSegment({
      networkType: 'vlan',
      physicalNetwork: 'physnet1',
      segmentationId: 57,
      isDynamic: true,
    });
    const context = createFakePortContext({ dynamicSegments: [existing] });
    await expect(
      context.allocateDynamicSegment({ networkType: 'vxlan', physicalNetwork: 'physnet1' }),
    ).resolves.toBe(existing);
    expect(context.allocatedSegments).toEqual([]);
  });

  it('uses a requested segmentation id and matches on it', async () => {
    const context = createFakePortContext();
    const segment = await context.allocateDynamicSegment({
      networkType: 'vlan',
      physicalNetwork: 'physnet1',
      segmentationId: 42,
    });
    expect(segment.segmentationId).toBe(42);
    const other = await context.allocateDynamicSegment({
      networkType: 'vlan',
      physicalNetwork: 'physnet1',
      segmentationId: 43,
    });
    expect(other.segmentationId).toBe(43);
    expect(context.dynamicSegments).toHaveLength(2);
  });

  it('throws NoNetworkAvailable when the ids run out', async () => {
    const context = createFakePortContext({ dynamicSegmentationIds: [] });
    await expect(
      context.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork: 'physnet1' }),
    ).rejects.toBeInstanceOf(NoNetworkAvailable);
  });

  it('throws the injected failure, for every request or per request', async () => {
    const always = createFakePortContext({ allocationFailure: new Error('switch unreachable') });
    await expect(always.allocateDynamicSegment({ networkType: 'vlan' })).rejects.toThrow(
      'switch unreachable',
    );
    const onPhysnet2 = createFakePortContext({
      allocationFailure: (partial) =>
        partial.physicalNetwork === 'physnet2' ? new NoNetworkAvailable() : undefined,
    });
    await expect(
      onPhysnet2.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork: 'physnet1' }),
    ).resolves.toMatchObject({ physicalNetwork: 'physnet1' });
    await expect(
      onPhysnet2.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork: 'physnet2' }),
    ).rejects.toBeInstanceOf(NoNetworkAvailable);
  });

  it('releases dynamic segments and records every release', async () => {
    const context = createFakePortContext();
    const segment = await context.allocateDynamicSegment({
      networkType: 'vlan',
      physicalNetwork: 'physnet1',
    });
    await context.releaseDynamicSegment(segment.id);
    await context.releaseDynamicSegment('unknown');
    expect(context.dynamicSegments).toEqual([]);
    expect(context.releasedSegmentIds).toEqual([segment.id, 'unknown']);
  });

  it('answers isSegmentInUse from segmentsInUse and setSegmentInUse', async () => {
    const context = createFakePortContext({ segmentsInUse: ['s1'] });
    await expect(context.isSegmentInUse('s1')).resolves.toBe(true);
    await expect(context.isSegmentInUse('s2')).resolves.toBe(false);
    context.setSegmentInUse('s2', true);
    context.setSegmentInUse('s1', false);
    await expect(context.isSegmentInUse('s1')).resolves.toBe(false);
    await expect(context.isSegmentInUse('s2')).resolves.toBe(true);
  });
});
