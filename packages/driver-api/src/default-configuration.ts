import { DEFAULT_TYPE_DRIVERS, type Ml2Configuration } from '@ml2ts/driver-api';

/**
 * A fresh configuration holding every default: Neutron's where Neutron has the option, ml2ts's
 * own for the `ml2ts` section. No mechanism driver is configured and no plugin section is set.
 * Each call returns a new, unfrozen object; it never throws and does not block.
 */
export function defaultConfiguration(): Ml2Configuration {
  return {
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
      type_drivers: [...DEFAULT_TYPE_DRIVERS],
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
  };
}
