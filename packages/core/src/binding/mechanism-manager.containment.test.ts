import {
  DeclineReason,
  InvalidBindingResult,
  type MechanismDriver,
  MechanismDriverTimeout,
  type PortContext,
  PortContextSealed,
  silentLogger,
  VifType,
} from '@ml2ts/driver-api';
import { RecordingLogger } from '@ml2ts/testkit';
import { MechanismManager } from './mechanism-manager';
import { attemptContext, MemorySegmentServices, segment } from './test-support/attempt-context';

/** Short real deadlines: 30 ms for bindPort and post-commit, 20 ms for pre-commit. */
const DEADLINES = { driver_timeout: 0.03, precommit_timeout: 0.02 };

const never = () => new Promise<never>(() => undefined);
const sleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** A driver made of a bind function. */
function driver(name: string, bind: (context: PortContext) => unknown): MechanismDriver {
  return { name, connectivity: 'l2', bindPort: (context) => bind(context) as void };
}

/** Binds the first offered segment with vif_type ovs. */
const good = driver('good', (context) =>
  context.setBinding(context.segmentsToBind[0].id, VifType.OVS, { port_filter: true }),
);

/** What `call` throws (synchronously or by rejecting). */
async function thrownBy(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('MechanismManager: bindPort under [ml2] driver_timeout', () => {
  it('asks the next driver when one never settles, and traces it as timeout', async () => {
    const logger = new RecordingLogger();
    const hung = driver('hung', never);
    const manager = new MechanismManager([hung, good], logger, DEADLINES);
    const context = attemptContext([segment('s0')]);
    const started = Date.now();
    const result = await manager.bindPort(context, 1);
    expect(Date.now() - started).toBeLessThan(500);
    expect(result.bound).toBe(true);
    expect(context.pendingLevels().map((level) => level.driver)).toEqual(['good']);
    expect(result.trace.entries[0]).toEqual({
      level: 0,
      driver: 'hung',
      segments: [expect.objectContaining({ id: 's0' })],
      decision: 'timeout',
      reasons: [{ code: DeclineReason.DRIVER_TIMEOUT, facts: { driverTimeout: 0.03 } }],
      error: 'bindPort did not settle within 0.03 s ([ml2] driver_timeout)',
    });
    expect(logger.at('error').map((entry) => entry.message)).toContain(
      'Mechanism driver hung timed out in bindPort',
    );
  });

  it('forgets what a driver that then timed out had written', async () => {
    const writesThenHangs = driver('slow', async (context) => {
      context.setBinding(context.segmentsToBind[0].id, 'evil', { evil: true });
      await never();
    });
    const manager = new MechanismManager([writesThenHangs], silentLogger, DEADLINES);
    const context = attemptContext([segment('s0')]);
    const result = await manager.bindPort(context, 1);
    expect(result.bound).toBe(false);
    expect(context.vifType).toBe(VifType.BINDING_FAILED);
    expect(context.vifDetails).toEqual({});
    expect(context.pendingLevels()).toEqual([]);
  });

  it('ignores, with PortContextSealed, what a timed-out driver does when it wakes up', async () => {
    const late: unknown[] = [];
    const services = new MemorySegmentServices();
    const slow = driver('slow', async (context) => {
      await sleep(60);
      for (const call of [
        () => context.setBinding(context.segmentsToBind[0].id, 'evil_late', {}),
        () => context.continueBinding(context.segmentsToBind[0].id, []),
        () => context.decline({ code: 'late_reason' }),
        () => context.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork: 'p' }),
        () => context.releaseDynamicSegment('s0'),
      ]) {
        late.push(await thrownBy(call));
      }
    });
    const manager = new MechanismManager([slow, good], silentLogger, DEADLINES);
    const context = attemptContext([segment('s0')], { services });
    const result = await manager.bindPort(context, 1);
    await sleep(100);
    expect(late).toHaveLength(5);
    for (const error of late) expect(error).toBeInstanceOf(PortContextSealed);
    expect((late[0] as PortContextSealed).message).toBe(
      "Mechanism driver 'slow' called setBinding after its bindPort had missed its deadline " +
        '([ml2] driver_timeout); the call was ignored. A driver must await everything it does ' +
        'with the context before bindPort returns, and must not keep the context for later.',
    );
    expect(late.map((error) => (error as PortContextSealed).method)).toEqual([
      'setBinding',
      'continueBinding',
      'decline',
      'allocateDynamicSegment',
      'releaseDynamicSegment',
    ]);
    expect(context.vifType).toBe(VifType.OVS);
    expect(context.pendingLevels().map((level) => level.driver)).toEqual(['good']);
    expect(result.trace.entries.flatMap((entry) => entry.reasons.map((r) => r.code))).not.toContain(
      'late_reason',
    );
    expect(services.allocations).toBe(0);
    expect(services.releases).toBe(0);
  });

  it('seals the context when bindPort returns, so a kept context writes nothing later', async () => {
    const kept: PortContext[] = [];
    const keeper = driver('keeper', (context) => void kept.push(context));
    const manager = new MechanismManager([keeper], silentLogger, DEADLINES);
    const context = attemptContext([segment('s0')]);
    const result = await manager.bindPort(context, 1);
    expect(result.bound).toBe(false);
    const error = await thrownBy(() => kept[0].setBinding('s0', 'evil_late', {}));
    expect(error).toBeInstanceOf(PortContextSealed);
    expect(error).toMatchObject({ type: 'PortContextSealed', ending: 'returned' });
    expect(context.vifType).toBe(VifType.BINDING_FAILED);
    expect(context.pendingLevels()).toEqual([]);
  });

  it('seals the context of a driver that threw', async () => {
    const kept: PortContext[] = [];
    const thrower = driver('thrower', (context) => {
      kept.push(context);
      throw new Error('backend down');
    });
    const manager = new MechanismManager([thrower, good], silentLogger, DEADLINES);
    await manager.bindPort(attemptContext([segment('s0')]), 1);
    expect(await thrownBy(() => kept[0].decline({ code: 'x' }))).toMatchObject({
      ending: 'threw',
    });
  });

  it("keeps a driver's kept context out of the next driver's turn", async () => {
    const kept: PortContext[] = [];
    const keeper = driver('keeper', (context) => void kept.push(context));
    let intrusion: unknown;
    const waiting = driver('waiting', async (context) => {
      // While this turn is open, the first driver's kept context tries to bind.
      intrusion = await thrownBy(() => kept[0].setBinding('s0', 'evil_late', {}));
      context.setBinding('s0', VifType.OVS, {});
    });
    const manager = new MechanismManager([keeper, waiting], silentLogger, DEADLINES);
    const context = attemptContext([segment('s0')]);
    await manager.bindPort(context, 1);
    expect(intrusion).toBeInstanceOf(PortContextSealed);
    expect(context.vifType).toBe(VifType.OVS);
    expect(context.pendingLevels().map((level) => level.driver)).toEqual(['waiting']);
  });

  it('releases a dynamic segment whose allocation finished after the deadline', async () => {
    const services = new MemorySegmentServices(60);
    let failure: unknown;
    const allocating = driver('allocating', async (context) => {
      failure = await thrownBy(() =>
        context.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork: 'physnet1' }),
      );
    });
    const manager = new MechanismManager([allocating], silentLogger, DEADLINES);
    const context = attemptContext([segment('s0')], { services });
    await manager.bindPort(context, 1);
    await sleep(100);
    expect(failure).toBeInstanceOf(PortContextSealed);
    expect(services.allocations).toBe(1);
    expect(services.releases).toBe(1);
    expect(services.stored.size).toBe(0);
    expect(context.createdDynamicSegmentIds.size).toBe(0);
  });

  it('still waits for a driver that answers within the deadline', async () => {
    const prompt = driver('prompt', async (context) => {
      await sleep(5);
      context.setBinding(context.segmentsToBind[0].id, VifType.OVS, {});
    });
    const manager = new MechanismManager([prompt], silentLogger, {
      ...DEADLINES,
      driver_timeout: 1,
    });
    expect((await manager.bindPort(attemptContext([segment('s0')]), 1)).bound).toBe(true);
  });
});

describe('MechanismManager: driver results are checked before they count', () => {
  const huge = { blob: 'x'.repeat(5 * 1024 * 1024) };
  const cases: Array<[string, (context: PortContext) => void, RegExp]> = [
    [
      '5 MiB of vif_details',
      (context) => context.setBinding('s0', VifType.OVS, huge),
      /vif_details serialize to more than 4095 characters; at most 4095 fit the vif_details column/,
    ],
    [
      'a BigInt in vif_details',
      (context) => context.setBinding('s0', VifType.OVS, { vlan_id: 100n }),
      /vif_details.vlan_id is a BigInt \(100n\)/,
    ],
    [
      'a segment that was not offered',
      (context) => context.setBinding('other-network-segment', VifType.OVS, {}),
      /segment "other-network-segment" was not offered at level 0 \(offered: s0\)/,
    ],
    [
      'an empty vif_type',
      (context) => context.setBinding('s0', '', {}),
      /vif_type must be a non-empty string, not ""/,
    ],
    [
      'a vif_type longer than its column',
      (context) => context.setBinding('s0', 'v'.repeat(65), {}),
      /vif_type has 65 characters; at most 64/,
    ],
    [
      'a status that is not a port status',
      (context) => context.setBinding('s0', VifType.OVS, {}, 'GREEN' as never),
      /status "GREEN" is not a port status/,
    ],
    [
      'continuing from a segment that was not offered',
      (context) => context.continueBinding('elsewhere', [segment('s1')]),
      /segment "elsewhere" was not offered/,
    ],
    [
      'continuing to a segment of another network',
      (context) => context.continueBinding('s0', [segment('s1', 'vlan', { networkId: 'net-2' })]),
      /nextSegments\[0\] \(s1\) is neither a segment of network net nor a dynamic segment from allocateDynamicSegment/,
    ],
    [
      'continuing to a segment it made up',
      (context) => context.continueBinding('s0', [{ ...context.segmentsToBind[0], id: 'made-up' }]),
      /nextSegments\[0\] \(made-up\) is neither a segment of network net/,
    ],
    [
      'continuing to something that is not a segment',
      (context) => context.continueBinding('s0', [42 as never]),
      /nextSegments\[0\] \(42\) is neither a segment/,
    ],
  ];

  it.each(cases)(
    '%s: the error is traced and the next driver binds',
    async (_label, bad, problem) => {
      const broken = driver('broken', bad);
      const manager = new MechanismManager([broken, good], silentLogger, DEADLINES);
      const context = attemptContext([segment('s0')]);
      const result = await manager.bindPort(context, 1);
      expect(result.bound).toBe(true);
      expect(context.pendingLevels().map((level) => level.driver)).toEqual(['good']);
      const [entry] = result.trace.entries;
      expect(entry).toMatchObject({ driver: 'broken', decision: 'error' });
      expect(entry.error).toMatch(problem);
      expect(entry.reasons).toEqual([
        { code: DeclineReason.INVALID_BINDING_RESULT, message: expect.stringMatching(problem) },
      ]);
      expect(() => JSON.stringify(result.trace)).not.toThrow();
    },
  );

  it.each(cases)('%s, alone: binding_failed, nothing of it kept', async (_label, bad) => {
    const manager = new MechanismManager([driver('broken', bad)], silentLogger, DEADLINES);
    const context = attemptContext([segment('s0')]);
    const result = await manager.bindPort(context, 1);
    expect(result.bound).toBe(false);
    expect(context.vifType).toBe(VifType.BINDING_FAILED);
    expect(context.vifDetails).toEqual({});
    expect(result.trace.entries[0].decision).toBe('error');
  });

  it('throws InvalidBindingResult to the driver, and a driver that catches it still fails', async () => {
    let thrown: unknown;
    const catcher = driver('catcher', (context) => {
      try {
        context.setBinding('s0', VifType.OVS, { vlan_id: 1n });
      } catch (error) {
        thrown = error;
      }
    });
    const manager = new MechanismManager([catcher], silentLogger, DEADLINES);
    const result = await manager.bindPort(attemptContext([segment('s0')]), 1);
    expect(thrown).toBeInstanceOf(InvalidBindingResult);
    expect(thrown).toMatchObject({ type: 'InvalidBindingResult', driver: 'catcher' });
    expect(result.trace.entries[0].decision).toBe('error');
  });

  it("hands the next level the engine's copies of known and allocated segments", async () => {
    const services = new MemorySegmentServices();
    const offered: string[][] = [];
    const fabric = driver('fabric', async (context) => {
      if (context.bindingLevels.length > 0) return;
      const vlan = await context.allocateDynamicSegment({ networkType: 'vlan' });
      context.continueBinding('s0', [{ ...vlan, mtu: -1 }]);
    });
    const leaf = driver('leaf', (context) => {
      offered.push(context.segmentsToBind.map((next) => `${next.id}/${next.mtu}`));
      if (context.bindingLevels.length > 0) {
        context.setBinding(context.segmentsToBind[0].id, VifType.OVS, {});
      }
    });
    const manager = new MechanismManager([fabric, leaf], silentLogger, DEADLINES);
    const context = attemptContext([segment('s0')], { services });
    expect((await manager.bindPort(context, 1)).bound).toBe(true);
    expect(offered).toEqual([['dyn-1/1450']]);
    expect(context.pendingLevels().map((level) => level.segment.id)).toEqual(['s0', 'dyn-1']);
  });

  it('stores vif_details as a copy the driver cannot change afterwards', async () => {
    const details = { port_filter: true, nested: { a: 1 } };
    const manager = new MechanismManager(
      [driver('d', (context) => context.setBinding('s0', VifType.OVS, details))],
      silentLogger,
      DEADLINES,
    );
    const context = attemptContext([segment('s0')]);
    await manager.bindPort(context, 1);
    details.nested.a = 2;
    expect(context.vifDetails).toEqual({ port_filter: true, nested: { a: 1 } });
  });

  it('records a decline reason that JSON cannot hold as a note', async () => {
    const manager = new MechanismManager(
      [driver('d', (context) => context.decline({ code: 'weird', facts: { n: 1n } }))],
      silentLogger,
      DEADLINES,
    );
    const result = await manager.bindPort(attemptContext([segment('s0')]), 1);
    expect(result.trace.entries[0].reasons).toEqual([
      {
        code: 'weird',
        message: expect.stringContaining('the driver gave a reason that cannot be stored as JSON'),
      },
    ]);
    expect(() => JSON.stringify(result.trace)).not.toThrow();
  });
});

describe('MechanismManager: hooks under deadlines', () => {
  it('fails a pre-commit hook that does not settle within [ml2] precommit_timeout', async () => {
    const calls: string[] = [];
    const manager = new MechanismManager(
      [
        { name: 'wedged', createPortPrecommit: never },
        { name: 'after', createPortPrecommit: () => void calls.push('after') },
      ],
      silentLogger,
      DEADLINES,
    );
    const started = Date.now();
    const error = await thrownBy(() =>
      manager.callPrecommit('createPortPrecommit', attemptContext([])),
    );
    expect(Date.now() - started).toBeLessThan(500);
    expect(error).toBeInstanceOf(MechanismDriverTimeout);
    expect(error).toMatchObject({
      type: 'MechanismDriverError',
      httpStatus: 500,
      driver: 'wedged',
      hook: 'createPortPrecommit',
      timeoutSeconds: 0.02,
      option: 'precommit_timeout',
    });
    expect((error as Error).message).toMatch(
      /^wedged\.createPortPrecommit failed: did not settle within 0\.02 s \(\[ml2\] precommit_timeout\)/,
    );
    expect(calls).toEqual([]);
  });

  it('treats a post-commit hook past [ml2] driver_timeout like one that threw', async () => {
    const logger = new RecordingLogger();
    const calls: string[] = [];
    const manager = new MechanismManager(
      [
        { name: 'wedged', updatePortPostcommit: never },
        { name: 'after', updatePortPostcommit: () => void calls.push('after') },
      ],
      logger,
      DEADLINES,
    );
    const error = await thrownBy(() =>
      manager.callPostcommit('updatePortPostcommit', attemptContext([]), false),
    );
    expect(error).toMatchObject({ type: 'MechanismDriverError', option: 'driver_timeout' });
    expect(calls).toEqual(['after']);
    expect(logger.at('error').map((entry) => entry.message)).toContain(
      "Mechanism driver 'wedged' failed in updatePortPostcommit",
    );

    const stopping = new MechanismManager(
      [
        { name: 'wedged', createPortPostcommit: never },
        { name: 'after', createPortPostcommit: () => void calls.push('create') },
      ],
      silentLogger,
      DEADLINES,
    );
    await expect(
      stopping.callPostcommit('createPortPostcommit', attemptContext([]), true),
    ).rejects.toBeInstanceOf(MechanismDriverTimeout);
    expect(calls).toEqual(['after']);
  });
});
