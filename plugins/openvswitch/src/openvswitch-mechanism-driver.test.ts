import {
  type AgentConfigurations,
  AgentType,
  ConfigurationError,
  type VifDetails,
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
  RecordingLogger,
} from '@ml2ts/testkit';
import { OpenvswitchMechanismDriver } from './openvswitch-mechanism-driver';

function driver(overrides: ConfigurationOverrides = {}): OpenvswitchMechanismDriver {
  return new OpenvswitchMechanismDriver(makeConfiguration(overrides), silentLogger);
}

const vxlan = makeSegment({ networkType: 'vxlan', segmentationId: 1001 });
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
const flat = makeSegment({ networkType: 'flat', physicalNetwork: 'physnet1' });

const hybridAgent: AgentConfigurations = {
  bridge_mappings: { physnet1: 'br-eth1' },
  tunnel_types: ['vxlan'],
  integration_bridge: 'br-int',
  datapath_type: 'system',
  ovs_hybrid_plug: true,
};

/** The OVS-DPDK agent of the `ovs_netdev_vhostuser` conformance scenario. */
const dpdkAgent: AgentConfigurations = {
  bridge_mappings: { physnet1: 'br-eth1' },
  tunnel_types: ['vxlan'],
  tunneling_ip: '192.0.2.11',
  integration_bridge: 'br-int',
  datapath_type: 'netdev',
  ovs_hybrid_plug: false,
  vhostuser_socket_dir: '/var/run/openvswitch',
  ovs_capabilities: {
    datapath_types: ['netdev', 'system'],
    iface_types: ['dpdk', 'dpdkvhostuser', 'internal', 'vxlan'],
  },
};
/** Port p1 of that scenario: UUIDv5 of "ovs_netdev_vhostuser/p1" in the corpus namespace. */
const CONFORMANCE_PORT_ID = '3ed7c748-40e0-5948-845a-14c8d4e20f6e';

describe('openvswitch vif_type and vif_details', () => {
  const cases: Array<{
    name: string;
    configurations: AgentConfigurations;
    context?: FakePortContextOptions;
    config?: ConfigurationOverrides;
    vifType: string;
    vifDetails: VifDetails;
  }> = [
    {
      name: 'iptables_hybrid agent on the system datapath',
      configurations: hybridAgent,
      vifType: 'ovs',
      vifDetails: {
        connectivity: 'l2',
        port_filter: true,
        ovs_hybrid_plug: true,
        datapath_type: 'system',
        bridge_name: 'br-int',
      },
    },
    {
      name: 'agent that reports neither hybrid plug, datapath nor integration bridge',
      configurations: { tunnel_types: ['vxlan'] },
      vifType: 'ovs',
      vifDetails: {
        connectivity: 'l2',
        port_filter: true,
        ovs_hybrid_plug: null,
        datapath_type: 'system',
      },
    },
    {
      name: 'security groups disabled on the server',
      configurations: { ...hybridAgent, ovs_hybrid_plug: false },
      config: { securitygroup: { enable_security_group: false } },
      vifType: 'ovs',
      vifDetails: {
        connectivity: 'l2',
        port_filter: false,
        ovs_hybrid_plug: false,
        datapath_type: 'system',
        bridge_name: 'br-int',
      },
    },
    {
      name: 'OVS-DPDK with dpdkvhostuser (conformance ovs_netdev_vhostuser)',
      configurations: dpdkAgent,
      context: { port: { id: CONFORMANCE_PORT_ID } },
      vifType: 'vhostuser',
      vifDetails: {
        bridge_name: 'br-int',
        datapath_type: 'netdev',
        ovs_hybrid_plug: false,
        port_filter: false,
        vhostuser_mode: 'client',
        vhostuser_ovs_plug: true,
        vhostuser_socket: '/var/run/openvswitch/vhu3ed7c748-40',
      },
    },
    {
      name: 'OVS-DPDK with dpdkvhostuserclient, socket dir with a trailing slash, no bridge',
      configurations: {
        tunnel_types: ['vxlan'],
        datapath_type: 'netdev',
        vhostuser_socket_dir: '/run/vhost/',
        ovs_capabilities: { iface_types: ['dpdkvhostuserclient'] },
      },
      context: { port: { id: 'abcdefghijklmnop' } },
      vifType: 'vhostuser',
      vifDetails: {
        port_filter: false,
        ovs_hybrid_plug: false,
        vhostuser_mode: 'server',
        vhostuser_ovs_plug: true,
        vhostuser_socket: '/run/vhost/vhuabcdefghijk',
        datapath_type: 'netdev',
      },
    },
    {
      name: 'OVS-DPDK without a socket dir uses /var/run/openvswitch',
      configurations: {
        tunnel_types: ['vxlan'],
        datapath_type: 'netdev',
        ovs_capabilities: { iface_types: ['dpdkvhostuser'] },
      },
      context: { port: { id: 'port-x' } },
      vifType: 'vhostuser',
      vifDetails: {
        port_filter: false,
        ovs_hybrid_plug: false,
        vhostuser_mode: 'client',
        vhostuser_ovs_plug: true,
        vhostuser_socket: '/var/run/openvswitch/vhuport-x',
        datapath_type: 'netdev',
      },
    },
    {
      name: 'netdev datapath without a vhost-user interface type',
      configurations: {
        tunnel_types: ['vxlan'],
        datapath_type: 'netdev',
        ovs_hybrid_plug: false,
        ovs_capabilities: { iface_types: ['dpdk', 'internal'] },
      },
      vifType: 'ovs',
      vifDetails: {
        connectivity: 'l2',
        port_filter: true,
        ovs_hybrid_plug: false,
        datapath_type: 'netdev',
      },
    },
    {
      name: 'vhost-user interface types on the system datapath',
      configurations: {
        tunnel_types: ['vxlan'],
        datapath_type: 'system',
        ovs_capabilities: { iface_types: ['dpdkvhostuser'] },
      },
      vifType: 'ovs',
      vifDetails: {
        connectivity: 'l2',
        port_filter: true,
        ovs_hybrid_plug: null,
        datapath_type: 'system',
      },
    },
    {
      name: 'direct port with switchdev on an OVS-DPDK host stays ovs',
      configurations: dpdkAgent,
      context: { vnicType: 'direct', profile: { capabilities: ['switchdev'] } },
      vifType: 'ovs',
      vifDetails: {
        connectivity: 'l2',
        port_filter: true,
        ovs_hybrid_plug: false,
        datapath_type: 'netdev',
        bridge_name: 'br-int',
      },
    },
    {
      name: 'vdpa port',
      configurations: hybridAgent,
      context: { vnicType: 'vdpa' },
      vifType: 'ovs',
      vifDetails: {
        connectivity: 'l2',
        port_filter: true,
        ovs_hybrid_plug: true,
        datapath_type: 'system',
        bridge_name: 'br-int',
      },
    },
    {
      name: 'smart-nic port on a baremetal smart-NIC agent',
      configurations: { ...hybridAgent, baremetal_smartnic: true },
      context: { vnicType: 'smart-nic' },
      vifType: 'ovs',
      vifDetails: {
        connectivity: 'l2',
        port_filter: true,
        ovs_hybrid_plug: true,
        datapath_type: 'system',
        bridge_name: 'br-int',
      },
    },
  ];

  it.each(cases)('$name', ({ configurations, context: options, config, vifType, vifDetails }) => {
    const context = createFakePortContext({
      segments: [vxlan],
      agents: [makeAgent({ configurations })],
      ...options,
    });
    driver(config).bindPort(context);
    expect(context.setBindingCalls).toEqual([
      { segmentId: vxlan.id, vifType, vifDetails, status: undefined },
    ]);
    // Exact key set: no connectivity on vhostuser, no bridge_name when unreported.
    expect(Object.keys(context.setBindingCalls[0].vifDetails).sort()).toEqual(
      Object.keys(vifDetails).sort(),
    );
  });
});

describe('openvswitch refusals', () => {
  const liveAgent = makeAgent({ configurations: hybridAgent });

  const cases: Array<{
    name: string;
    context: FakePortContextOptions;
    config?: ConfigurationOverrides;
    declines: unknown[];
  }> = [
    {
      name: 'direct port without switchdev',
      context: { vnicType: 'direct', profile: { capabilities: ['other'] }, agents: [liveAgent] },
      declines: [
        { code: 'switchdev_required', facts: { vnicType: 'direct', capabilities: ['other'] } },
      ],
    },
    {
      name: 'direct port without capabilities',
      context: { vnicType: 'direct', agents: [liveAgent] },
      declines: [{ code: 'switchdev_required', facts: { vnicType: 'direct', capabilities: null } }],
    },
    {
      name: 'unsupported vnic type',
      context: { vnicType: 'macvtap', agents: [liveAgent] },
      declines: [
        {
          code: 'vnic_type_not_supported',
          facts: { vnicType: 'macvtap', supported: ['normal', 'direct', 'smart-nic', 'vdpa'] },
        },
      ],
    },
    {
      name: 'vnic type prohibited by ovs_driver.vnic_type_prohibit_list',
      context: { vnicType: 'vdpa', agents: [liveAgent] },
      config: { pluginSections: { ovs_driver: { vnic_type_prohibit_list: ['vdpa'] } } },
      declines: [
        {
          code: 'vnic_type_prohibited',
          facts: {
            vnicType: 'vdpa',
            supported: ['normal', 'direct', 'smart-nic'],
            prohibited: ['vdpa'],
          },
        },
      ],
    },
    {
      name: 'no OVS agent on the host',
      context: {
        agents: [
          makeAgent({ host: 'host2', configurations: hybridAgent }),
          makeAgent({ agentType: AgentType.LINUXBRIDGE }),
        ],
      },
      declines: [
        { code: 'no_agent_on_host', facts: { agentType: 'Open vSwitch agent', host: 'host1' } },
      ],
    },
    {
      name: 'dead OVS agent',
      context: { agents: [makeAgent({ configurations: hybridAgent, heartbeatAgeSeconds: 76 })] },
      declines: [
        {
          code: 'agent_dead',
          agentId: 'open-vswitch-agent-host1',
          facts: { heartbeatAgeSeconds: 76, agentDownTime: 75 },
        },
      ],
    },
    {
      name: 'smart-nic port on an agent without baremetal_smartnic',
      context: { vnicType: 'smart-nic', agents: [liveAgent] },
      declines: [
        {
          code: 'agent_not_smartnic',
          agentId: liveAgent.id,
          facts: { vnicType: 'smart-nic', baremetalSmartnic: null },
        },
      ],
    },
    {
      name: 'vlan segment on a physnet the agent has no bridge for',
      context: { segments: [vlan200], agents: [liveAgent] },
      declines: [
        {
          code: 'physnet_not_mapped',
          segmentId: vlan200.id,
          agentId: liveAgent.id,
          facts: { physicalNetwork: 'physnet2', mappings: { physnet1: 'br-eth1' } },
        },
      ],
    },
    {
      name: 'geneve segment on an agent that tunnels vxlan only',
      context: {
        segments: [makeSegment({ id: 'g', networkType: 'geneve', segmentationId: 5 })],
        agents: [liveAgent],
      },
      declines: [
        {
          code: 'tunnel_type_not_supported',
          segmentId: 'g',
          agentId: liveAgent.id,
          facts: {
            networkType: 'geneve',
            tunnelTypes: ['vxlan'],
            allowed: ['vxlan', 'local', 'flat', 'vlan'],
          },
        },
      ],
    },
    {
      name: 'segment that no fixed-IP subnet reaches',
      context: {
        segments: [vlan100],
        fixedIpSubnets: [makeSubnet({ segmentId: 'other-segment' })],
        agents: [liveAgent],
      },
      declines: [
        {
          code: 'segment_not_in_subnet',
          segmentId: vlan100.id,
          facts: { subnetIds: ['subnet-1'], subnetSegmentIds: ['other-segment'] },
        },
      ],
    },
  ];

  it.each(cases)('declines a $name', ({ context: options, config, declines }) => {
    const context = createFakePortContext({ segments: [vxlan], ...options });
    driver(config).bindPort(context);
    expect(context.declines).toEqual(declines);
    expect(context.outcome).toEqual({ kind: 'none' });
  });

  it('logs a warning for a dead agent', () => {
    const logger = new RecordingLogger();
    const context = createFakePortContext({ agents: [makeAgent({ alive: false })] });
    new OpenvswitchMechanismDriver(makeConfiguration(), logger).bindPort(context);
    expect(logger.at('warn')).toHaveLength(1);
  });

  it('binds flat and vlan segments on mapped physnets, the first that fits', () => {
    const context = createFakePortContext({
      segments: [vlan200, flat, vlan100],
      agents: [makeAgent({ configurations: hybridAgent })],
    });
    driver().bindPort(context);
    expect(context.outcome).toEqual({ kind: 'bound', segmentId: flat.id });
  });
});

describe('openvswitch driver settings', () => {
  it('is an l2 driver that refuses VLAN transparency and owns ovs_driver', () => {
    const ovs = driver();
    expect(ovs.name).toBe('openvswitch');
    expect(ovs.connectivity).toBe('l2');
    expect(ovs.agentType).toBe('Open vSwitch agent');
    expect(ovs.checkVlanTransparency()).toBe(false);
    expect(ovs.configSections).toEqual(['ovs_driver']);
    expect(ovs.supportedVnicTypes).toEqual(['normal', 'direct', 'smart-nic', 'vdpa']);
  });

  it('applies the prohibit list', () => {
    const ovs = driver({
      pluginSections: { ovs_driver: { vnic_type_prohibit_list: ['direct', 'smart-nic'] } },
    });
    expect(ovs.supportedVnicTypes).toEqual(['normal', 'vdpa']);
  });

  it.each([
    [
      ['macvtap'],
      /ovs_driver\.vnic_type_prohibit_list = \["macvtap"\].*normal, direct, smart-nic, vdpa/,
    ],
    [['normal', 'direct', 'smart-nic', 'vdpa'], /at least one/],
    ['direct', /ovs_driver\.vnic_type_prohibit_list.*list of strings/],
  ])('refuses the prohibit list %j at construction', (list, message) => {
    const build = () =>
      driver({ pluginSections: { ovs_driver: { vnic_type_prohibit_list: list } } });
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(message);
  });

  it('refuses unknown ovs_driver options at initialize', () => {
    const ovs = driver({ pluginSections: { ovs_driver: { vnic_type_prohibit: ['direct'] } } });
    expect(() => ovs.initialize()).toThrow(/ovs_driver\.vnic_type_prohibit\b/);
    expect(() => driver().initialize()).not.toThrow();
  });

  it('adds the L2 provisioning block for a new compute port on a host with an OVS agent', () => {
    const context = createFakePortContext({ agents: [makeAgent()] });
    driver().createPortPrecommit(context);
    expect(context.provisioningBlocks).toEqual(['L2']);
    const lonely = createFakePortContext({ agents: [] });
    driver().createPortPrecommit(lonely);
    expect(lonely.provisioningBlocks).toEqual([]);
  });
});
