import {
  MECHANISM_DRIVER_NAME,
  ConfigurationError,
  DEFAULT_TYPE_DRIVERS,
  type Ml2Configuration,
} from '@ml2ts/driver-api';
import { checkConfigurationTree } from './check-configuration-tree';
import { checkOptionKinds } from './check-option-kinds';
import { parsePhysnetMtus } from './parse-physnet-mtus';
import { MAX_GRE_ID, MAX_VNI, parseTunnelRanges } from './parse-tunnel-ranges';
import { parseVlanRanges } from './parse-vlan-ranges';

/**
 * Checks a complete configuration, the way the server does before anything else starts: its
 * structure (see `checkConfigurationTree`: no reserved key such as `__proto__` at any depth, no
 * object whose prototype sets values, no nesting deeper than `MAX_CONFIGURATION_DEPTH`, no cycle,
 * no function), the JSON type of every option (see `checkOptionKinds`), then every rule on the
 * values:
 *
 * - `DEFAULT.agent_down_time` > 0; `global_physnet_mtu`, `max_dns_nameservers`,
 *   `max_subnet_host_routes`, `ml2.path_mtu`, `ml2_type_geneve.max_header_size` >= 0;
 *   `ml2.overlay_ip_version` 4 or 6;
 * - `ml2.driver_timeout` and `ml2.precommit_timeout` > 0 seconds and at most
 *   `MAX_DRIVER_TIMEOUT_SECONDS` (what a timer can wait), `precommit_timeout` <= `driver_timeout`;
 * - `ml2.type_drivers` drawn from the six ml2ts type drivers, each once;
 *   `ml2.tenant_network_types` and `ml2.external_network_type` among the loaded type drivers;
 * - `ml2.mechanism_drivers` names of lower case letters, digits, `_` and `-`, each once;
 * - VLAN ranges, VNI / GRE id ranges and `ml2.physical_network_mtus` parse (see the parse
 *   helpers); flat networks, `vxlan_group`, plugin modules and the database are non-empty.
 *
 * Which plugin sections are claimed is not checked here: that needs the loaded drivers.
 * Synchronous and pure. Throws the first `ConfigurationError` found, naming the option, the
 * value and what is allowed; structure errors also name `source` (what the configuration is,
 * for the message).
 */
export function validateConfiguration(
  config: Ml2Configuration,
  source = 'configuration object',
): void {
  checkConfigurationTree(config, source, { sectionsKey: 'pluginSections' });
  checkOptionKinds(config);
  const { DEFAULT, ml2 } = config;

  if (DEFAULT.agent_down_time <= 0) {
    throw new ConfigurationError(
      'DEFAULT.agent_down_time',
      DEFAULT.agent_down_time,
      'must be an integer > 0 (seconds)',
    );
  }
  requireNonNegative('DEFAULT.global_physnet_mtu', DEFAULT.global_physnet_mtu);
  requireNonNegative('DEFAULT.max_dns_nameservers', DEFAULT.max_dns_nameservers);
  requireNonNegative('DEFAULT.max_subnet_host_routes', DEFAULT.max_subnet_host_routes);
  checkBaseMac(DEFAULT.base_mac);
  requireNonNegative('ml2.path_mtu', ml2.path_mtu);
  requireNonNegative('ml2_type_geneve.max_header_size', config.ml2_type_geneve.max_header_size);
  if (ml2.overlay_ip_version !== 4 && ml2.overlay_ip_version !== 6) {
    throw new ConfigurationError(
      'ml2.overlay_ip_version',
      ml2.overlay_ip_version,
      'must be 4 or 6',
    );
  }

  checkDriverDeadlines(ml2.driver_timeout, ml2.precommit_timeout);

  const knownTypes = DEFAULT_TYPE_DRIVERS.join(', ');
  requireUnique('ml2.type_drivers', ml2.type_drivers);
  for (const type of ml2.type_drivers) {
    if (!(DEFAULT_TYPE_DRIVERS as readonly string[]).includes(type)) {
      throw new ConfigurationError(
        'ml2.type_drivers',
        type,
        `each entry must be one of ${knownTypes}`,
      );
    }
  }
  const loadedTypes = `a loaded type driver (ml2.type_drivers: ${ml2.type_drivers.join(', ') || 'none'})`;
  for (const type of ml2.tenant_network_types) {
    if (!ml2.type_drivers.includes(type)) {
      throw new ConfigurationError(
        'ml2.tenant_network_types',
        type,
        `each entry must be ${loadedTypes}`,
      );
    }
  }
  if (ml2.external_network_type !== null && !ml2.type_drivers.includes(ml2.external_network_type)) {
    throw new ConfigurationError(
      'ml2.external_network_type',
      ml2.external_network_type,
      `must be null or ${loadedTypes}`,
    );
  }

  requireUnique('ml2.mechanism_drivers', ml2.mechanism_drivers);
  for (const name of ml2.mechanism_drivers) {
    if (!MECHANISM_DRIVER_NAME.test(name)) {
      throw new ConfigurationError(
        'ml2.mechanism_drivers',
        name,
        'each entry must be a driver name of lower case letters, digits, "_" and "-"',
      );
    }
  }

  parsePhysnetMtus(ml2.physical_network_mtus);
  requireNonEmptyEntries('ml2_type_flat.flat_networks', config.ml2_type_flat.flat_networks);
  parseVlanRanges(config.ml2_type_vlan.network_vlan_ranges);
  parseTunnelRanges(config.ml2_type_vxlan.vni_ranges, 1, MAX_VNI, 'ml2_type_vxlan.vni_ranges');
  parseTunnelRanges(config.ml2_type_geneve.vni_ranges, 1, MAX_VNI, 'ml2_type_geneve.vni_ranges');
  parseTunnelRanges(
    config.ml2_type_gre.tunnel_id_ranges,
    1,
    MAX_GRE_ID,
    'ml2_type_gre.tunnel_id_ranges',
  );
  const group = config.ml2_type_vxlan.vxlan_group;
  if (group !== null && group.trim() === '') {
    throw new ConfigurationError(
      'ml2_type_vxlan.vxlan_group',
      group,
      'must be null or a multicast group address',
    );
  }

  requireNonEmptyEntries('ml2ts.plugin_modules', config.ml2ts.plugin_modules);
  requireUnique('ml2ts.plugin_modules', config.ml2ts.plugin_modules);
  if (config.ml2ts.database.trim() === '') {
    throw new ConfigurationError(
      'ml2ts.database',
      config.ml2ts.database,
      'must be a file path or ":memory:"',
    );
  }
}

/**
 * The longest deadline, in seconds, a driver may be given: Node's timers wait at most 2^31 - 1
 * ms (about 24.8 days) and fire at once for anything longer.
 */
export const MAX_DRIVER_TIMEOUT_SECONDS = 2_147_483;

function checkDriverDeadlines(driverTimeout: number, precommitTimeout: number): void {
  const range = `must be a number of seconds > 0 and <= ${MAX_DRIVER_TIMEOUT_SECONDS} (fractions allowed)`;
  if (driverTimeout <= 0 || driverTimeout > MAX_DRIVER_TIMEOUT_SECONDS) {
    throw new ConfigurationError('ml2.driver_timeout', driverTimeout, range);
  }
  if (precommitTimeout <= 0 || precommitTimeout > MAX_DRIVER_TIMEOUT_SECONDS) {
    throw new ConfigurationError('ml2.precommit_timeout', precommitTimeout, range);
  }
  if (precommitTimeout > driverTimeout) {
    throw new ConfigurationError(
      'ml2.precommit_timeout',
      precommitTimeout,
      `must be <= ml2.driver_timeout (${driverTimeout}): pre-commit hooks hold the transaction ` +
        'every other operation waits for, so they get the shorter deadline',
    );
  }
}

function requireNonNegative(option: string, value: number): void {
  if (value < 0) throw new ConfigurationError(option, value, 'must be an integer >= 0');
}

function requireUnique(option: string, entries: readonly string[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry)) {
      throw new ConfigurationError(option, entry, 'is listed twice; each entry may appear once');
    }
    seen.add(entry);
  }
}

function requireNonEmptyEntries(option: string, entries: readonly string[]): void {
  for (const entry of entries) {
    if (entry.trim() === '') {
      throw new ConfigurationError(option, entry, 'entries must be non-empty strings');
    }
  }
}

/** `DEFAULT.base_mac`: a unicast MAC address in colon notation (case does not matter). */
function checkBaseMac(baseMac: string): void {
  if (!/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/.test(baseMac)) {
    throw new ConfigurationError(
      'DEFAULT.base_mac',
      baseMac,
      'must be a MAC address such as fa:16:3e:00:00:00',
    );
  }
  if (parseInt(baseMac.slice(0, 2), 16) % 2 !== 0) {
    throw new ConfigurationError(
      'DEFAULT.base_mac',
      baseMac,
      'must be a unicast address (an even first octet), such as fa:16:3e:00:00:00',
    );
  }
}
