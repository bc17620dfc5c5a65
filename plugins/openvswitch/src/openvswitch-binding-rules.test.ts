import { AgentType, DeclineReason, silentLogger } from '@ml2ts/driver-api';
import { createFakePortContext, makeAgent, makeConfiguration, makeSegment } from '@ml2ts/testkit';
import { OpenvswitchMechanismDriver } from './openvswitch-mechanism-driver';

/**
 * The Open vSwitch driver's binding rules that surprise, as Neutron has them: which vnic types it
 * takes, which vif_type it answers, its exact vif_details and which tunnels it accepts.
 */
describe('openvswitch binding rules', () => {
  const vxlan = makeSegment({ networkType: 'vxlan', segmentationId: 1001 });
  const ovs = (configurations: Record<string, unknown>) =>
    makeAgent({
      agentType: AgentType.OVS,
      configurations: { tunnel_types: ['vxlan'], integration_bridge: 'br-int', ...configurations },
    });
  const dpdk = {
    datapath_type: 'netdev',
    ovs_capabilities: { iface_types: ['dpdkvhostuser'] },
  };
  const bind = (options: Parameters<typeof createFakePortContext>[0], securityGroups = true) => {
    const context = createFakePortContext({ segments: [vxlan], ...options });
    new OpenvswitchMechanismDriver(
      makeConfiguration({ securitygroup: { enable_security_group: securityGroups } }),
      silentLogger,
    ).bindPort(context);
    return context;
  };

  it('binds direct only with switchdev in the profile, and smart-nic only on a baremetal_smartnic agent', () => {
    const plain = bind({ vnicType: 'direct', agents: [ovs({})] });
    expect(plain.setBindingCalls).toEqual([]);
    expect(plain.declineCodes).toContain(DeclineReason.SWITCHDEV_REQUIRED);
    const offload = bind({
      vnicType: 'direct',
      profile: { capabilities: ['switchdev'] },
      agents: [ovs({})],
    });
    expect(offload.setBindingCalls[0]?.vifType).toBe('ovs');
    expect(bind({ vnicType: 'smart-nic', agents: [ovs({})] }).setBindingCalls).toEqual([]);
    const smartnic = bind({ vnicType: 'smart-nic', agents: [ovs({ baremetal_smartnic: true })] });
    expect(smartnic.setBindingCalls[0]?.vifType).toBe('ovs');
  });

  it('direct is always vif_type ovs, other vnic types are vhostuser only on netdev with a DPDK vhost-user type', () => {
    const offload = bind({
      vnicType: 'direct',
      profile: { capabilities: ['switchdev'] },
      agents: [ovs(dpdk)],
    });
    expect(offload.setBindingCalls[0]?.vifType).toBe('ovs');
    expect(bind({ agents: [ovs(dpdk)] }).setBindingCalls[0]?.vifType).toBe('vhostuser');
    expect(bind({ agents: [ovs({ datapath_type: 'netdev' })] }).setBindingCalls[0]?.vifType).toBe(
      'ovs',
    );
    expect(
      bind({ agents: [ovs({ ovs_capabilities: { iface_types: ['dpdkvhostuser'] } })] })
        .setBindingCalls[0]?.vifType,
    ).toBe('ovs');
  });

  it('ovs_hybrid_plug as the agent reported it (null when unreported), port_filter from the server, exact vhostuser details', () => {
    const unreported = bind({ agents: [ovs({})] }, false).setBindingCalls[0];
    expect(unreported?.vifDetails).toEqual({
      connectivity: 'l2',
      port_filter: false,
      ovs_hybrid_plug: null,
      datapath_type: 'system',
      bridge_name: 'br-int',
    });
    const vhostuser = bind({
      port: { id: '0123456789abcdef-rest-of-the-id' },
      agents: [ovs({ ...dpdk, ovs_hybrid_plug: true, vhostuser_socket_dir: '/run/vhu' })],
    }).setBindingCalls[0];
    expect(vhostuser?.vifDetails).toEqual({
      port_filter: false,
      ovs_hybrid_plug: false,
      vhostuser_mode: 'client',
      vhostuser_ovs_plug: true,
      vhostuser_socket: '/run/vhu/vhu0123456789a',
      datapath_type: 'netdev',
      bridge_name: 'br-int',
    });
    expect(vhostuser?.vifDetails).not.toHaveProperty('connectivity');
  });

  it('a tunnel segment binds on any agent that lists the tunnel type, whatever its tunnel IP', () => {
    const noTunnelIp = bind({ agents: [ovs({ tunneling_ip: undefined })] });
    expect(noTunnelIp.setBindingCalls[0]?.segmentId).toBe(vxlan.id);
    const withoutVxlan = bind({ agents: [ovs({ tunnel_types: ['gre'] })] });
    expect(withoutVxlan.setBindingCalls).toEqual([]);
    expect(withoutVxlan.declineCodes).toContain(DeclineReason.TUNNEL_TYPE_NOT_SUPPORTED);
  });
});
