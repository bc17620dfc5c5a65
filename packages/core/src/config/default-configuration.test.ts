import { defaultConfiguration } from '@ml2ts/driver-api';
import { validateConfiguration } from './validate-configuration';

describe('defaultConfiguration', () => {
  it("holds Neutron's defaults and ml2ts's own", () => {
    expect(defaultConfiguration()).toEqual({
      DEFAULT: {
        agent_down_time: 75,
        global_physnet_mtu: 1500,
        enable_new_agents: true,
        max_dns_nameservers: 5,
        max_subnet_host_routes: 20,
        base_mac: 'fa:16:3e:00:00:00',
      },
      ml2: {
        mechanism_drivers: [],
        type_drivers: ['local', 'flat', 'vlan', 'gre', 'vxlan', 'geneve'],
        tenant_network_types: ['local'],
        external_network_type: null,
        path_mtu: 0,
        physical_network_mtus: [],
        overlay_ip_version: 4,
        driver_timeout: 30,
        precommit_timeout: 3,
      },
      ml2_type_flat: { flat_networks: ['*'] },
      ml2_type_vlan: { network_vlan_ranges: [] },
      ml2_type_vxlan: { vni_ranges: [], vxlan_group: null },
      ml2_type_geneve: { vni_ranges: [], max_header_size: 30 },
      ml2_type_gre: { tunnel_id_ranges: [] },
      securitygroup: { enable_security_group: true },
      experimental: { linuxbridge: false },
      ml2ts: { plugin_modules: [], database: './ml2ts.sqlite' },
      pluginSections: {},
    });
  });

  it('is valid', () => {
    expect(() => validateConfiguration(defaultConfiguration())).not.toThrow();
  });

  it('returns a new object every time', () => {
    const first = defaultConfiguration();
    (first.ml2.type_drivers as string[]).pop();
    expect(defaultConfiguration().ml2.type_drivers).toHaveLength(6);
  });
});
