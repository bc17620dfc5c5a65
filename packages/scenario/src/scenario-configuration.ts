import { type ScenarioConfig } from './scenario';

/** Where each plain `config` key goes: a `section.option` of the engine's configuration. */
const ENGINE_OPTIONS = {
  mechanism_drivers: 'ml2.mechanism_drivers',
  type_drivers: 'ml2.type_drivers',
  tenant_network_types: 'ml2.tenant_network_types',
  network_vlan_ranges: 'ml2_type_vlan.network_vlan_ranges',
  flat_networks: 'ml2_type_flat.flat_networks',
  vni_ranges: 'ml2_type_vxlan.vni_ranges',
  geneve_vni_ranges: 'ml2_type_geneve.vni_ranges',
  gre_tunnel_id_ranges: 'ml2_type_gre.tunnel_id_ranges',
  enable_security_group: 'securitygroup.enable_security_group',
  agent_down_time: 'DEFAULT.agent_down_time',
} as const satisfies Partial<Record<keyof ScenarioConfig, string>>;

/**
 * `config` keys that are options of a driver's own section: the driver that owns the section,
 * and the `section.option` they become. They are passed only when that driver is loaded, since
 * a section no loaded driver owns fails start-up.
 */
const DRIVER_OPTIONS = {
  ovs_vnic_type_prohibit_list: ['openvswitch', 'ovs_driver.vnic_type_prohibit_list'],
  sriov_vnic_type_prohibit_list: ['sriovnicswitch', 'sriov_driver.vnic_type_prohibit_list'],
  tor_network_types: ['tor', 'tor.network_types'],
  tor_physical_network: ['tor', 'tor.physical_network'],
  tor_hosts: ['tor', 'tor.hosts'],
  tor_vnic_types: ['tor', 'tor.vnic_types'],
  tor_release_dynamic_segments: ['tor', 'tor.release_dynamic_segments'],
} as const satisfies Partial<Record<keyof ScenarioConfig, readonly [string, string]>>;

/** Every key a scenario's `config` may have. */
export const CONFIG_KEYS: readonly (keyof ScenarioConfig)[] = [
  ...(Object.keys(ENGINE_OPTIONS) as (keyof ScenarioConfig)[]),
  ...(Object.keys(DRIVER_OPTIONS) as (keyof ScenarioConfig)[]),
  'overrides',
];

/**
 * The engine configuration overrides (`section.option` keys) of a scenario's `config`: plain
 * keys to their option, driver keys to the driver's section when that driver is loaded,
 * `experimental.linuxbridge` set when `linuxbridge` is loaded (a deployment running it must
 * have set it), then the scenario's own `overrides`, which win. Pure; the engine validates the
 * values when it starts. Expects a config `parseScenario` accepted (no unknown keys).
 */
export function scenarioConfigurationOverrides(config: ScenarioConfig): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(ENGINE_OPTIONS)) {
    const value = config[key as keyof ScenarioConfig];
    if (value !== undefined) overrides[option] = value;
  }
  const drivers = config.mechanism_drivers ?? [];
  for (const [key, [driver, option]] of Object.entries(DRIVER_OPTIONS)) {
    const value = config[key as keyof ScenarioConfig];
    if (value !== undefined && drivers.includes(driver)) overrides[option] = value;
  }
  if (drivers.includes('linuxbridge')) overrides['experimental.linuxbridge'] = true;
  return { ...overrides, ...config.overrides };
}
