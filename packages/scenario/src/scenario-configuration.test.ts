import { CONFIG_KEYS, scenarioConfigurationOverrides } from './scenario-configuration';

describe('scenarioConfigurationOverrides', () => {
  it('maps every plain config key to its engine option', () => {
    expect(
      scenarioConfigurationOverrides({
        mechanism_drivers: ['openvswitch'],
        type_drivers: ['vxlan', 'vlan'],
        tenant_network_types: ['vxlan'],
        network_vlan_ranges: ['physnet1:100:199'],
        flat_networks: ['*'],
        vni_ranges: ['1001:1001'],
        geneve_vni_ranges: ['2001:2001'],
        gre_tunnel_id_ranges: ['3001:3001'],
        enable_security_group: false,
        agent_down_time: 30,
      }),
    ).toEqual({
      'ml2.mechanism_drivers': ['openvswitch'],
      'ml2.type_drivers': ['vxlan', 'vlan'],
      'ml2.tenant_network_types': ['vxlan'],
      'ml2_type_vlan.network_vlan_ranges': ['physnet1:100:199'],
      'ml2_type_flat.flat_networks': ['*'],
      'ml2_type_vxlan.vni_ranges': ['1001:1001'],
      'ml2_type_geneve.vni_ranges': ['2001:2001'],
      'ml2_type_gre.tunnel_id_ranges': ['3001:3001'],
      'securitygroup.enable_security_group': false,
      'DEFAULT.agent_down_time': 30,
    });
  });

  it('passes driver options into the sections of the drivers that are loaded', () => {
    expect(
      scenarioConfigurationOverrides({
        mechanism_drivers: ['tor', 'openvswitch', 'sriovnicswitch'],
        ovs_vnic_type_prohibit_list: ['direct'],
        sriov_vnic_type_prohibit_list: ['macvtap'],
        tor_network_types: ['geneve'],
        tor_physical_network: 'physnet2',
        tor_hosts: ['host1'],
        tor_vnic_types: ['normal', 'direct'],
        tor_release_dynamic_segments: false,
      }),
    ).toEqual({
      'ml2.mechanism_drivers': ['tor', 'openvswitch', 'sriovnicswitch'],
      'ovs_driver.vnic_type_prohibit_list': ['direct'],
      'sriov_driver.vnic_type_prohibit_list': ['macvtap'],
      'tor.network_types': ['geneve'],
      'tor.physical_network': 'physnet2',
      'tor.hosts': ['host1'],
      'tor.vnic_types': ['normal', 'direct'],
      'tor.release_dynamic_segments': false,
    });
  });

  it('leaves out driver options of drivers that are not loaded', () => {
    expect(
      scenarioConfigurationOverrides({
        mechanism_drivers: ['linuxbridge'],
        ovs_vnic_type_prohibit_list: ['direct'],
        sriov_vnic_type_prohibit_list: ['macvtap'],
        tor_physical_network: 'physnet2',
      }),
    ).toEqual({
      'ml2.mechanism_drivers': ['linuxbridge'],
      'experimental.linuxbridge': true,
    });
  });

  it('sets experimental.linuxbridge only when linuxbridge is loaded', () => {
    expect(
      scenarioConfigurationOverrides({ mechanism_drivers: ['openvswitch'] }),
    ).not.toHaveProperty(['experimental.linuxbridge']);
  });

  it('adds the scenario overrides last, so that they win', () => {
    expect(
      scenarioConfigurationOverrides({
        tenant_network_types: ['vxlan'],
        overrides: { 'ml2.path_mtu': 9000, 'ml2.tenant_network_types': ['vlan'] },
      }),
    ).toEqual({ 'ml2.tenant_network_types': ['vlan'], 'ml2.path_mtu': 9000 });
  });

  it('knows exactly the config keys of the scenario format', () => {
    expect([...CONFIG_KEYS].sort()).toEqual(
      [
        'mechanism_drivers',
        'type_drivers',
        'tenant_network_types',
        'network_vlan_ranges',
        'flat_networks',
        'vni_ranges',
        'geneve_vni_ranges',
        'gre_tunnel_id_ranges',
        'enable_security_group',
        'agent_down_time',
        'ovs_vnic_type_prohibit_list',
        'sriov_vnic_type_prohibit_list',
        'tor_network_types',
        'tor_physical_network',
        'tor_hosts',
        'tor_vnic_types',
        'tor_release_dynamic_segments',
        'overrides',
      ].sort(),
    );
  });
});
