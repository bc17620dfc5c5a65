import { ConfigurationError, isVnicType, type Ml2Configuration } from '@ml2ts/driver-api';

/** The configuration section the `tor` driver owns: `config.pluginSections.tor`. */
export const TOR_SECTION = 'tor';

/** The validated `tor` section. */
export interface TorSettings {
  /** Segment types the switch terminates; the driver binds the first such segment. */
  readonly networkTypes: readonly string[];
  /** Physical network of the dynamic VLAN between the switch and the hosts. */
  readonly physicalNetwork: string;
  /** Hosts behind the switch; empty = every host. */
  readonly hosts: readonly string[];
  /** Vnic types the driver binds. */
  readonly vnicTypes: readonly string[];
  /** Whether to release a dynamic VLAN once no port uses it. */
  readonly releaseDynamicSegments: boolean;
}

/** Defaults of every option, used when the section (or an option in it) is absent. */
export const TOR_DEFAULTS: TorSettings = {
  networkTypes: ['vxlan'],
  physicalNetwork: 'physnet1',
  hosts: [],
  vnicTypes: ['normal'],
  releaseDynamicSegments: true,
};

/**
 * Reads and validates `config.pluginSections.tor`. A driver owns its section: it checks every
 * option and refuses unknown ones, so a typo fails start-up instead of being ignored.
 * Pure, never blocks; throws `ConfigurationError` naming the option.
 */
export function readTorSettings(config: Ml2Configuration): TorSettings {
  const section = config.pluginSections[TOR_SECTION] ?? {};
  const option = (name: string) => `${TOR_SECTION}.${name}`;

  const known = [
    'network_types',
    'physical_network',
    'hosts',
    'vnic_types',
    'release_dynamic_segments',
  ];
  for (const name of Object.keys(section)) {
    if (!known.includes(name)) {
      throw new ConfigurationError(
        option(name),
        section[name],
        `unknown option; known: ${known.join(', ')}`,
      );
    }
  }

  const stringList = (name: string, fallback: readonly string[]): readonly string[] => {
    const value = section[name];
    if (value === undefined) return fallback;
    if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
      throw new ConfigurationError(option(name), value, 'expected a list of strings');
    }
    return value;
  };

  const networkTypes = stringList('network_types', TOR_DEFAULTS.networkTypes);
  if (networkTypes.length === 0) {
    throw new ConfigurationError(
      option('network_types'),
      networkTypes,
      'expected at least one network type',
    );
  }
  const vnicTypes = stringList('vnic_types', TOR_DEFAULTS.vnicTypes);
  const unknownVnicTypes = vnicTypes.filter((vnicType) => !isVnicType(vnicType));
  if (unknownVnicTypes.length > 0) {
    throw new ConfigurationError(
      option('vnic_types'),
      vnicTypes,
      `unknown vnic types: ${unknownVnicTypes.join(', ')}`,
    );
  }
  const physicalNetwork = section.physical_network ?? TOR_DEFAULTS.physicalNetwork;
  if (typeof physicalNetwork !== 'string' || physicalNetwork === '') {
    throw new ConfigurationError(
      option('physical_network'),
      physicalNetwork,
      'expected a physical network name',
    );
  }
  const release = section.release_dynamic_segments ?? TOR_DEFAULTS.releaseDynamicSegments;
  if (typeof release !== 'boolean') {
    throw new ConfigurationError(
      option('release_dynamic_segments'),
      release,
      'expected true or false',
    );
  }
  return {
    networkTypes,
    physicalNetwork,
    hosts: stringList('hosts', TOR_DEFAULTS.hosts),
    vnicTypes,
    releaseDynamicSegments: release,
  };
}
