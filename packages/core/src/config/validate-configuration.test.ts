import { ConfigurationError, type Ml2Configuration } from '@ml2ts/driver-api';
import { defaultConfiguration } from '@ml2ts/driver-api';
import { MAX_DRIVER_TIMEOUT_SECONDS, validateConfiguration } from './validate-configuration';

/** The defaults with some options of some sections replaced (values deliberately untyped). */
function configWith(changes: Record<string, Record<string, unknown>>): Ml2Configuration {
  const config = defaultConfiguration() as unknown as Record<string, Record<string, unknown>>;
  for (const [section, options] of Object.entries(changes)) {
    config[section] = { ...config[section], ...options };
  }
  return config as unknown as Ml2Configuration;
}

function errorOf(config: Ml2Configuration): ConfigurationError {
  try {
    validateConfiguration(config);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('validateConfiguration accepted the configuration');
}

describe('validateConfiguration', () => {
  describe('option types', () => {
    it.each([
      ['DEFAULT', 'agent_down_time', '75', 'must be an integer'],
      ['DEFAULT', 'agent_down_time', 7.5, 'must be an integer'],
      ['DEFAULT', 'global_physnet_mtu', null, 'must be an integer'],
      ['DEFAULT', 'enable_new_agents', 'yes', 'must be true or false'],
      ['ml2', 'mechanism_drivers', 'openvswitch', 'must be a list of strings'],
      ['ml2', 'type_drivers', ['vlan', 3], 'must be a list of strings'],
      ['ml2', 'external_network_type', 5, 'must be a string or null'],
      ['ml2', 'overlay_ip_version', '4', 'must be an integer'],
      ['ml2', 'driver_timeout', '30', 'must be a number'],
      ['ml2', 'precommit_timeout', null, 'must be a number'],
      ['ml2_type_vxlan', 'vxlan_group', false, 'must be a string or null'],
      ['securitygroup', 'enable_security_group', 1, 'must be true or false'],
      ['experimental', 'linuxbridge', 'true', 'must be true or false'],
      ['ml2ts', 'database', null, 'must be a string'],
      ['ml2ts', 'plugin_modules', {}, 'must be a list of strings'],
    ])('rejects %s.%s = %j', (section, option, value, allowed) => {
      const error = errorOf(configWith({ [section]: { [option]: value } }));
      expect(error.option).toBe(`${section}.${option}`);
      expect(error.message).toBe(
        `Invalid configuration: ${section}.${option} = ${JSON.stringify(value)}; ${allowed}`,
      );
    });

    it('rejects a missing option', () => {
      const config = configWith({});
      delete (config.ml2 as unknown as Record<string, unknown>).path_mtu;
      expect(errorOf(config).option).toBe('ml2.path_mtu');
    });

    it('rejects a section that is not an object', () => {
      const config = { ...defaultConfiguration(), ml2: [] } as unknown as Ml2Configuration;
      expect(errorOf(config).message).toContain('ml2 = []; a section must be an object');
    });

    it('rejects an unknown option in a known section, listing the known ones', () => {
      const error = errorOf(configWith({ ml2: { mechanism_driver: ['ovs'] } }));
      expect(error.option).toBe('ml2.mechanism_driver');
      expect(error.message).toContain('unknown option in section ml2');
      expect(error.message).toContain('mechanism_drivers, type_drivers');
    });

    it('accepts plugin sections of any options', () => {
      const config = { ...defaultConfiguration(), pluginSections: { tor: { a: [1], b: 'x' } } };
      expect(() => validateConfiguration(config)).not.toThrow();
    });

    it('rejects a plugin section that is not an object', () => {
      const config = { ...defaultConfiguration(), pluginSections: { tor: 'x' } };
      expect(errorOf(config as unknown as Ml2Configuration).option).toBe('tor');
    });

    it('rejects a plugin section named like a known section', () => {
      const config = { ...defaultConfiguration(), pluginSections: { ml2: {} } };
      expect(errorOf(config).message).toContain('belongs to ml2ts');
    });
  });

  describe('DEFAULT', () => {
    it('accepts agent_down_time 1 and rejects 0 and negatives', () => {
      expect(() =>
        validateConfiguration(configWith({ DEFAULT: { agent_down_time: 1 } })),
      ).not.toThrow();
      for (const value of [0, -5]) {
        const error = errorOf(configWith({ DEFAULT: { agent_down_time: value } }));
        expect(error.message).toContain(
          `DEFAULT.agent_down_time = ${value}; must be an integer > 0`,
        );
      }
    });

    it('accepts global_physnet_mtu 0 and rejects negatives', () => {
      expect(() =>
        validateConfiguration(configWith({ DEFAULT: { global_physnet_mtu: 0 } })),
      ).not.toThrow();
      expect(errorOf(configWith({ DEFAULT: { global_physnet_mtu: -1 } })).message).toContain(
        'DEFAULT.global_physnet_mtu = -1; must be an integer >= 0',
      );
    });

    it.each(['max_dns_nameservers', 'max_subnet_host_routes'])(
      'accepts %s 0 and rejects negatives and fractions',
      (option) => {
        expect(() => validateConfiguration(configWith({ DEFAULT: { [option]: 0 } }))).not.toThrow();
        expect(errorOf(configWith({ DEFAULT: { [option]: -1 } })).message).toContain(
          `DEFAULT.${option} = -1; must be an integer >= 0`,
        );
        expect(errorOf(configWith({ DEFAULT: { [option]: 2.5 } })).option).toBe(
          `DEFAULT.${option}`,
        );
      },
    );

    it('accepts a unicast base_mac in either case, and nothing else', () => {
      expect(() =>
        validateConfiguration(configWith({ DEFAULT: { base_mac: 'FA:16:3E:4F:00:00' } })),
      ).not.toThrow();
      expect(errorOf(configWith({ DEFAULT: { base_mac: 'fa:16:3e' } })).message).toContain(
        'must be a MAC address',
      );
      expect(errorOf(configWith({ DEFAULT: { base_mac: '01:00:5e:00:00:00' } })).message).toContain(
        'must be a unicast address',
      );
    });
  });

  describe('ml2', () => {
    it('accepts path_mtu 9000 and rejects a negative one', () => {
      expect(() => validateConfiguration(configWith({ ml2: { path_mtu: 9000 } }))).not.toThrow();
      expect(errorOf(configWith({ ml2: { path_mtu: -1 } })).option).toBe('ml2.path_mtu');
    });

    it('accepts overlay_ip_version 6 and rejects 5', () => {
      expect(() =>
        validateConfiguration(configWith({ ml2: { overlay_ip_version: 6 } })),
      ).not.toThrow();
      expect(errorOf(configWith({ ml2: { overlay_ip_version: 5 } })).message).toContain(
        'ml2.overlay_ip_version = 5; must be 4 or 6',
      );
    });

    it('accepts fractional driver deadlines, precommit_timeout up to driver_timeout', () => {
      for (const ml2 of [
        { driver_timeout: 0.05, precommit_timeout: 0.02 },
        { driver_timeout: 2.5, precommit_timeout: 2.5 },
        { driver_timeout: MAX_DRIVER_TIMEOUT_SECONDS, precommit_timeout: 3 },
      ]) {
        expect(() => validateConfiguration(configWith({ ml2 }))).not.toThrow();
      }
    });

    it.each([
      ['driver_timeout', 0, '> 0'],
      ['driver_timeout', -1, '> 0'],
      ['driver_timeout', MAX_DRIVER_TIMEOUT_SECONDS + 1, `<= ${MAX_DRIVER_TIMEOUT_SECONDS}`],
      ['precommit_timeout', 0, '> 0'],
      ['precommit_timeout', 31, 'must be <= ml2.driver_timeout (30)'],
    ])('rejects ml2.%s = %j', (option, value, allowed) => {
      const error = errorOf(configWith({ ml2: { [option]: value } }));
      expect(error.option).toBe(`ml2.${option}`);
      expect(error.message).toContain(allowed);
    });

    it('rejects a timeout that is not finite', () => {
      expect(errorOf(configWith({ ml2: { driver_timeout: Infinity } })).message).toContain(
        'ml2.driver_timeout = null; must be a number',
      );
    });

    it('accepts a subset of the type drivers', () => {
      const config = configWith({ ml2: { type_drivers: ['vlan', 'local'] } });
      expect(() => validateConfiguration(config)).not.toThrow();
    });

    it('rejects an unknown type driver, listing the six', () => {
      const error = errorOf(configWith({ ml2: { type_drivers: ['vlan', 'mpls'] } }));
      expect(error.message).toBe(
        'Invalid configuration: ml2.type_drivers = "mpls"; each entry must be one of local, flat, vlan, gre, vxlan, geneve',
      );
    });

    it('rejects a type driver listed twice', () => {
      const error = errorOf(configWith({ ml2: { type_drivers: ['local', 'vlan', 'vlan'] } }));
      expect(error.message).toContain('ml2.type_drivers = "vlan"; is listed twice');
    });

    it('requires tenant network types to be loaded type drivers', () => {
      const good = configWith({
        ml2: { type_drivers: ['vlan', 'vxlan'], tenant_network_types: ['vxlan', 'vlan'] },
      });
      expect(() => validateConfiguration(good)).not.toThrow();
      const error = errorOf(
        configWith({
          ml2: { type_drivers: ['vlan', 'flat'], tenant_network_types: ['vlan', 'gre'] },
        }),
      );
      expect(error.message).toBe(
        'Invalid configuration: ml2.tenant_network_types = "gre"; each entry must be a loaded type driver (ml2.type_drivers: vlan, flat)',
      );
    });

    it("rejects the default tenant type 'local' when local is not loaded", () => {
      expect(errorOf(configWith({ ml2: { type_drivers: ['vlan'] } })).option).toBe(
        'ml2.tenant_network_types',
      );
    });

    it('accepts an empty tenant type list', () => {
      const config = configWith({ ml2: { tenant_network_types: [] } });
      expect(() => validateConfiguration(config)).not.toThrow();
    });

    it('requires external_network_type to be null or a loaded type driver', () => {
      expect(() =>
        validateConfiguration(configWith({ ml2: { external_network_type: 'flat' } })),
      ).not.toThrow();
      const error = errorOf(
        configWith({ ml2: { type_drivers: ['local'], external_network_type: 'flat' } }),
      );
      expect(error.message).toContain(
        'ml2.external_network_type = "flat"; must be null or a loaded type driver',
      );
    });

    it('accepts well-formed mechanism driver names in any order', () => {
      const config = configWith({ ml2: { mechanism_drivers: ['tor', 'openvswitch', 'l2_pop-2'] } });
      expect(() => validateConfiguration(config)).not.toThrow();
    });

    it.each(['OpenVSwitch', 'open vswitch', '', 'ovs.driver'])(
      'rejects the mechanism driver name %j',
      (name) => {
        const error = errorOf(configWith({ ml2: { mechanism_drivers: ['tor', name] } }));
        expect(error.message).toContain(`ml2.mechanism_drivers = ${JSON.stringify(name)}`);
        expect(error.message).toContain('lower case letters, digits');
      },
    );

    it('rejects a mechanism driver listed twice', () => {
      const error = errorOf(configWith({ ml2: { mechanism_drivers: ['tor', 'ovs', 'tor'] } }));
      expect(error.message).toContain('ml2.mechanism_drivers = "tor"; is listed twice');
    });

    it('parses physical_network_mtus', () => {
      expect(() =>
        validateConfiguration(configWith({ ml2: { physical_network_mtus: ['p1:9000'] } })),
      ).not.toThrow();
      expect(errorOf(configWith({ ml2: { physical_network_mtus: ['p1'] } })).option).toBe(
        'ml2.physical_network_mtus',
      );
    });
  });

  describe('type driver sections', () => {
    it('rejects an empty flat network name but accepts "*" and an empty list', () => {
      for (const flat of [['*'], [], ['physnet1', 'physnet2']]) {
        expect(() =>
          validateConfiguration(configWith({ ml2_type_flat: { flat_networks: flat } })),
        ).not.toThrow();
      }
      expect(errorOf(configWith({ ml2_type_flat: { flat_networks: ['p1', ''] } })).option).toBe(
        'ml2_type_flat.flat_networks',
      );
    });

    it('parses network_vlan_ranges', () => {
      expect(() =>
        validateConfiguration(
          configWith({ ml2_type_vlan: { network_vlan_ranges: ['p1', 'p2:100:200'] } }),
        ),
      ).not.toThrow();
      expect(
        errorOf(configWith({ ml2_type_vlan: { network_vlan_ranges: ['p2:0:200'] } })).option,
      ).toBe('ml2_type_vlan.network_vlan_ranges');
    });

    it('checks VXLAN and Geneve VNIs against 1..16777215', () => {
      for (const section of ['ml2_type_vxlan', 'ml2_type_geneve']) {
        expect(() =>
          validateConfiguration(configWith({ [section]: { vni_ranges: ['1:16777215'] } })),
        ).not.toThrow();
        const error = errorOf(configWith({ [section]: { vni_ranges: ['1:16777216'] } }));
        expect(error.message).toContain(`${section}.vni_ranges = "1:16777216"`);
        expect(error.message).toContain('1 <= min <= max <= 16777215');
      }
    });

    it('checks GRE ids against 1..4294967295', () => {
      expect(() =>
        validateConfiguration(configWith({ ml2_type_gre: { tunnel_id_ranges: ['1:4294967295'] } })),
      ).not.toThrow();
      const error = errorOf(configWith({ ml2_type_gre: { tunnel_id_ranges: ['0:10'] } }));
      expect(error.message).toContain('ml2_type_gre.tunnel_id_ranges = "0:10"');
      expect(error.message).toContain('<= 4294967295');
    });

    it('accepts a vxlan_group and rejects a blank one', () => {
      expect(() =>
        validateConfiguration(configWith({ ml2_type_vxlan: { vxlan_group: '239.1.1.1' } })),
      ).not.toThrow();
      expect(errorOf(configWith({ ml2_type_vxlan: { vxlan_group: ' ' } })).option).toBe(
        'ml2_type_vxlan.vxlan_group',
      );
    });

    it('rejects a negative Geneve max_header_size', () => {
      expect(errorOf(configWith({ ml2_type_geneve: { max_header_size: -1 } })).option).toBe(
        'ml2_type_geneve.max_header_size',
      );
    });
  });

  describe('ml2ts', () => {
    it('accepts plugin modules and rejects empty or repeated ones', () => {
      expect(() =>
        validateConfiguration(configWith({ ml2ts: { plugin_modules: ['/opt/a', '@x/b'] } })),
      ).not.toThrow();
      expect(errorOf(configWith({ ml2ts: { plugin_modules: [''] } })).option).toBe(
        'ml2ts.plugin_modules',
      );
      expect(errorOf(configWith({ ml2ts: { plugin_modules: ['a', 'a'] } })).message).toContain(
        'is listed twice',
      );
    });

    it('accepts ":memory:" and rejects an empty database', () => {
      expect(() =>
        validateConfiguration(configWith({ ml2ts: { database: ':memory:' } })),
      ).not.toThrow();
      expect(errorOf(configWith({ ml2ts: { database: '' } })).option).toBe('ml2ts.database');
    });
  });
});
