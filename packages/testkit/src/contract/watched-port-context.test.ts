import { makeSegment } from '../fixtures/make-segment';
import { WatchedPortContext } from './watched-port-context';

describe('WatchedPortContext', () => {
  const segment = makeSegment({
    networkType: 'vlan',
    physicalNetwork: 'physnet1',
    segmentationId: 5,
  });

  it('works as a fake context until sealed', async () => {
    const context = new WatchedPortContext({ segments: [segment] }, () => 'binding');
    context.setBinding(segment.id, 'tap', {});
    await context.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork: 'physnet1' });
    expect(context.outcome).toEqual({ kind: 'bound', segmentId: segment.id });
    expect(context.allocatedSegments).toHaveLength(1);
    expect(context.lateCalls).toEqual([]);
  });

  it('records calls after the seal, with the phase, and performs none of them', async () => {
    let phase = 'binding';
    let noticed = 0;
    const context = new WatchedPortContext(
      { segments: [segment] },
      () => phase,
      () => (noticed += 1),
    );
    context.seal();
    phase = 'calling updatePortPostcommit';
    context.setBinding(segment.id, 'tap', {});
    context.continueBinding(segment.id, [segment]);
    context.decline({ code: 'late' });
    context.addProvisioningBlock('L2');
    const allocation = context.allocateDynamicSegment({ networkType: 'vlan' });
    void context.releaseDynamicSegment(segment.id);
    const settled = await Promise.race([
      allocation.then(() => 'settled'),
      new Promise((resolve) => setTimeout(() => resolve('pending'), 20)),
    ]);
    expect(settled).toBe('pending');
    expect(context.lateCalls.map((call) => [call.method, call.during])).toEqual([
      ['setBinding', 'calling updatePortPostcommit'],
      ['continueBinding', 'calling updatePortPostcommit'],
      ['decline', 'calling updatePortPostcommit'],
      ['addProvisioningBlock', 'calling updatePortPostcommit'],
      ['allocateDynamicSegment', 'calling updatePortPostcommit'],
      ['releaseDynamicSegment', 'calling updatePortPostcommit'],
    ]);
    expect(noticed).toBe(6);
    expect(context.setBindingCalls).toEqual([]);
    expect(context.declines).toEqual([]);
    expect(context.allocationRequests).toEqual([]);
    expect(context.outcome).toEqual({ kind: 'none' });
  });
});
