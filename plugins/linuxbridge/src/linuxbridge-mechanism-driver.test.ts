import {
  AgentType,
  ConfigurationError,
  type MechanismDriver,
  silentLogger,
} from '@ml2ts/driver-api';
import {
  type ConfigurationOverrides,
  createFakePortContext,
  type FakePortContextOptions,
  makeAgent,
  makeConfiguration,
  makeSegment,
  makeSubnet,
} from '@ml2ts/testkit';
import { LinuxbridgeMechanismDriver } from './linuxbridge-mechanism-driver';

function driver(overrides: ConfigurationOverrides = {}): LinuxbridgeMechanismDriver {
  return new LinuxbridgeMechanismDriver(
    makeConfiguration({ experimental: { linuxbridge: true }, ...overrides }),
    silentLogger,
  );
}

const lbAgent = makeAgent({
  agentType: AgentType.LINUXBRIDGE,
  configurations: {
    interface_mappings: { physnet1: 'eth1', physnet2: 'eth2' },
    bridge_mappings: { physnet2: 'br-phys2' },
    tunnel_types: ['vxlan'],
  },
});
const vlan = (physnet: string, id: number) =>
  makeSegment({ networkType: 'vlan', physicalNetwork: physnet, segmentationId: id });

describe('linuxbridge binding', () => {
  const bindable: Array<[string, ReturnType<typeof makeSegment>]> = [
    ['a vlan segment on an interface-mapped physnet', vlan('physnet1', 100)],
    ['a vlan segment on a bridge-mapped physnet', vlan('physnet2', 200)],
    ['a flat segment', makeSegment({ networkType: 'flat', physicalNetwork: 'physnet1' })],
    ['a vxlan segment the agent tunnels', makeSegment({ networkType: 'vxlan', segmentationId: 7 })],
    ['a local segment', makeSegment({ networkType: 'local' })],
  ];

  it.each(bindable)('binds %s as bridge with connectivity and port_filter', (_label, segment) => {
    const context = createFakePortContext({ segments: [segment], agents: [lbAgent] });
    driver().bindPort(context);
    expect(context.setBindingCalls).toEqual([
      {
        segmentId: segment.id,
        vifType: 'bridge',
        vifDetails: { connectivity: 'l2', port_filter: true },
        status: undefined,
      },
    ]);
  });

  it('follows enable_security_group for port_filter', () => {
    const context = createFakePortContext({
      segments: [vlan('physnet1', 100)],
      agents: [lbAgent],
    });
    driver({ securitygroup: { enable_security_group: false } }).bindPort(context);
    expect(context.vifDetails).toEqual({ connectivity: 'l2', port_filter: false });
  });

  it('reports the union of the mappings, bridge winning, when a physnet is not mapped', () => {
    const segment = vlan('physnet3', 300);
    const context = createFakePortContext({ segments: [segment], agents: [lbAgent] });
    driver().bindPort(context);
    expect(context.declines).toEqual([
      {
        code: 'physnet_not_mapped',
        segmentId: segment.id,
        agentId: lbAgent.id,
        facts: {
          physicalNetwork: 'physnet3',
          mappings: { physnet1: 'eth1', physnet2: 'br-phys2' },
        },
      },
    ]);
  });

  const refusals: Array<[string, FakePortContextOptions, string[]]> = [
    [
      'a non-normal vnic type',
      { vnicType: 'direct', agents: [lbAgent] },
      ['vnic_type_not_supported'],
    ],
    [
      'a host without a Linux bridge agent',
      { agents: [makeAgent({ agentType: AgentType.OVS })] },
      ['no_agent_on_host'],
    ],
    [
      'a dead agent',
      { agents: [makeAgent({ agentType: AgentType.LINUXBRIDGE, alive: false })] },
      ['agent_dead'],
    ],
    [
      'a geneve segment',
      {
        segments: [makeSegment({ networkType: 'geneve', segmentationId: 3 })],
        agents: [lbAgent],
      },
      ['tunnel_type_not_supported'],
    ],
    [
      'a segment outside the port subnets',
      {
        segments: [vlan('physnet1', 100)],
        fixedIpSubnets: [makeSubnet({ segmentId: 'elsewhere' })],
        agents: [lbAgent],
      },
      ['segment_not_in_subnet'],
    ],
  ];

  it.each(refusals)('declines %s', (_label, options, codes) => {
    const context = createFakePortContext(options);
    driver().bindPort(context);
    expect(context.declineCodes).toEqual(codes);
    expect(context.outcome).toEqual({ kind: 'none' });
  });

  it('declines the vnic type with the supported list', () => {
    const context = createFakePortContext({ vnicType: 'macvtap', agents: [lbAgent] });
    driver().bindPort(context);
    expect(context.declines[0].facts).toEqual({ vnicType: 'macvtap', supported: ['normal'] });
  });
});

describe('linuxbridge driver settings', () => {
  it('is an l2 driver that accepts VLAN transparency and owns no section', () => {
    const lb = driver();
    expect(lb.name).toBe('linuxbridge');
    expect(lb.connectivity).toBe('l2');
    expect(lb.agentType).toBe('Linux bridge agent');
    expect(lb.supportedVnicTypes).toEqual(['normal']);
    expect(lb.checkVlanTransparency()).toBe(true);
    expect((lb as MechanismDriver).configSections).toBeUndefined();
  });

  it('refuses to initialize unless experimental.linuxbridge is true', () => {
    const disabled = new LinuxbridgeMechanismDriver(makeConfiguration(), silentLogger);
    expect(() => disabled.initialize()).toThrow(ConfigurationError);
    expect(() => disabled.initialize()).toThrow(/experimental\.linuxbridge = false/);
    expect(() => driver().initialize()).not.toThrow();
  });

  it('adds the L2 provisioning block for a port on a host with a Linux bridge agent', () => {
    const context = createFakePortContext({ agents: [lbAgent] });
    driver().createPortPrecommit(context);
    expect(context.provisioningBlocks).toEqual(['L2']);
  });
});
