import {
  type AgentView,
  ConfigurationError,
  type Logger,
  OWNERS_WITHOUT_PROVISIONING_BLOCK,
  type PortContext,
  type Segment,
} from '@ml2ts/driver-api';
import {
  AgentMechanismDriverBase,
  type AgentMechanismDriverOptions,
} from './agent-mechanism-driver-base';
import {
  agent,
  segment,
  subnet,
  testPortContext,
  type TestPortContextOptions,
} from './test-support/test-port-context';

const AGENT_TYPE = 'Probe agent';

/** A driver that binds the segments listed in `bindable` and records every try. */
class ProbeDriver extends AgentMechanismDriverBase {
  readonly tries: Array<{ segmentId: string; agentId: string }> = [];
  constructor(
    private readonly bindable: readonly string[] = [],
    options: Partial<AgentMechanismDriverOptions> = {},
  ) {
    super({
      name: 'probe',
      agentType: AGENT_TYPE,
      supportedVnicTypes: ['normal', 'direct', 'smart-nic'],
      ...options,
    });
  }
  protected tryToBindSegmentForAgent(
    context: PortContext,
    candidate: Segment,
    hostAgent: AgentView,
  ): boolean {
    this.tries.push({ segmentId: candidate.id, agentId: hostAgent.id });
    if (!this.bindable.includes(candidate.id)) return false;
    context.setBinding(candidate.id, 'probe', {});
    return true;
  }
}

const s1 = segment('s1', 'vlan', 'physnet1', 100);
const s2 = segment('s2', 'vxlan', null, 1001);
const liveAgent = agent({ id: 'a1', agentType: AGENT_TYPE });

describe('AgentMechanismDriverBase construction', () => {
  it('removes the prohibit list from the supported vnic types, keeping their order', () => {
    const driver = new ProbeDriver([], { vnicTypeProhibitList: ['direct'] });
    expect(driver.supportedVnicTypes).toEqual(['normal', 'smart-nic']);
    expect(driver.prohibitedVnicTypes).toEqual(['direct']);
  });

  it('reports connectivity l2, its name and agent type', () => {
    const driver = new ProbeDriver();
    expect(driver.connectivity).toBe('l2');
    expect(driver.name).toBe('probe');
    expect(driver.agentType).toBe(AGENT_TYPE);
    expect(driver.supportedVnicTypes).toEqual(['normal', 'direct', 'smart-nic']);
  });

  it('refuses a prohibited vnic type the driver does not support, naming option, value and types', () => {
    const build = () =>
      new ProbeDriver([], {
        vnicTypeProhibitList: ['macvtap'],
        prohibitListOption: 'probe_driver.vnic_type_prohibit_list',
      });
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(/probe_driver\.vnic_type_prohibit_list/);
    expect(build).toThrow(/\["macvtap"\]/);
    expect(build).toThrow(/normal, direct, smart-nic/);
  });

  it('refuses a prohibit list that leaves nothing to support', () => {
    expect(
      () => new ProbeDriver([], { vnicTypeProhibitList: ['normal', 'direct', 'smart-nic'] }),
    ).toThrow(/at least one/);
  });

  it('names a default option after the driver', () => {
    expect(() => new ProbeDriver([], { vnicTypeProhibitList: ['vdpa'] })).toThrow(
      expect.objectContaining({ option: 'probe.vnic_type_prohibit_list' }),
    );
  });
});

describe('AgentMechanismDriverBase.bindPort', () => {
  it('declines an unsupported vnic type before looking at segments or agents', () => {
    const driver = new ProbeDriver(['s1']);
    const context = testPortContext({
      vnicType: 'macvtap',
      segments: [s1],
      subnets: [subnet('sub', 'other')],
      agents: [liveAgent],
    });
    const hostAgents = jest.spyOn(context, 'hostAgents');
    driver.bindPort(context);
    expect(context.declines).toEqual([
      {
        code: 'vnic_type_not_supported',
        facts: { vnicType: 'macvtap', supported: ['normal', 'direct', 'smart-nic'] },
      },
    ]);
    expect(hostAgents).not.toHaveBeenCalled();
    expect(driver.tries).toEqual([]);
  });

  it('declines a prohibited vnic type with its own code', () => {
    const driver = new ProbeDriver(['s1'], { vnicTypeProhibitList: ['direct'] });
    const context = testPortContext({ vnicType: 'direct', segments: [s1], agents: [liveAgent] });
    driver.bindPort(context);
    expect(context.declines).toEqual([
      {
        code: 'vnic_type_prohibited',
        facts: { vnicType: 'direct', supported: ['normal', 'smart-nic'], prohibited: ['direct'] },
      },
    ]);
    expect(context.bindings).toEqual([]);
  });

  it('treats an empty vnic type as normal', () => {
    const driver = new ProbeDriver(['s1']);
    const context = testPortContext({ vnicType: '', segments: [s1], agents: [liveAgent] });
    driver.bindPort(context);
    expect(context.bindings).toHaveLength(1);
  });

  it('tries every segment when the port has no fixed IPs', () => {
    const driver = new ProbeDriver();
    const context = testPortContext({ segments: [s1, s2], agents: [liveAgent] });
    driver.bindPort(context);
    expect(driver.tries.map((t) => t.segmentId)).toEqual(['s1', 's2']);
  });

  it('keeps only segments the subnets allow, declining the others', () => {
    const driver = new ProbeDriver();
    const context = testPortContext({
      segments: [s1, s2],
      subnets: [subnet('sub-a', 's2'), subnet('sub-b', 's2')],
      agents: [liveAgent],
    });
    driver.bindPort(context);
    expect(driver.tries.map((t) => t.segmentId)).toEqual(['s2']);
    expect(context.declines).toEqual([
      {
        code: 'segment_not_in_subnet',
        segmentId: 's1',
        facts: { subnetIds: ['sub-a', 'sub-b'], subnetSegmentIds: ['s2', 's2'] },
      },
    ]);
  });

  it('lets an unsegmented subnet reach every segment', () => {
    const driver = new ProbeDriver();
    const context = testPortContext({
      segments: [s1, s2],
      subnets: [subnet('routed', 's2'), subnet('plain', null)],
      agents: [liveAgent],
    });
    driver.bindPort(context);
    expect(driver.tries.map((t) => t.segmentId)).toEqual(['s1', 's2']);
    expect(context.declines).toEqual([]);
  });

  it('binds nothing when every subnet is tied to another segment', () => {
    const driver = new ProbeDriver(['s1', 's2']);
    const context = testPortContext({
      segments: [s1, s2],
      subnets: [subnet('sub', 'elsewhere')],
      agents: [liveAgent],
    });
    driver.bindPort(context);
    expect(context.bindings).toEqual([]);
    expect(context.declines.map((d) => [d.code, d.segmentId])).toEqual([
      ['segment_not_in_subnet', 's1'],
      ['segment_not_in_subnet', 's2'],
    ]);
  });

  it('declines when no agent of its type is on the host', () => {
    const driver = new ProbeDriver(['s1']);
    const context = testPortContext({
      segments: [s1],
      agents: [
        agent({ id: 'other-type', agentType: 'Other agent' }),
        agent({ id: 'other-host', agentType: AGENT_TYPE, host: 'host2' }),
      ],
    });
    driver.bindPort(context);
    expect(context.declines).toEqual([
      { code: 'no_agent_on_host', facts: { agentType: AGENT_TYPE, host: 'host1' } },
    ]);
    expect(driver.tries).toEqual([]);
  });

  it('skips a dead agent with its heartbeat facts and a warning, then tries the next agent', () => {
    const warnings: unknown[] = [];
    const logger: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: (message, fields) => warnings.push({ message, fields }),
      error: () => undefined,
    };
    const driver = new ProbeDriver(['s1'], { logger });
    const dead = agent({
      id: 'dead',
      agentType: AGENT_TYPE,
      alive: false,
      heartbeatAgeSeconds: 3600,
      agentDownTime: 75,
    });
    const context = testPortContext({ segments: [s1], agents: [dead, liveAgent] });
    driver.bindPort(context);
    expect(context.declines).toEqual([
      {
        code: 'agent_dead',
        agentId: 'dead',
        facts: { heartbeatAgeSeconds: 3600, agentDownTime: 75 },
      },
    ]);
    expect(driver.tries).toEqual([{ segmentId: 's1', agentId: 'a1' }]);
    expect(context.bindings.map((b) => b.segmentId)).toEqual(['s1']);
    expect(warnings).toEqual([
      expect.objectContaining({ message: 'Refusing to bind port to dead agent' }),
    ]);
  });

  it('uses the computed alive flag only: an agent that is admin down still binds', () => {
    const driver = new ProbeDriver(['s1']);
    const adminDown = agent({ id: 'down', agentType: AGENT_TYPE, adminStateUp: false });
    const context = testPortContext({ segments: [s1], agents: [adminDown] });
    driver.bindPort(context);
    expect(context.bindings.map((b) => b.segmentId)).toEqual(['s1']);
  });

  it('skips agents without baremetal_smartnic for smart-nic ports', () => {
    const driver = new ProbeDriver(['s1']);
    const plain = agent({ id: 'plain', agentType: AGENT_TYPE });
    const smart = agent({
      id: 'smart',
      agentType: AGENT_TYPE,
      configurations: { baremetal_smartnic: true },
    });
    const context = testPortContext({
      vnicType: 'smart-nic',
      segments: [s1],
      agents: [plain, smart],
    });
    driver.bindPort(context);
    expect(context.declines).toEqual([
      {
        code: 'agent_not_smartnic',
        agentId: 'plain',
        facts: { vnicType: 'smart-nic', baremetalSmartnic: null },
      },
    ]);
    expect(driver.tries).toEqual([{ segmentId: 's1', agentId: 'smart' }]);
  });

  it('does not check smart-NIC capability for other vnic types', () => {
    const driver = new ProbeDriver(['s1']);
    const context = testPortContext({ segments: [s1], agents: [liveAgent] });
    driver.bindPort(context);
    expect(context.declines).toEqual([]);
  });

  it('tries segments in order per agent and stops at the first bound one', () => {
    const driver = new ProbeDriver(['s2']);
    const first = agent({ id: 'first', agentType: AGENT_TYPE });
    const second = agent({ id: 'second', agentType: AGENT_TYPE });
    const context = testPortContext({ segments: [s1, s2], agents: [first, second] });
    driver.bindPort(context);
    expect(driver.tries).toEqual([
      { segmentId: 's1', agentId: 'first' },
      { segmentId: 's2', agentId: 'first' },
    ]);
    expect(context.bindings.map((b) => b.segmentId)).toEqual(['s2']);
  });

  it('moves on to the next agent when one binds nothing', () => {
    const driver = new ProbeDriver([]);
    const first = agent({ id: 'first', agentType: AGENT_TYPE });
    const second = agent({ id: 'second', agentType: AGENT_TYPE });
    const context = testPortContext({ segments: [s1], agents: [first, second] });
    driver.bindPort(context);
    expect(driver.tries.map((t) => t.agentId)).toEqual(['first', 'second']);
  });
});

describe('AgentMechanismDriverBase L2 provisioning block', () => {
  const host1Agent = agent({ id: 'a1', agentType: AGENT_TYPE });

  it('is added on create for a DOWN compute port on a host with an agent of its type', () => {
    const context = testPortContext({ agents: [host1Agent] });
    new ProbeDriver().createPortPrecommit(context);
    expect(context.blocks).toEqual(['L2']);
  });

  it('counts dead agents too', () => {
    const context = testPortContext({
      agents: [agent({ id: 'dead', agentType: AGENT_TYPE, alive: false })],
    });
    new ProbeDriver().createPortPrecommit(context);
    expect(context.blocks).toEqual(['L2']);
  });

  const withoutBlock: Array<[string, TestPortContextOptions]> = [
    ['no host', { host: '' }],
    ['an ACTIVE port', { port: { status: 'ACTIVE' } }],
    ['an unsupported vnic type', { vnicType: 'macvtap' }],
    ['no agent of its type on the host', { host: 'host2' }],
    ...OWNERS_WITHOUT_PROVISIONING_BLOCK.map((owner): [string, TestPortContextOptions] => [
      `device owner '${owner}'`,
      { port: { deviceOwner: owner } },
    ]),
  ];
  it.each(withoutBlock)('is not added for %s', (_label, options) => {
    const context = testPortContext({ agents: [host1Agent], ...options });
    new ProbeDriver().createPortPrecommit(context);
    expect(context.blocks).toEqual([]);
  });

  it('is not added for a prohibited vnic type', () => {
    const context = testPortContext({ vnicType: 'direct', agents: [host1Agent] });
    new ProbeDriver([], { vnicTypeProhibitList: ['direct'] }).createPortPrecommit(context);
    expect(context.blocks).toEqual([]);
  });

  it('is added on update only when the host changed', () => {
    const driver = new ProbeDriver();
    const moved = testPortContext({ agents: [host1Agent], original: { hostId: '' } });
    driver.updatePortPrecommit(moved);
    expect(moved.blocks).toEqual(['L2']);

    const same = testPortContext({ agents: [host1Agent], original: { hostId: 'host1' } });
    driver.updatePortPrecommit(same);
    expect(same.blocks).toEqual([]);
  });

  it('applies the same conditions on update', () => {
    const context = testPortContext({
      agents: [host1Agent],
      original: { hostId: 'host0' },
      port: { deviceOwner: 'network:dhcp' },
    });
    new ProbeDriver().updatePortPrecommit(context);
    expect(context.blocks).toEqual([]);
  });
});
