import { type AgentView, type TraceReason } from '@ml2ts/driver-api';
import {
  SimpleAgentMechanismDriverBase,
  type SimpleAgentMechanismDriverOptions,
} from './simple-agent-mechanism-driver-base';
import { agent, segment, testPortContext } from './test-support/test-port-context';

const AGENT_TYPE = 'Probe agent';

class ProbeSimpleDriver extends SimpleAgentMechanismDriverBase {
  constructor(options: Partial<SimpleAgentMechanismDriverOptions> = {}) {
    super({
      name: 'probe',
      agentType: AGENT_TYPE,
      vifType: 'probe_vif',
      vifDetails: { port_filter: true },
      ...options,
    });
  }
  protected getMappings(hostAgent: AgentView): Readonly<Record<string, unknown>> {
    return hostAgent.configurations.bridge_mappings ?? {};
  }
  /** Exposes the protected check with its reason, for the table below. */
  refusal(candidate: ReturnType<typeof segment>, hostAgent: AgentView): TraceReason | null {
    return this.segmentRefusal(candidate, hostAgent);
  }
}

/** A driver whose agents may carry only flat and vlan, whatever they report. */
class PhysicalOnlyDriver extends ProbeSimpleDriver {
  protected override getAllowedNetworkTypes(): readonly string[] {
    return ['flat', 'vlan'];
  }
}

const probeAgent = agent({
  id: 'a1',
  agentType: AGENT_TYPE,
  configurations: { bridge_mappings: { physnet1: 'br-eth1' }, tunnel_types: ['vxlan'] },
});

describe('SimpleAgentMechanismDriverBase construction', () => {
  it('supports normal only by default and merges connectivity into the vif details', () => {
    const driver = new ProbeSimpleDriver();
    expect(driver.supportedVnicTypes).toEqual(['normal']);
    expect(driver.vifType).toBe('probe_vif');
    expect(driver.vifDetails).toEqual({ connectivity: 'l2', port_filter: true });
  });

  it('uses the given vnic types and connectivity', () => {
    const driver = new ProbeSimpleDriver({
      supportedVnicTypes: ['normal', 'direct'],
      connectivity: 'legacy',
    });
    expect(driver.supportedVnicTypes).toEqual(['normal', 'direct']);
    expect(driver.vifDetails.connectivity).toBe('legacy');
  });
});

describe('SimpleAgentMechanismDriverBase.checkSegmentForAgent', () => {
  const driver = new ProbeSimpleDriver();
  const table: Array<[string, ReturnType<typeof segment>, TraceReason | null]> = [
    ['a vlan segment on a mapped physnet', segment('v', 'vlan', 'physnet1', 100), null],
    ['a flat segment on a mapped physnet', segment('f', 'flat', 'physnet1'), null],
    ['a vxlan segment the agent tunnels', segment('x', 'vxlan', null, 5), null],
    ['a local segment', segment('l', 'local'), null],
    [
      'a vlan segment on an unmapped physnet',
      segment('v2', 'vlan', 'physnet2', 200),
      {
        code: 'physnet_not_mapped',
        segmentId: 'v2',
        agentId: 'a1',
        facts: { physicalNetwork: 'physnet2', mappings: { physnet1: 'br-eth1' } },
      },
    ],
    [
      'a flat segment on an unmapped physnet',
      segment('f2', 'flat', 'physnet9'),
      {
        code: 'physnet_not_mapped',
        segmentId: 'f2',
        agentId: 'a1',
        facts: { physicalNetwork: 'physnet9', mappings: { physnet1: 'br-eth1' } },
      },
    ],
    [
      'a vlan segment without physnet',
      segment('v3', 'vlan', null, 7),
      {
        code: 'physnet_not_mapped',
        segmentId: 'v3',
        agentId: 'a1',
        facts: { physicalNetwork: null, mappings: { physnet1: 'br-eth1' } },
      },
    ],
    [
      'a geneve segment the agent does not tunnel',
      segment('g', 'geneve', null, 9),
      {
        code: 'tunnel_type_not_supported',
        segmentId: 'g',
        agentId: 'a1',
        facts: {
          networkType: 'geneve',
          tunnelTypes: ['vxlan'],
          allowed: ['vxlan', 'local', 'flat', 'vlan'],
        },
      },
    ],
    [
      'a gre segment the agent does not tunnel',
      segment('gr', 'gre', null, 9),
      expect.objectContaining({ code: 'tunnel_type_not_supported' }),
    ],
    [
      'a type no agent carries',
      segment('o', 'opflex'),
      {
        code: 'network_type_not_allowed',
        segmentId: 'o',
        agentId: 'a1',
        facts: { networkType: 'opflex', allowed: ['vxlan', 'local', 'flat', 'vlan'] },
      },
    ],
  ];

  it.each(table)('%s', (_label, candidate, expected) => {
    expect(driver.refusal(candidate, probeAgent)).toEqual(expected);
    expect(driver.checkSegmentForAgent(candidate, probeAgent)).toBe(expected === null);
  });

  it('refuses an agent of another type', () => {
    const other = agent({ id: 'o1', agentType: 'Other agent' });
    expect(driver.refusal(segment('l', 'local'), other)).toEqual({
      code: 'agent_type_mismatch',
      segmentId: 'l',
      agentId: 'o1',
      facts: { agentType: 'Other agent', expected: AGENT_TYPE },
    });
  });

  it('allows no tunnel type when the agent reports none (or not a list)', () => {
    const noTunnels = agent({ id: 'n', agentType: AGENT_TYPE });
    const junk = agent({
      id: 'j',
      agentType: AGENT_TYPE,
      configurations: { tunnel_types: 'vxlan' as never },
    });
    const vxlan = segment('x', 'vxlan', null, 5);
    expect(driver.refusal(vxlan, noTunnels)?.facts).toEqual({
      networkType: 'vxlan',
      tunnelTypes: [],
      allowed: ['local', 'flat', 'vlan'],
    });
    expect(driver.checkSegmentForAgent(vxlan, junk)).toBe(false);
  });

  it('says network_type_not_allowed for a tunnel the agent lists but the driver does not allow', () => {
    const physicalOnly = new PhysicalOnlyDriver();
    expect(physicalOnly.refusal(segment('x', 'vxlan', null, 5), probeAgent)).toEqual({
      code: 'network_type_not_allowed',
      segmentId: 'x',
      agentId: 'a1',
      facts: { networkType: 'vxlan', allowed: ['flat', 'vlan'] },
    });
  });
});

describe('SimpleAgentMechanismDriverBase.bindPort', () => {
  it('binds the first segment the agent reaches with its vif type and details, no status', () => {
    const driver = new ProbeSimpleDriver();
    const unmapped = segment('v2', 'vlan', 'physnet2', 200);
    const mapped = segment('v1', 'vlan', 'physnet1', 100);
    const context = testPortContext({ segments: [unmapped, mapped], agents: [probeAgent] });
    const setBinding = jest.spyOn(context, 'setBinding');
    driver.bindPort(context);
    expect(setBinding).toHaveBeenCalledTimes(1);
    expect(setBinding).toHaveBeenCalledWith('v1', 'probe_vif', {
      connectivity: 'l2',
      port_filter: true,
    });
    expect(context.declines.map((d) => d.code)).toEqual(['physnet_not_mapped']);
  });

  it('hands each binding its own copy of the details', () => {
    const driver = new ProbeSimpleDriver();
    const context = testPortContext({ segments: [segment('l', 'local')], agents: [probeAgent] });
    driver.bindPort(context);
    context.bindings[0].vifDetails.port_filter = false;
    expect(driver.vifDetails.port_filter).toBe(true);
  });
});
