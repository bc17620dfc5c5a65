import {
  Connectivity,
  DeclineReason,
  type MechanismDriver,
  type PortContext,
  type Segment,
  silentLogger,
  VifType,
} from '@ml2ts/driver-api';
import { type EnginePortContext, type PortContextServices } from './engine-port-context';
import { attemptContext, segment } from './test-support/attempt-context';
import { MechanismManager } from './mechanism-manager';

/** Allocation is not part of these tests: a driver that tries it fails its test. */
const NO_ALLOCATION: PortContextServices = {
  allocateDynamicSegment: async () => {
    throw new Error('not used');
  },
  releaseDynamicSegment: async () => undefined,
  isSegmentInUse: async () => false,
};

/**
 * A fresh attempt on network `net` with `segments`; `dynamic` are dynamic segments the network
 * already has, which drivers may hand down to a lower level.
 */
function context(
  segments: Segment[],
  options: { fixedIps?: boolean; dynamic?: Segment[] } = {},
): EnginePortContext {
  return attemptContext(segments, { ...options, services: NO_ALLOCATION });
}

/** A driver made of a bind function, recording each call's level and segments. */
function driver(
  name: string,
  bind: (context: PortContext, calls: number) => void | Promise<void>,
  connectivity: Connectivity | undefined = Connectivity.L2,
): MechanismDriver & { calls: Array<{ level: number; segments: string[] }> } {
  const calls: Array<{ level: number; segments: string[] }> = [];
  return {
    name,
    connectivity,
    calls,
    bindPort(portContext) {
      calls.push({
        level: portContext.bindingLevels.length,
        segments: portContext.segmentsToBind.map((candidate) => candidate.id),
      });
      return bind(portContext, calls.length);
    },
  };
}

const bindFirst = (portContext: PortContext) =>
  portContext.setBinding(portContext.segmentsToBind[0].id, VifType.OVS, { connectivity: 'l2' });

describe('MechanismManager.bindPort', () => {
  it('asks drivers in configured order and stops at the first that binds', async () => {
    const first = driver('first', () => undefined);
    const second = driver('second', bindFirst);
    const third = driver('third', bindFirst);
    const manager = new MechanismManager([first, second, third], silentLogger);
    const portContext = context([segment('s0')]);
    const result = await manager.bindPort(portContext, 1);
    expect(result.bound).toBe(true);
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(1);
    expect(third.calls).toHaveLength(0);
    expect(portContext.pendingLevels().map((level) => level.driver)).toEqual(['second']);
    expect(result.trace.entries.map((entry) => [entry.driver, entry.decision])).toEqual([
      ['first', 'declined'],
      ['second', 'bound'],
    ]);
  });

  it('marks the attempt binding_failed when nobody binds, keeping what drivers wrote', async () => {
    const writesButDoesNotBind = driver('sloppy', (portContext) =>
      portContext.setBinding(null, VifType.BRIDGE, { port_filter: true }),
    );
    const manager = new MechanismManager([writesButDoesNotBind], silentLogger);
    const portContext = context([segment('s0')]);
    const result = await manager.bindPort(portContext, 1);
    expect(result.bound).toBe(false);
    expect(portContext.vifType).toBe(VifType.BINDING_FAILED);
    expect(portContext.vifDetails).toEqual({ port_filter: true });
    expect(portContext.pendingLevels()).toEqual([]);
  });

  it('contains a driver exception: recorded as error and the next driver is asked', async () => {
    const broken = driver('broken', () => {
      throw new Error('switch unreachable');
    });
    const good = driver('good', bindFirst);
    const manager = new MechanismManager([broken, good], silentLogger);
    const result = await manager.bindPort(context([segment('s0')]), 1);
    expect(result.bound).toBe(true);
    expect(result.trace.entries[0]).toMatchObject({
      driver: 'broken',
      decision: 'error',
      error: 'switch unreachable',
    });
  });

  it('walks levels driver-major: a continuing driver hands the next level to all drivers again', async () => {
    const dynamic = segment('dyn', 'vlan', { isDynamic: true, physicalNetwork: 'physnet1' });
    const tor = driver('tor', (portContext) => {
      if (portContext.segmentsToBind[0].networkType === 'vxlan') {
        portContext.continueBinding(portContext.segmentsToBind[0].id, [dynamic]);
      }
    });
    const ovs = driver('ovs', (portContext) => {
      if (portContext.segmentsToBind[0].networkType === 'vlan') bindFirst(portContext);
    });
    const manager = new MechanismManager([tor, ovs], silentLogger);
    const portContext = context([segment('s0')], { dynamic: [dynamic] });
    const result = await manager.bindPort(portContext, 1);
    expect(result.bound).toBe(true);
    expect(tor.calls).toEqual([
      { level: 0, segments: ['s0'] },
      { level: 1, segments: ['dyn'] },
    ]);
    expect(ovs.calls).toEqual([{ level: 1, segments: ['dyn'] }]);
    expect(
      portContext.pendingLevels().map((level) => [level.level, level.driver, level.segment.id]),
    ).toEqual([
      [0, 'tor', 's0'],
      [1, 'ovs', 'dyn'],
    ]);
  });

  it('falls back to the next driver at a level when the level below fails', async () => {
    const dynamic = segment('dyn', 'vlan', { isDynamic: true });
    const tor = driver('tor', (portContext) => {
      if (portContext.segmentsToBind[0].id === 's0') portContext.continueBinding('s0', [dynamic]);
    });
    const direct = driver('direct', (portContext) => {
      if (portContext.segmentsToBind[0].id === 's0') bindFirst(portContext);
    });
    const manager = new MechanismManager([tor, direct], silentLogger);
    const portContext = context([segment('s0')], { dynamic: [dynamic] });
    const result = await manager.bindPort(portContext, 1);
    expect(result.bound).toBe(true);
    expect(portContext.pendingLevels().map((level) => [level.level, level.driver])).toEqual([
      [0, 'direct'],
    ]);
    const torLevel0 = result.trace.entries.find(
      (entry) => entry.driver === 'tor' && entry.level === 0,
    );
    expect(torLevel0?.decision).toBe('declined');
    expect(torLevel0?.reasons.map((reason) => reason.code)).toContain(
      DeclineReason.LOWER_LEVEL_FAILED,
    );
  });

  it('guards loops per (driver, segment), not per driver', async () => {
    const second = segment('s1', 'vlan');
    // The same driver continues from s0 to s1, then binds s1: allowed (different segments).
    const multi = driver('multi', (portContext) => {
      const [candidate] = portContext.segmentsToBind;
      if (candidate.id === 's0') portContext.continueBinding('s0', [second]);
      else bindFirst(portContext);
    });
    const manager = new MechanismManager([multi], silentLogger);
    expect((await manager.bindPort(context([segment('s0')], { dynamic: [second] }), 1)).bound).toBe(
      true,
    );

    // A driver continuing with the segment it just bound is skipped at the next level.
    const looping = driver('looping', (portContext) =>
      portContext.continueBinding(portContext.segmentsToBind[0].id, [
        portContext.segmentsToBind[0],
      ]),
    );
    const loopManager = new MechanismManager([looping], silentLogger);
    const result = await loopManager.bindPort(context([segment('s0')]), 1);
    expect(result.bound).toBe(false);
    expect(looping.calls).toHaveLength(1);
    expect(
      result.trace.entries.some((entry) =>
        entry.reasons.some((reason) => reason.code === DeclineReason.LOOP_GUARD),
      ),
    ).toBe(true);
  });

  it('gives up at level 10: at most levels 0..9 exist', async () => {
    let counter = 0;
    const deep = driver('deep', (portContext) => {
      counter += 1;
      portContext.continueBinding(portContext.segmentsToBind[0].id, [segment(`s${counter}`)]);
    });
    const manager = new MechanismManager([deep], silentLogger);
    const dynamic = Array.from({ length: 10 }, (_, index) => segment(`s${index + 1}`));
    const result = await manager.bindPort(context([segment('s0')], { dynamic }), 1);
    expect(result.bound).toBe(false);
    expect(deep.calls.map((call) => call.level)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result.trace.entries.at(-1)?.reasons[0].code).toBe(DeclineReason.MAX_LEVELS_EXCEEDED);
  });

  it('treats continueBinding with an empty list as a completed binding', async () => {
    const stopper = driver('stopper', (portContext) => portContext.continueBinding('s0', []));
    const manager = new MechanismManager([stopper], silentLogger);
    const portContext = context([segment('s0')]);
    const result = await manager.bindPort(portContext, 1);
    expect(result.bound).toBe(true);
    expect(portContext.vifType).toBe(VifType.UNBOUND);
    expect(portContext.pendingLevels()).toHaveLength(1);
  });

  it('lets only l2 drivers bind a port without fixed IPs', async () => {
    const legacy = driver('legacy', bindFirst, Connectivity.LEGACY);
    const l3 = driver('l3', bindFirst, Connectivity.L3);
    const l2 = driver('l2', bindFirst);
    const manager = new MechanismManager([legacy, l3, l2], silentLogger);
    const without = context([segment('s0')]);
    await manager.bindPort(without, 1);
    expect(without.pendingLevels().map((level) => level.driver)).toEqual(['l2']);
    expect(legacy.calls).toHaveLength(0);

    const withIps = context([segment('s0')], { fixedIps: true });
    await manager.bindPort(withIps, 1);
    expect(withIps.pendingLevels().map((level) => level.driver)).toEqual(['legacy']);

    const noL2 = new MechanismManager([legacy, l3], silentLogger);
    const result = await noL2.bindPort(context([segment('s0')]), 1);
    expect(result.bound).toBe(false);
    expect(
      result.trace.entries.every(
        (entry) => entry.reasons[0].code === DeclineReason.CONNECTIVITY_NOT_L2,
      ),
    ).toBe(true);
  });

  it('waits for an asynchronous bindPort', async () => {
    const slow = driver('slow', async (portContext) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      bindFirst(portContext);
    });
    const result = await new MechanismManager([slow], silentLogger).bindPort(
      context([segment('s0')]),
      1,
    );
    expect(result.bound).toBe(true);
  });

  it('records declines with their reasons in the trace', async () => {
    const picky = driver('picky', (portContext) =>
      portContext.decline({ code: DeclineReason.NO_AGENT_ON_HOST, facts: { host: 'host1' } }),
    );
    const result = await new MechanismManager([picky], silentLogger).bindPort(
      context([segment('s0')]),
      1,
    );
    expect(result.trace.entries[0]).toMatchObject({
      decision: 'declined',
      reasons: [{ code: 'no_agent_on_host', facts: { host: 'host1' } }],
    });
  });
});

describe('MechanismManager hooks', () => {
  it('stops pre-commit hooks at the first failure and wraps it', async () => {
    const calls: string[] = [];
    const manager = new MechanismManager(
      [
        { name: 'a', createPortPrecommit: () => void calls.push('a') },
        {
          name: 'b',
          createPortPrecommit: () => {
            throw new Error('no');
          },
        },
        { name: 'c', createPortPrecommit: () => void calls.push('c') },
      ],
      silentLogger,
    );
    await expect(manager.callPrecommit('createPortPrecommit', context([]))).rejects.toMatchObject({
      type: 'MechanismDriverError',
      httpStatus: 500,
    });
    expect(calls).toEqual(['a']);
  });

  it('calls every update post-commit hook, then throws the first failure', async () => {
    const calls: string[] = [];
    const manager = new MechanismManager(
      [
        {
          name: 'a',
          updatePortPostcommit: () => {
            calls.push('a');
            throw new Error('a failed');
          },
        },
        { name: 'b', updatePortPostcommit: () => void calls.push('b') },
      ],
      silentLogger,
    );
    await expect(
      manager.callPostcommit('updatePortPostcommit', context([]), false),
    ).rejects.toThrow('a failed');
    expect(calls).toEqual(['a', 'b']);
  });

  it('approves VLAN transparency only when every driver returns true', () => {
    const network = context([]).network;
    expect(
      new MechanismManager(
        [{ name: 'a', checkVlanTransparency: () => true }],
        silentLogger,
      ).checkVlanTransparency(network),
    ).toBe(true);
    expect(
      new MechanismManager(
        [{ name: 'a', checkVlanTransparency: () => true }, { name: 'b' }],
        silentLogger,
      ).checkVlanTransparency(network),
    ).toBe(false);
  });
});
