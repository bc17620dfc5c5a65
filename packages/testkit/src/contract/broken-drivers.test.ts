import { join } from 'node:path';
import { createEngine, type Engine } from '@ml2ts/core';
import {
  type AgentView,
  DI,
  type MechanismDriver,
  type Ml2Configuration,
  type PortContext,
  PortContextSealed,
  type Segment,
  type VifDetails,
} from '@ml2ts/driver-api';
import { ContainerModule } from 'inversify';
import { makeConfiguration } from '../fixtures/make-configuration';
import { type ContractGroup, runContractGroup } from './contract-group';
import { type DriverHook } from './contract-hooks';
import { type DriverCapabilities } from '@ml2ts/driver-api';
import {
  agentLiveness,
  bindPortBasics,
  bindPortDeadline,
  bindPortPurity,
  contextLifetime,
  driverModule,
  hierarchicalBinding,
  otherHostAgents,
  physicalNetworkMappings,
  precommitDeadline,
  tunnelTypes,
  vifDetailsShape,
  vnicTypeFiltering,
} from './groups';
import { type MechanismDriverContractOptions } from './mechanism-driver-contract-options';
import { ReferenceAgentDriver } from './test-support/reference-agent-driver';
import {
  referenceAgentCapabilities,
  referenceFabricCapabilities,
} from './test-support/reference-capabilities';
import { ReferenceFabricDriver } from './test-support/reference-fabric-driver';

const packageDir = join(__dirname, 'test-support', 'reference-package');

// ---- Drivers broken on purpose, each in one way. ----

/** `context` with some members replaced; methods still run on the real context. */
function overriding(context: PortContext, members: Partial<PortContext>): PortContext {
  return new Proxy(context, {
    get(target, key) {
      if (Object.hasOwn(members, key)) return members[key as keyof PortContext];
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Gives SR-IOV style `vlan` as a number instead of a string. */
class WrongVlanTypeDriver extends ReferenceAgentDriver {
  protected override vifDetails(context: PortContext, segment: Segment): VifDetails {
    const details = super.vifDetails(context, segment);
    if (details.vlan === undefined) return details;
    return { ...details, vlan: segment.segmentationId ?? 0 } as unknown as VifDetails;
  }
}

/** Binds through dead agents as if they were alive. */
class DeadAgentsDriver extends ReferenceAgentDriver {
  protected override usableAgents(_context: PortContext, agents: readonly AgentView[]) {
    return agents;
  }
}

/** The segment each port was bound to, kept between calls: state that survives a lost race. */
const boundSegments = new Map<
  string,
  { segmentId: string; vifType: string; details: VifDetails }
>();

/** Remembers in a module-level map what it bound per port and answers from it next time. */
class MapStoreDriver extends ReferenceAgentDriver {
  override bindPort(context: PortContext): void {
    const known = boundSegments.get(context.current.id);
    if (known) {
      context.setBinding(known.segmentId, known.vifType, known.details);
      return;
    }
    super.bindPort(context);
  }
  protected override bindSegment(context: PortContext, segment: Segment): void {
    super.bindSegment(context, segment);
    boundSegments.set(context.current.id, {
      segmentId: segment.id,
      vifType: context.vifType,
      details: { ...context.vifDetails },
    });
  }
}

/** Stores a dynamic segment in bindPort although it is not hierarchical. */
class AllocatingDriver extends ReferenceAgentDriver {
  override async bindPort(context: PortContext): Promise<void> {
    await context.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork: 'physnet1' });
    await super.bindPort(context);
  }
}

/** Binds every vnic type as if it were `normal`. */
class AnyVnicTypeDriver extends ReferenceAgentDriver {
  override bindPort(context: PortContext): void | Promise<void> {
    return super.bindPort(overriding(context, { vnicType: 'normal' }));
  }
}

/** Binds flat and vlan segments whatever the agent maps. */
class UnmappedPhysnetDriver extends ReferenceAgentDriver {
  protected override refusal(segment: Segment, agent: AgentView) {
    const refusal = super.refusal(segment, agent);
    return refusal?.code === 'physnet_not_mapped' ? null : refusal;
  }
}

/** Binds vxlan segments whatever tunnel types the agent reports. */
class AnyTunnelDriver extends ReferenceAgentDriver {
  protected override refusal(segment: Segment, agent: AgentView) {
    const refusal = super.refusal(segment, agent);
    return refusal?.code === 'tunnel_type_not_supported' ? null : refusal;
  }
}

/** Sets a vif_type its capabilities do not declare. */
class UndeclaredVifTypeDriver extends ReferenceAgentDriver {
  protected override bindSegment(context: PortContext, segment: Segment): void {
    context.setBinding(segment.id, 'vrouter', this.vifDetails(context, segment));
  }
}

/** Binds the network's first segment, offered or not. */
class UnofferedSegmentDriver extends ReferenceAgentDriver {
  protected override bindSegment(context: PortContext, segment: Segment): void {
    const first = context.network.networkSegments[0] ?? segment;
    super.bindSegment(context, first);
  }
}

/** Finishes binding after bindPort returned. */
class LateBindingDriver extends ReferenceAgentDriver {
  protected override bindSegment(context: PortContext, segment: Segment): void {
    setTimeout(() => super.bindSegment(context, segment), 0);
  }
}

/** Never answers. */
class NeverSettlingDriver extends ReferenceAgentDriver {
  override bindPort(): Promise<void> {
    return new Promise<void>(() => undefined);
  }
}

/** Answers, correctly, but only after 200 ms. */
class SlowDriver extends ReferenceAgentDriver {
  override async bindPort(context: PortContext): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await super.bindPort(context);
  }
}

/** Finishes binding 20 ms after bindPort returned, late enough to look done at first. */
class LaterBindingDriver extends ReferenceAgentDriver {
  protected override bindSegment(context: PortContext, segment: Segment): void {
    setTimeout(() => super.bindSegment(context, segment), 20);
  }
}

/** Rebinds the port from its post-commit hook. */
class PostcommitBindingDriver extends ReferenceAgentDriver {
  updatePortPostcommit(context: PortContext): void {
    const segment = context.network.networkSegments[0];
    if (segment) context.setBinding(segment.id, 'tap', { connectivity: 'l2', port_filter: true });
  }
}

/** Refuses without saying why. */
class SilentDriver extends ReferenceAgentDriver {
  override bindPort(context: PortContext): void | Promise<void> {
    return super.bindPort(overriding(context, { decline: () => undefined }));
  }
}

/** Releases the dynamic segment below level 0 whoever bound level 0. */
class ForeignReleaseFabricDriver extends ReferenceFabricDriver {
  protected override async releaseUnused(context: PortContext): Promise<void> {
    const below = context.originalBindingLevels[1]?.segment;
    if (below?.isDynamic) await context.releaseDynamicSegment(below.id);
  }
}

/** Continues from any segment, so it continues again at every level below. */
class EndlessFabricDriver extends ReferenceFabricDriver {
  override async bindPort(context: PortContext): Promise<void> {
    const [segment] = context.segmentsToBind;
    const vlan = await context.allocateDynamicSegment({
      networkType: 'vlan',
      physicalNetwork: `physnet-${context.bindingLevels.length}`,
    });
    context.continueBinding(segment.id, [vlan]);
  }
}

/** Busy-waits `milliseconds`, holding the thread as a synchronous backend call would. */
function spin(milliseconds: number): void {
  const until = Date.now() + milliseconds;
  while (Date.now() < until) {
    // Holding the thread on purpose.
  }
}

/** Binds correctly, but holds the thread for 100 ms first. */
class SpinningDriver extends ReferenceAgentDriver {
  override bindPort(context: PortContext): void | Promise<void> {
    spin(100);
    return super.bindPort(context);
  }
}

/** Keeps every context it binds in a map of its own, by port id. */
class MapKeptContextDriver extends ReferenceAgentDriver {
  readonly contexts = new Map<string, PortContext>();
  override bindPort(context: PortContext): void | Promise<void> {
    this.contexts.set(context.current.id, context);
    return super.bindPort(context);
  }
}

/** Keeps the last context it bound in a static property. */
class StaticKeptContextDriver extends ReferenceAgentDriver {
  static last: PortContext | undefined;
  override bindPort(context: PortContext): void | Promise<void> {
    StaticKeptContextDriver.last = context;
    return super.bindPort(context);
  }
}

/** The context each driver bound last, out of the drivers' reach (a module-level weak map). */
const keptContexts = new WeakMap<MechanismDriver, PortContext>();

/** Binds the previous port again, on its old context, at the start of the next bindPort call. */
class NextCallBindingDriver extends ReferenceAgentDriver {
  override bindPort(context: PortContext): void | Promise<void> {
    const previous = keptContexts.get(this);
    keptContexts.set(this, context);
    const segment = previous?.segmentsToBind[0];
    if (segment) previous.setBinding(segment.id, 'tap', { connectivity: 'l2' });
    return super.bindPort(context);
  }
}

/** Binds correctly, then binds again 120 ms later from a timer, past the 50 ms watch. */
class DelayedTimerBindingDriver extends ReferenceAgentDriver {
  override bindPort(context: PortContext): void | Promise<void> {
    const segment = context.segmentsToBind[0];
    setTimeout(() => {
      if (segment) context.setBinding(segment.id, 'tap', { connectivity: 'l2' });
    }, 120);
    return super.bindPort(context);
  }
}

/** Allocates a segment on the last bindPort context from its updatePortPostcommit hook. */
class HookAllocatingDriver extends ReferenceAgentDriver {
  override bindPort(context: PortContext): void | Promise<void> {
    keptContexts.set(this, context);
    return super.bindPort(context);
  }
  async updatePortPostcommit(): Promise<void> {
    await keptContexts
      .get(this)
      ?.allocateDynamicSegment({ networkType: 'vlan', physicalNetwork: 'physnet1' });
  }
}

/** Continues the binding once more, 30 ms after bindPort returned. */
class LateContinuingFabricDriver extends ReferenceFabricDriver {
  override async bindPort(context: PortContext): Promise<void> {
    await super.bindPort(context);
    const [segment] = context.segmentsToBind;
    setTimeout(() => {
      if (segment) context.continueBinding(segment.id, [segment]);
    }, 30);
  }
}

/** The reference driver with `hook` replaced by `block`. */
function blockingIn(
  hook: DriverHook,
  block: () => unknown,
): new (configuration: Ml2Configuration) => MechanismDriver {
  return class extends ReferenceAgentDriver {
    constructor(configuration: Ml2Configuration) {
      super(configuration);
      Object.assign(this, { [hook]: block });
    }
  };
}

/** Waits `milliseconds` on a timer, as a call to a backend would. */
const waiting = (milliseconds: number) => () =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

// ---- Running groups against them. ----

function agentOptions(
  Driver: new (configuration: Ml2Configuration) => MechanismDriver,
  capabilities: DriverCapabilities = referenceAgentCapabilities,
): MechanismDriverContractOptions {
  return { createDriver: (configuration) => new Driver(configuration), capabilities, packageDir };
}

/** As `agentOptions`, with `[ml2] driver_timeout` 50 ms so that a hanging turn fails fast. */
function shortDeadlineOptions(
  Driver: new (configuration: Ml2Configuration) => MechanismDriver,
): MechanismDriverContractOptions {
  return { ...agentOptions(Driver), configuration: { ml2: { driver_timeout: 0.05 } } };
}

function fabricOptions(Driver: new () => MechanismDriver): MechanismDriverContractOptions {
  return {
    createDriver: () => new Driver(),
    capabilities: referenceFabricCapabilities,
    packageDir,
  };
}

/** As `agentOptions`, with `[ml2] precommit_timeout` 50 ms so that a blocking hook fails fast. */
function shortPrecommitOptions(
  Driver: new (configuration: Ml2Configuration) => MechanismDriver,
): MechanismDriverContractOptions {
  return { ...agentOptions(Driver), configuration: { ml2: { precommit_timeout: 0.05 } } };
}

/** The pre-commit check a hook belongs to. */
function precommitCheckOf(hook: DriverHook): string {
  if (hook.includes('Port')) return 'port pre-commit hooks settle at once';
  if (hook.includes('Subnet')) return 'subnet pre-commit hooks settle at once';
  return 'network pre-commit hooks and checkVlanTransparency settle at once';
}

/** A driver waiting 500 ms in each pre-commit hook in turn fails the check of that hook. */
const PRECOMMIT_CASES: Array<
  [string, ContractGroup, MechanismDriverContractOptions, string, RegExp]
> = (
  [
    'createNetworkPrecommit',
    'updateNetworkPrecommit',
    'deleteNetworkPrecommit',
    'createSubnetPrecommit',
    'updateSubnetPrecommit',
    'deleteSubnetPrecommit',
    'createPortPrecommit',
    'updatePortPrecommit',
    'deletePortPrecommit',
  ] as const
).map((hook) => [
  `waiting 500 ms for a backend in ${hook}`,
  precommitDeadline,
  shortPrecommitOptions(blockingIn(hook, waiting(500))),
  precommitCheckOf(hook),
  new RegExp(`${hook} did not settle within 50 ms .*rolls it back`),
]);

/** Runs `group` and returns `{ check: message }` for each failed check. */
async function failuresOf(
  group: ContractGroup,
  options: MechanismDriverContractOptions,
): Promise<Record<string, string>> {
  const report = await runContractGroup(group, options);
  return Object.fromEntries(
    report.failures.map((failure) => [failure.check, failure.error.message]),
  );
}

describe('the contract suite fails drivers broken on purpose', () => {
  const cases: Array<[string, ContractGroup, MechanismDriverContractOptions, string, RegExp]> = [
    [
      'a vlan vif detail given as a number',
      vifDetailsShape,
      agentOptions(WrongVlanTypeDriver),
      'sets hw_veb with vif_details of its declared shape on every network type',
      /vlan must be string \(driver API VifDetails\), not the number \d+/,
    ],
    [
      'binding through dead agents',
      agentLiveness,
      agentOptions(DeadAgentsDriver),
      'declines when its only agent on the host is dead',
      /expected bindPort to decline because the only agent is dead .* but it bound segment/,
    ],
    [
      'binding through a dead agent while another host has a live one',
      otherHostAgents,
      agentOptions(DeadAgentsDriver),
      "declines when the host's agent is dead and another host's is alive",
      /but it bound segment/,
    ],
    [
      'remembering bound segments in a module-level map',
      bindPortPurity,
      agentOptions(MapStoreDriver),
      'leaves nothing behind when its result loses the commit race',
      /bound segment .* which is not in segmentsToBind|keeps state between calls/,
    ],
    [
      'allocating a dynamic segment without being hierarchical',
      bindPortPurity,
      agentOptions(AllocatingDriver),
      'writes nothing persistent in bindPort',
      /called allocateDynamicSegment\(.*\), but the driver is not declared hierarchical/,
    ],
    [
      'binding every vnic type',
      vnicTypeFiltering,
      agentOptions(AnyVnicTypeDriver),
      'declines macvtap ports',
      /because macvtap is not a declared vnic type/,
    ],
    [
      'ignoring the physical network mappings',
      physicalNetworkMappings,
      agentOptions(UnmappedPhysnetDriver),
      'declines a vlan segment whose physical network is not in bridge_mappings',
      /physnet-unmapped is not in the agent's bridge_mappings/,
    ],
    [
      "ignoring the agent's tunnel types",
      tunnelTypes,
      agentOptions(AnyTunnelDriver),
      'declines a vxlan segment when the agent reports no tunnel type',
      /the agent reports no tunnel_types/,
    ],
    [
      'setting an undeclared vif_type',
      bindPortBasics,
      agentOptions(UndeclaredVifTypeDriver),
      'gives every binding a declared vif_type and every refusal a reason',
      /set vif_type "vrouter", which the capabilities do not declare/,
    ],
    [
      'binding a segment that was not offered',
      bindPortBasics,
      agentOptions(UnofferedSegmentDriver),
      'binds only a segment offered in segmentsToBind',
      /which is not in segmentsToBind/,
    ],
    [
      'binding after bindPort returned',
      bindPortBasics,
      agentOptions(LateBindingDriver),
      'binds a normal port on a local segment',
      /called the context after it returned/,
    ],
    [
      'a bindPort that never settles',
      bindPortDeadline,
      shortDeadlineOptions(NeverSettlingDriver),
      'settles within the deadline for every vnic type and network type',
      /bindPort did not settle within 50 ms .*counts the driver as not bound/,
    ],
    [
      'a bindPort slower than the deadline',
      bindPortDeadline,
      shortDeadlineOptions(SlowDriver),
      'settles within the deadline for every vnic type and network type',
      /bindPort did not settle within 50 ms/,
    ],
    [
      'binding 20 ms after bindPort returned',
      bindPortDeadline,
      agentOptions(LaterBindingDriver),
      'leaves the context alone once bindPort returned (for 50 ms)',
      /bindPort called the context \d+ ms after it returned .*PortContextSealed/,
    ],
    [
      'binding from a post-commit hook',
      bindPortBasics,
      agentOptions(PostcommitBindingDriver),
      'calls setBinding and continueBinding only inside bindPort',
      /updatePortPostcommit called setBinding/,
    ],
    [
      'refusing without a reason',
      bindPortBasics,
      agentOptions(SilentDriver),
      'gives every binding a declared vif_type and every refusal a reason',
      /neither bound nor declined/,
    ],
    [
      'declaring vlan as a number',
      vifDetailsShape,
      agentOptions(ReferenceAgentDriver, {
        ...referenceAgentCapabilities,
        vifTypes: {
          ...referenceAgentCapabilities.vifTypes,
          hw_veb: { details: { vlan: { type: 'number' } }, when: { vnicType: 'direct' } },
        },
      }),
      'declares its vif types and vif_details keys as the driver API types them',
      /hw_veb: vlan is declared number, but the driver API types it string/,
    ],
    [
      'a name its package manifest does not declare',
      driverModule,
      agentOptions(
        class RenamedDriver extends ReferenceAgentDriver {
          override readonly name: string = 'renamed';
        },
        { ...referenceAgentCapabilities, name: 'renamed' },
      ),
      'is declared as renamed in its package manifest',
      /declares \[fabric, reference\], not renamed/,
    ],
    [
      'releasing a dynamic segment of another driver',
      hierarchicalBinding,
      fabricOptions(ForeignReleaseFabricDriver),
      'releases no segment that is not its own or still in use',
      /released segment-dynamic-contract \(updatePortPostcommit for levels of another driver\)/,
    ],
    [
      'continuing at every level',
      hierarchicalBinding,
      fabricOptions(EndlessFabricDriver),
      'stops continuing as the binding descends',
      /kept continuing with the segments it handed down for 10 levels/,
    ],
    [
      'holding the thread in bindPort past the deadline',
      bindPortDeadline,
      shortDeadlineOptions(SpinningDriver),
      'settles within the deadline for every vnic type and network type',
      /bindPort did not settle within 50 ms/,
    ],
    [
      'keeping bindPort contexts in a map',
      contextLifetime,
      agentOptions(MapKeptContextDriver),
      'keeps no reference to a bindPort context once bindPort returned',
      /keeps the context bindPort got for vnic type normal.* in driver\.contexts\.get\("port-lifetime-normal"\) after bindPort returned/,
    ],
    [
      'keeping the last bindPort context in a static property',
      contextLifetime,
      agentOptions(StaticKeptContextDriver),
      'keeps no reference to a bindPort context once bindPort returned',
      /in StaticKeptContextDriver\.last after bindPort returned/,
    ],
    [
      'binding the previous port on its old context in the next bindPort call',
      contextLifetime,
      agentOptions(NextCallBindingDriver),
      'calls no bindPort context later: in the next bindPort, in another hook or in a timer (watched for 250 ms)',
      /setBinding was called on the context bindPort got for .* after that bindPort returned, while the suite was calling bindPort for .*PortContextSealed/,
    ],
    [
      'binding again from a timer 120 ms after bindPort returned',
      contextLifetime,
      agentOptions(DelayedTimerBindingDriver),
      'calls no bindPort context later: in the next bindPort, in another hook or in a timer (watched for 250 ms)',
      /setBinding was called on the context bindPort got for .*, 1[2-9]\d ms after that bindPort returned/,
    ],
    [
      'allocating a segment on a kept bindPort context in a later hook',
      contextLifetime,
      agentOptions(HookAllocatingDriver),
      'calls no bindPort context later: in the next bindPort, in another hook or in a timer (watched for 250 ms)',
      /allocateDynamicSegment was called on the context bindPort got for .* while the suite was calling updatePortPostcommit/,
    ],
    [
      'continuing a binding from a timer after bindPort returned',
      contextLifetime,
      fabricOptions(LateContinuingFabricDriver),
      'calls no bindPort context later: in the next bindPort, in another hook or in a timer (watched for 250 ms)',
      /continueBinding was called on the context bindPort got for/,
    ],
    [
      'a createPortPrecommit that never settles',
      precommitDeadline,
      agentOptions(blockingIn('createPortPrecommit', () => new Promise<void>(() => undefined))),
      'port pre-commit hooks settle at once',
      /createPortPrecommit did not settle within 250 ms \(creating a normal port on host1\).*MechanismDriverTimeout/,
    ],
    [
      'holding the thread for 100 ms in createSubnetPrecommit',
      precommitDeadline,
      shortPrecommitOptions(blockingIn('createSubnetPrecommit', () => spin(100))),
      'subnet pre-commit hooks settle at once',
      /createSubnetPrecommit did not settle within 50 ms \(creating a subnet of a/,
    ],
    [
      'holding the thread for 100 ms in checkVlanTransparency',
      precommitDeadline,
      shortPrecommitOptions(
        blockingIn('checkVlanTransparency', () => {
          spin(100);
          return true;
        }),
      ),
      'network pre-commit hooks and checkVlanTransparency settle at once',
      /checkVlanTransparency did not settle within 50 ms .*asked inside the create-network transaction/,
    ],
    ...PRECOMMIT_CASES,
  ];

  const titled = cases.map(
    ([label, group, ...rest]) => [label, group.title, group, ...rest] as const,
  );
  it.each(titled)('%s fails "%s"', async (_label, _title, group, options, checkName, message) => {
    const failures = await failuresOf(group, options);
    expect(Object.keys(failures)).toContain(checkName);
    expect(failures[checkName]).toMatch(message);
  });

  it.each([
    ['reference', agentOptions(ReferenceAgentDriver)],
    ['fabric', fabricOptions(ReferenceFabricDriver)],
  ])('the unbroken %s driver passes the groups the broken ones fail', async (_name, options) => {
    const groups = new Set(cases.map(([, group]) => group));
    for (const group of groups) {
      const report = await runContractGroup(group, options);
      expect(report.failures).toEqual([]);
      expect(report.passed.length).toBe(group.checks(options).length);
    }
  });
});

describe('runContractGroup', () => {
  it('reports every check, passed or failed, with the error of each failure', async () => {
    const report = await runContractGroup(agentLiveness, agentOptions(DeadAgentsDriver));
    expect(report.group).toBe('dead-and-absent-agents');
    expect(report.passed).toEqual(
      expect.arrayContaining(['declines when no agent is registered on the host']),
    );
    expect(report.failures.map((failure) => failure.check)).toEqual([
      'declines when its only agent on the host is dead',
    ]);
    expect(report.failures[0].error.name).toBe('ContractViolation');
  });
});

// ---- The engine keeps drivers broken on purpose from doing harm. ----

/** `Driver` under another name, so that it can be loaded next to the reference driver. */
function named(
  name: string,
  Driver: new (configuration: Ml2Configuration) => MechanismDriver,
): MechanismDriver {
  const driver = new Driver(makeConfiguration());
  Object.defineProperty(driver, 'name', { value: name });
  return driver;
}

/** Keeps its context and binds 5 ms after returning, remembering what the context answered. */
class KeptContextDriver extends ReferenceAgentDriver {
  readonly late: Array<Promise<unknown>> = [];
  protected override bindSegment(context: PortContext, segment: Segment): void {
    this.late.push(
      new Promise((resolve) => setTimeout(resolve, 5)).then(() => {
        try {
          context.setBinding(segment.id, 'evil_late', {});
          return 'accepted';
        } catch (error) {
          return error;
        }
      }),
    );
  }
}

/** Binds with 5 MiB of vif_details. */
class HugeDetailsDriver extends ReferenceAgentDriver {
  protected override vifDetails(): VifDetails {
    return { blob: 'x'.repeat(5 * 1024 * 1024) };
  }
}

/** An engine with `drivers` in order, a live reference agent on host1, [ml2] driver_timeout 50 ms. */
async function engineWith(drivers: readonly MechanismDriver[]): Promise<Engine> {
  const engine = await createEngine({
    database: ':memory:',
    overrides: {
      ml2: {
        mechanism_drivers: drivers.map((driver) => driver.name),
        tenant_network_types: ['vxlan'],
        driver_timeout: 0.05,
        precommit_timeout: 0.05,
      },
      ml2_type_vxlan: { vni_ranges: ['1001:1010'] },
    },
    driverModules: Object.fromEntries(
      drivers.map((driver) => [
        driver.name,
        new ContainerModule(({ bind }) => {
          bind(DI.MECHANISM_DRIVER).toConstantValue(driver);
        }),
      ]),
    ),
  });
  await engine.plugin.rpc.reportState({
    agent_type: 'Reference agent',
    binary: 'reference-agent',
    host: 'host1',
    topic: 'N/A',
    configurations: { tunnel_types: ['vxlan'], bridge_mappings: {} },
  });
  return engine;
}

describe('the engine contains drivers broken on purpose', () => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  async function bindOnHost1(): Promise<{ vifType: unknown; decisions: string[][] }> {
    const network = await engine!.plugin.createNetwork({});
    const port = await engine!.plugin.createPort({
      network_id: network.id,
      'binding:host_id': 'host1',
    });
    const trace = await engine!.plugin.explainBinding(port.id);
    return {
      vifType: port['binding:vif_type'],
      decisions: (trace?.attempts[0].entries ?? []).map((entry) => [entry.driver, entry.decision]),
    };
  }

  it('asks the next driver when one never settles', async () => {
    const reference = new ReferenceAgentDriver(makeConfiguration());
    engine = await engineWith([named('never-settling', NeverSettlingDriver), reference]);
    expect(await bindOnHost1()).toEqual({
      vifType: 'tap',
      decisions: [
        ['never-settling', 'timeout'],
        ['reference', 'bound'],
      ],
    });
  });

  it('ignores a driver that binds after its bindPort returned', async () => {
    const kept = named('kept-context', KeptContextDriver) as KeptContextDriver;
    engine = await engineWith([kept]);
    const { vifType } = await bindOnHost1();
    expect(vifType).toBe('binding_failed');
    const [late] = await Promise.all(kept.late);
    expect(late).toBeInstanceOf(PortContextSealed);
    const [port] = await engine.plugin.listPorts();
    expect(port['binding:vif_type']).toBe('binding_failed');
  });

  it('refuses 5 MiB of vif_details and asks the next driver', async () => {
    const reference = new ReferenceAgentDriver(makeConfiguration());
    engine = await engineWith([named('huge-details', HugeDetailsDriver), reference]);
    expect(await bindOnHost1()).toEqual({
      vifType: 'tap',
      decisions: [
        ['huge-details', 'error'],
        ['reference', 'bound'],
      ],
    });
  });
});
