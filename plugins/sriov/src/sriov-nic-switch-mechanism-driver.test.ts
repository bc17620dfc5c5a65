import { AgentType, ConfigurationError, silentLogger } from '@ml2ts/driver-api';
import {
  type ConfigurationOverrides,
  createFakePortContext,
  type FakePortContextOptions,
  makeAgent,
  makeConfiguration,
  makeSegment,
  makeSubnet,
  RecordingLogger,
  type SetBindingCall,
} from '@ml2ts/testkit';
import { SriovNicSwitchMechanismDriver } from './sriov-nic-switch-mechanism-driver';

function driver(overrides: ConfigurationOverrides = {}): SriovNicSwitchMechanismDriver {
  return new SriovNicSwitchMechanismDriver(makeConfiguration(overrides), silentLogger);
}

const sriovAgent = makeAgent({
  agentType: AgentType.NIC_SWITCH,
  configurations: { device_mappings: { physnet1: ['ens1f0'] }, extensions: [] },
});
const vlan100 = makeSegment({
  networkType: 'vlan',
  physicalNetwork: 'physnet1',
  segmentationId: 100,
});
const vlan200 = makeSegment({
  networkType: 'vlan',
  physicalNetwork: 'physnet2',
  segmentationId: 200,
});
const flat1 = makeSegment({ networkType: 'flat', physicalNetwork: 'physnet1' });
const vxlan = makeSegment({ networkType: 'vxlan', segmentationId: 1001 });

describe('sriovnicswitch bindings', () => {
  const cases: Array<[string, FakePortContextOptions, SetBindingCall]> = [
    [
      'direct on vlan (conformance sriov_direct_vlan)',
      {
        vnicType: 'direct',
        profile: { pci_slot: '0000:05:00.1', physical_network: 'physnet1' },
        segments: [vlan100],
        agents: [sriovAgent],
      },
      {
        segmentId: vlan100.id,
        vifType: 'hw_veb',
        vifDetails: { port_filter: false, connectivity: 'l2', vlan: '100' },
        status: 'DOWN',
      },
    ],
    [
      'macvtap on flat: vlan "0"',
      { vnicType: 'macvtap', segments: [flat1], agents: [sriovAgent] },
      {
        segmentId: flat1.id,
        vifType: 'hw_veb',
        vifDetails: { port_filter: false, connectivity: 'l2', vlan: '0' },
        status: 'DOWN',
      },
    ],
    [
      'accelerator-direct, skipping a vxlan and an unmapped vlan segment',
      { vnicType: 'accelerator-direct', segments: [vxlan, vlan200, vlan100], agents: [sriovAgent] },
      {
        segmentId: vlan100.id,
        vifType: 'hw_veb',
        vifDetails: { port_filter: false, connectivity: 'l2', vlan: '100' },
        status: 'DOWN',
      },
    ],
    [
      'direct with capabilities other than switchdev',
      {
        vnicType: 'direct',
        profile: { capabilities: ['other'] },
        segments: [vlan100],
        agents: [sriovAgent],
      },
      {
        segmentId: vlan100.id,
        vifType: 'hw_veb',
        vifDetails: { port_filter: false, connectivity: 'l2', vlan: '100' },
        status: 'DOWN',
      },
    ],
    [
      'direct on a segment no fixed-IP subnet reaches (no subnet filter)',
      {
        vnicType: 'direct',
        segments: [vlan100],
        fixedIpSubnets: [makeSubnet({ segmentId: 'elsewhere' })],
        agents: [sriovAgent],
      },
      {
        segmentId: vlan100.id,
        vifType: 'hw_veb',
        vifDetails: { port_filter: false, connectivity: 'l2', vlan: '100' },
        status: 'DOWN',
      },
    ],
    [
      'direct-physical without any agent, on an unmapped physnet: ACTIVE',
      { vnicType: 'direct-physical', segments: [vlan200], agents: [] },
      {
        segmentId: vlan200.id,
        vifType: 'hostdev_physical',
        vifDetails: { port_filter: false, connectivity: 'l2', vlan: '200' },
        status: 'ACTIVE',
      },
    ],
    [
      'direct-physical ignoring a dead agent, first flat/vlan segment after a vxlan one',
      {
        vnicType: 'direct-physical',
        segments: [vxlan, flat1, vlan100],
        agents: [makeAgent({ agentType: AgentType.NIC_SWITCH, alive: false })],
      },
      {
        segmentId: flat1.id,
        vifType: 'hostdev_physical',
        vifDetails: { port_filter: false, connectivity: 'l2', vlan: '0' },
        status: 'ACTIVE',
      },
    ],
  ];

  it.each(cases)('binds %s', (_label, options, expected) => {
    const context = createFakePortContext(options);
    driver().bindPort(context);
    expect(context.setBindingCalls).toEqual([expected]);
  });

  it('declines the skipped segments on the way', () => {
    const context = createFakePortContext({
      vnicType: 'direct',
      segments: [vxlan, vlan200, vlan100],
      agents: [sriovAgent],
    });
    driver().bindPort(context);
    expect(context.declines).toEqual([
      {
        code: 'network_type_not_allowed',
        segmentId: vxlan.id,
        agentId: sriovAgent.id,
        facts: { networkType: 'vxlan', allowed: ['flat', 'vlan'] },
      },
      {
        code: 'physnet_not_mapped',
        segmentId: vlan200.id,
        agentId: sriovAgent.id,
        facts: { physicalNetwork: 'physnet2', mappings: { physnet1: ['ens1f0'] } },
      },
    ]);
  });
});

describe('sriovnicswitch refusals', () => {
  const cases: Array<[string, FakePortContextOptions, ConfigurationOverrides, unknown[]]> = [
    [
      'a direct port marked switchdev',
      {
        vnicType: 'direct',
        profile: { capabilities: ['switchdev'] },
        segments: [vlan100],
        agents: [sriovAgent],
      },
      {},
      [
        {
          code: 'switchdev_not_supported',
          facts: { vnicType: 'direct', capabilities: ['switchdev'] },
        },
      ],
    ],
    [
      'a normal port',
      { segments: [vlan100], agents: [sriovAgent] },
      {},
      [
        {
          code: 'vnic_type_not_supported',
          facts: {
            vnicType: 'normal',
            supported: ['direct', 'macvtap', 'direct-physical', 'accelerator-direct'],
          },
        },
      ],
    ],
    [
      'a prohibited vnic type',
      { vnicType: 'macvtap', segments: [vlan100], agents: [sriovAgent] },
      { pluginSections: { sriov_driver: { vnic_type_prohibit_list: ['macvtap'] } } },
      [
        {
          code: 'vnic_type_prohibited',
          facts: {
            vnicType: 'macvtap',
            supported: ['direct', 'direct-physical', 'accelerator-direct'],
            prohibited: ['macvtap'],
          },
        },
      ],
    ],
    [
      'a host without a NIC Switch agent',
      { vnicType: 'direct', segments: [vlan100], agents: [makeAgent()] },
      {},
      [{ code: 'no_agent_on_host', facts: { agentType: 'NIC Switch agent', host: 'host1' } }],
    ],
    [
      'a dead agent',
      {
        vnicType: 'direct',
        segments: [vlan100],
        agents: [makeAgent({ agentType: AgentType.NIC_SWITCH, heartbeatAgeSeconds: 100 })],
      },
      {},
      [
        {
          code: 'agent_dead',
          agentId: 'nic-switch-agent-host1',
          facts: { heartbeatAgeSeconds: 100, agentDownTime: 75 },
        },
      ],
    ],
    [
      'a direct-physical port on a network without flat or vlan segments',
      { vnicType: 'direct-physical', segments: [vxlan], agents: [sriovAgent] },
      {},
      [
        {
          code: 'network_type_not_allowed',
          segmentId: vxlan.id,
          facts: { networkType: 'vxlan', allowed: ['flat', 'vlan'] },
        },
      ],
    ],
  ];

  it.each(cases)('declines %s', (_label, options, config, declines) => {
    const context = createFakePortContext(options);
    driver(config).bindPort(context);
    expect(context.declines).toEqual(declines);
    expect(context.outcome).toEqual({ kind: 'none' });
  });

  it('logs a warning for a dead agent', () => {
    const logger = new RecordingLogger();
    const context = createFakePortContext({
      vnicType: 'direct',
      segments: [vlan100],
      agents: [makeAgent({ agentType: AgentType.NIC_SWITCH, alive: false }), sriovAgent],
    });
    new SriovNicSwitchMechanismDriver(makeConfiguration(), logger).bindPort(context);
    expect(logger.at('warn')).toHaveLength(1);
  });
});

describe('sriovnicswitch driver settings', () => {
  it('is an l2 driver that accepts VLAN transparency and owns sriov_driver', () => {
    const sriov = driver();
    expect(sriov.name).toBe('sriovnicswitch');
    expect(sriov.connectivity).toBe('l2');
    expect(sriov.agentType).toBe('NIC Switch agent');
    expect(sriov.checkVlanTransparency()).toBe(true);
    expect(sriov.configSections).toEqual(['sriov_driver']);
  });

  it.each([
    [['normal'], /sriov_driver\.vnic_type_prohibit_list = \["normal"\].*direct, macvtap/],
    [['direct', 'macvtap', 'direct-physical', 'accelerator-direct'], /at least one/],
    [[1], /list of strings/],
  ])('refuses the prohibit list %j at construction', (list, message) => {
    const build = () =>
      driver({ pluginSections: { sriov_driver: { vnic_type_prohibit_list: list } } });
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(message);
  });

  it('refuses unknown sriov_driver options at initialize', () => {
    expect(() =>
      driver({ pluginSections: { sriov_driver: { prohibit: [] } } }).initialize(),
    ).toThrow(/sriov_driver\.prohibit/);
    expect(() => driver().initialize()).not.toThrow();
  });

  it('adds the L2 provisioning block for a direct port on a host with a NIC Switch agent', () => {
    const direct = createFakePortContext({ vnicType: 'direct', agents: [sriovAgent] });
    driver().createPortPrecommit(direct);
    expect(direct.provisioningBlocks).toEqual(['L2']);
    const normal = createFakePortContext({ vnicType: 'normal', agents: [sriovAgent] });
    driver().createPortPrecommit(normal);
    expect(normal.provisioningBlocks).toEqual([]);
  });
});
