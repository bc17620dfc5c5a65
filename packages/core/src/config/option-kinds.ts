import { type Ml2Configuration } from '@ml2ts/driver-api';

/** The sections ml2ts itself defines (everything in `Ml2Configuration` but `pluginSections`). */
export type KnownSection = Exclude<keyof Ml2Configuration, 'pluginSections'>;

/**
 * The JSON type an option's value must have:
 * - `integer`: a whole number,
 * - `number`: a finite number, fractions allowed,
 * - `boolean`, `string`: as named,
 * - `nullable-string`: a string or null,
 * - `string-list`: an array of strings.
 */
export type OptionKind =
  'integer' | 'number' | 'boolean' | 'string' | 'nullable-string' | 'string-list';

/**
 * Every known section with the kind of each of its options. Typed against `Ml2Configuration`,
 * so adding an option to the configuration type without listing it here fails to compile.
 */
export const OPTION_KINDS: {
  readonly [S in KnownSection]: { readonly [O in keyof Ml2Configuration[S]]-?: OptionKind };
} = {
  DEFAULT: {
    agent_down_time: 'integer',
    global_physnet_mtu: 'integer',
    enable_new_agents: 'boolean',
    max_dns_nameservers: 'integer',
    max_subnet_host_routes: 'integer',
    base_mac: 'string',
  },
  ml2: {
    mechanism_drivers: 'string-list',
    type_drivers: 'string-list',
    tenant_network_types: 'string-list',
    external_network_type: 'nullable-string',
    path_mtu: 'integer',
    physical_network_mtus: 'string-list',
    overlay_ip_version: 'integer',
    driver_timeout: 'number',
    precommit_timeout: 'number',
  },
  ml2_type_flat: { flat_networks: 'string-list' },
  ml2_type_vlan: { network_vlan_ranges: 'string-list' },
  ml2_type_vxlan: { vni_ranges: 'string-list', vxlan_group: 'nullable-string' },
  ml2_type_geneve: { vni_ranges: 'string-list', max_header_size: 'integer' },
  ml2_type_gre: { tunnel_id_ranges: 'string-list' },
  securitygroup: { enable_security_group: 'boolean' },
  experimental: { linuxbridge: 'boolean' },
  ml2ts: { plugin_modules: 'string-list', database: 'string' },
};

/** True when `section` is one of the sections ml2ts defines. Never throws. */
export function isKnownSection(section: string): section is KnownSection {
  return Object.prototype.hasOwnProperty.call(OPTION_KINDS, section);
}

/** The option names of a known section, in declaration order. Never throws. */
export function knownOptions(section: KnownSection): readonly string[] {
  return Object.keys(OPTION_KINDS[section]);
}
