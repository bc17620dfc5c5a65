import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type MechanismDriver,
  MechanismDriverTimeout,
  type PortContext,
  PortContextSealed,
  VifType,
} from '@ml2ts/driver-api';
import { PortBinding } from '@ml2ts/store';
import { onServerDatabase } from '../test-support/test-database';
import { RecordingLogger } from '@ml2ts/testkit';
import { createEngine, type Engine } from '../engine/create-engine';
import {
  moduleOf,
  ovsReport,
  scriptedDriver,
  startTestEngine,
  type TestEngine,
} from '../test-support/test-engine';
import { explainTrace } from './explain-trace';

/** Real, short deadlines: 50 ms for bindPort and post-commit hooks, 50 ms for pre-commit. */
const SHORT_DEADLINES = { 'ml2.driver_timeout': 0.05, 'ml2.precommit_timeout': 0.05 };

const never = () => new Promise<never>(() => undefined);
const sleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** Binds the first offered segment with vif_type ovs. */
function goodDriver(): MechanismDriver {
  return scriptedDriver('good', (context) =>
    context.setBinding(context.segmentsToBind[0].id, VifType.OVS, { port_filter: true }),
  );
}

/** Milliseconds `work` took, with its result. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
}

/**
 * How long an operation may take that must not wait on a misbehaving driver: ten times the 50 ms
 * deadlines on SQLite; a database server (its round trips, on a loaded test machine) gets more.
 */
const BOUND_MS = onServerDatabase() ? 3000 : 500;

describe('the engine contains misbehaving mechanism drivers', () => {
  let engine: TestEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  it('asks the next driver when bindPort never settles, and explains the timeout', async () => {
    const hung = scriptedDriver('hung', never);
    engine = await startTestEngine([hung, goodDriver()], SHORT_DEADLINES);
    const network = await engine.plugin.createNetwork({});
    const { ms, value: port } = await timed(() =>
      engine!.plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' }),
    );
    expect(ms).toBeLessThan(BOUND_MS);
    expect(port['binding:vif_type']).toBe(VifType.OVS);
    expect(port['binding:vif_details']).toEqual({
      port_filter: true,
      bound_drivers: { '0': 'good' },
    });
    const trace = await engine.plugin.explainBinding(port.id);
    expect(trace?.attempts[0].entries.map((entry) => [entry.driver, entry.decision])).toEqual([
      ['hung', 'timeout'],
      ['good', 'bound'],
    ]);
    expect(explainTrace(trace!).join('\n')).toContain(
      'level 0, driver hung: did not answer within 0.05 s ([ml2] driver_timeout), so it counted as not bound',
    );
  });

  it('gives up on a bindPort that takes 8 s', async () => {
    const slow = scriptedDriver('slow', async (context) => {
      await new Promise((resolve) => setTimeout(resolve, 8000).unref());
      context.setBinding(context.segmentsToBind[0].id, 'late', {});
    });
    engine = await startTestEngine([slow], SHORT_DEADLINES);
    const network = await engine.plugin.createNetwork({});
    const { ms, value: port } = await timed(() =>
      engine!.plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' }),
    );
    expect(ms).toBeLessThan(BOUND_MS);
    expect(port['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    const trace = await engine.plugin.explainBinding(port.id);
    expect(trace).toMatchObject({ outcome: 'failed' });
    expect(trace?.attempts[0].entries[0].decision).toBe('timeout');
  });

  it('fails only the operation whose pre-commit hook wedges; the others go on', async () => {
    const wedging = scriptedDriver('wedging', () => undefined, {
      createPortPrecommit: (context: PortContext) =>
        context.network.current.name === 'wedged' ? never() : undefined,
    });
    engine = await startTestEngine([wedging, goodDriver()], SHORT_DEADLINES);
    const { plugin } = engine;
    const wedgedNetwork = await plugin.createNetwork({ name: 'wedged' });
    const otherNetwork = await plugin.createNetwork({ name: 'other' });

    const started = Date.now();
    const wedged = plugin.createPort({ network_id: wedgedNetwork.id, 'binding:host_id': 'host1' });
    const finished = (promise: Promise<unknown>) => promise.then(() => Date.now() - started);
    const others = Promise.all([
      finished(plugin.createPort({ network_id: otherNetwork.id, 'binding:host_id': 'host1' })),
      finished(plugin.listNetworks()),
      finished(plugin.rpc.reportState(ovsReport('host2'))),
    ]);

    const error = await wedged.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MechanismDriverTimeout);
    expect(error).toMatchObject({ type: 'MechanismDriverError', httpStatus: 500 });
    expect((error as Error).message).toContain(
      'wedging.createPortPrecommit failed: did not settle within 0.05 s ([ml2] precommit_timeout)',
    );
    for (const ms of await others) expect(ms).toBeLessThan(BOUND_MS);
    expect(await plugin.listPorts({ network_id: wedgedNetwork.id })).toEqual([]);
    const [port] = await plugin.listPorts({ network_id: otherNetwork.id });
    expect(port['binding:vif_type']).toBe(VifType.OVS);
  });

  it('closes within a bound while a pre-commit hook is wedged', async () => {
    const wedging = scriptedDriver('wedging', () => undefined, { createPortPrecommit: never });
    engine = await startTestEngine([wedging], SHORT_DEADLINES);
    const network = await engine.plugin.createNetwork({});
    const pending = engine.plugin
      .createPort({ network_id: network.id })
      .catch((error: unknown) => error);
    const closing = engine;
    engine = undefined;
    const { ms } = await timed(() => closing.close());
    expect(ms).toBeLessThan(BOUND_MS);
    expect(await pending).toBeInstanceOf(MechanismDriverTimeout);
  });

  it('stores nothing a driver writes after its bindPort returned', async () => {
    const lateCalls: Array<Promise<unknown>> = [];
    const evil = scriptedDriver('evil', (context) => {
      // Returns at once, then binds from a timer it did not await.
      lateCalls.push(
        sleep(lateCalls.length % 3).then(() => {
          try {
            context.setBinding(context.segmentsToBind[0].id, 'evil_late', {});
            return 'accepted';
          } catch (error) {
            return error;
          }
        }),
      );
    });
    engine = await startTestEngine([evil], SHORT_DEADLINES);
    const network = await engine.plugin.createNetwork({});
    const ports = await Promise.all(
      Array.from({ length: 10 }, () =>
        engine!.plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' }),
      ),
    );
    const outcomes = await Promise.all(lateCalls);
    expect(outcomes).toHaveLength(10);
    for (const outcome of outcomes) expect(outcome).toBeInstanceOf(PortContextSealed);
    for (const port of ports) expect(port['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    const stored = await engine.plugin.listPorts({ network_id: network.id });
    expect(stored.map((port) => port['binding:vif_type'])).toEqual(
      Array(10).fill(VifType.BINDING_FAILED),
    );
    for (const port of stored) expect(await engine.plugin.getBindingLevels(port.id)).toEqual([]);
  });

  it('allocates no segment for a driver that asks after its bindPort returned', async () => {
    let late: Promise<unknown> | undefined;
    const leaky = scriptedDriver('leaky', (context) => {
      late = sleep(10).then(() =>
        context.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork: 'physnet1' }).then(
          () => 'allocated',
          (error: unknown) => error,
        ),
      );
    });
    engine = await startTestEngine([leaky, goodDriver()], SHORT_DEADLINES);
    const network = await engine.plugin.createNetwork({});
    const before = await engine.plugin.listSegments(network.id);
    await engine.plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(await late).toBeInstanceOf(PortContextSealed);
    expect(await engine.plugin.listSegments(network.id)).toEqual(before);
  });

  describe.each([
    [
      '5 MiB of vif_details',
      (context: PortContext) =>
        context.setBinding(context.segmentsToBind[0].id, VifType.OVS, {
          blob: 'x'.repeat(5 * 1024 * 1024),
        }),
      'at most 4095 fit the vif_details column',
    ],
    [
      'a BigInt in vif_details',
      (context: PortContext) =>
        context.setBinding(context.segmentsToBind[0].id, VifType.OVS, { vlan_id: 100n }),
      'vif_details.vlan_id is a BigInt (100n)',
    ],
    [
      'a segment it was not offered',
      (context: PortContext) => context.setBinding('not-offered-segment', VifType.OVS, {}),
      'segment "not-offered-segment" was not offered at level 0',
    ],
    [
      'a next segment it made up',
      (context: PortContext) => {
        const [offered] = context.segmentsToBind;
        context.continueBinding(offered.id, [{ ...offered, id: 'made-up', isDynamic: true }]);
      },
      'nextSegments[0] (made-up) is neither a segment of network',
    ],
  ])('a driver that binds with %s', (_label, bind, problem) => {
    it('is traced as an error and the next driver binds', async () => {
      engine = await startTestEngine([scriptedDriver('broken', bind), goodDriver()]);
      const network = await engine.plugin.createNetwork({});
      const port = await engine.plugin.createPort({
        network_id: network.id,
        'binding:host_id': 'host1',
      });
      expect(port['binding:vif_type']).toBe(VifType.OVS);
      const trace = await engine.plugin.explainBinding(port.id);
      expect(trace?.attempts[0].entries[0]).toMatchObject({
        driver: 'broken',
        decision: 'error',
        error: expect.stringContaining(problem),
      });
    });

    it('alone leaves the port binding_failed with nothing of it stored', async () => {
      engine = await startTestEngine([scriptedDriver('broken', bind)]);
      const network = await engine.plugin.createNetwork({});
      const port = await engine.plugin.createPort({
        network_id: network.id,
        'binding:host_id': 'host1',
      });
      expect(port['binding:vif_type']).toBe(VifType.BINDING_FAILED);
      expect(port['binding:vif_details']).toEqual({});
      const stored = await engine.store.read((manager) =>
        manager.findOneByOrFail(PortBinding, { portId: port.id }),
      );
      expect(stored.vifDetails).toBe('');
      const trace = await engine.plugin.explainBinding(port.id);
      expect(trace).not.toBeNull();
      expect(explainTrace(trace!).join('\n')).toContain(problem);
    });
  });

  it('logs a post-commit hook past the deadline like one that threw, and the update stands', async () => {
    const logger = new RecordingLogger();
    const wedging = scriptedDriver('wedging', () => undefined, { updatePortPostcommit: never });
    engine = await startTestEngine([wedging], SHORT_DEADLINES, { logger });
    const network = await engine.plugin.createNetwork({});
    const port = await engine.plugin.createPort({ network_id: network.id });
    const { ms, value: updated } = await timed(() =>
      engine!.plugin.updatePort(port.id, { name: 'renamed' }),
    );
    expect(ms).toBeLessThan(BOUND_MS);
    expect(updated.name).toBe('renamed');
    expect(logger.at('error').map((entry) => entry.message)).toContain(
      'update_port_postcommit failed',
    );
  });

  it('undoes a create whose create post-commit hook misses the deadline, as if it threw', async () => {
    const wedging = scriptedDriver('wedging', () => undefined, { createPortPostcommit: never });
    engine = await startTestEngine([wedging], SHORT_DEADLINES);
    const network = await engine.plugin.createNetwork({});
    await expect(engine.plugin.createPort({ network_id: network.id })).rejects.toBeInstanceOf(
      MechanismDriverTimeout,
    );
    expect(await engine.plugin.listPorts()).toEqual([]);
  });
});

describe('closing the engine while a driver is wedged in background rebinding', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ml2ts-wedged-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function openEngine(database: string, driver: MechanismDriver): Promise<Engine> {
    return createEngine({
      database,
      overrides: {
        ml2: {
          mechanism_drivers: [driver.name],
          tenant_network_types: ['vxlan'],
          driver_timeout: 0.1,
          precommit_timeout: 0.1,
        },
        ml2_type_vxlan: { vni_ranges: ['1001:1010'] },
      },
      driverModules: { [driver.name]: moduleOf(driver) },
    });
  }

  it('finishes within the deadline', async () => {
    const database = join(folder, 'ml2ts.sqlite');
    const first = await openEngine(
      database,
      scriptedDriver('wedged', () => undefined),
    );
    const network = await first.plugin.createNetwork({});
    const port = await first.plugin.createPort({
      network_id: network.id,
      'binding:host_id': 'host1',
    });
    // As a crash between the port's write and the binding's commit would leave it.
    await first.store.transaction(async (manager) => {
      await manager.update(PortBinding, { portId: port.id }, { vifType: VifType.UNBOUND });
    });
    await first.close();

    let called!: () => void;
    const bindPortCalled = new Promise<void>((resolve) => (called = resolve));
    const second = await openEngine(
      database,
      scriptedDriver('wedged', () => {
        called();
        return never();
      }),
    );
    await bindPortCalled;
    const { ms } = await timed(() => second.close());
    expect(ms).toBeLessThan(600);
    expect(await second.interruptedBindings).toBe(1);
  });
});
