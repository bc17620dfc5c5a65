import { ConfigurationError, defaultConfiguration, type Ml2Configuration } from '@ml2ts/driver-api';
import { adoptConfiguration } from './adopt-configuration';
import { MAX_CONFIGURATION_DEPTH } from './configuration-limits';
import { loadConfiguration } from './load-configuration';

/** The defaults with some options of some sections replaced (values deliberately untyped). */
function configWith(changes: Record<string, Record<string, unknown>>): Ml2Configuration {
  const config = defaultConfiguration() as unknown as Record<string, Record<string, unknown>>;
  for (const [section, options] of Object.entries(changes)) {
    config[section] = { ...config[section], ...options };
  }
  return config as unknown as Ml2Configuration;
}

function errorOf(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('adoptConfiguration', () => {
  it('returns a deeply frozen copy and leaves the caller its object', () => {
    const given = configWith({ ml2: { mechanism_drivers: ['tor'] } });
    const adopted = adoptConfiguration(given);
    expect(adopted).toEqual(given);
    expect(adopted).not.toBe(given);
    expect(Object.isFrozen(adopted.ml2.mechanism_drivers)).toBe(true);
    expect(Object.isFrozen(given.ml2)).toBe(false);
    (given.ml2.mechanism_drivers as string[]).push('ovs');
    expect(adopted.ml2.mechanism_drivers).toEqual(['tor']);
  });

  it('accepts what loadConfiguration returns', () => {
    const loaded = loadConfiguration({ overrides: { tor: { uplinks: ['eth1'] } } });
    expect(adoptConfiguration(loaded)).toEqual(loaded);
  });

  it.each([
    ['DEFAULT', 'agent_down_time', -5],
    ['DEFAULT', 'agent_down_time', '75'],
    ['ml2', 'overlay_ip_version', 5],
    ['ml2', 'tenant_network_types', ['gre', 'nope']],
    ['ml2_type_vlan', 'network_vlan_ranges', ['physnet1:5000:5001']],
  ])('refuses %s.%s = %j with the error a configuration file gets', (section, option, value) => {
    const fromObject = errorOf(() =>
      adoptConfiguration(configWith({ [section]: { [option]: value } })),
    );
    const fromOverrides = errorOf(() =>
      loadConfiguration({ overrides: { [section]: { [option]: value } } }),
    );
    expect(fromObject.message).toBe(fromOverrides.message);
    expect(fromObject.option).toBe(fromOverrides.option);
  });

  it('names option, value and what is allowed for agent_down_time -5', () => {
    expect(() => adoptConfiguration(configWith({ DEFAULT: { agent_down_time: -5 } }))).toThrow(
      new ConfigurationError('DEFAULT.agent_down_time', -5, 'must be an integer > 0 (seconds)'),
    );
  });

  it('refuses reserved keys at any depth, naming the path', () => {
    const parsed = JSON.parse('{"switches": {"sw1": {"__proto__": {"x": 1}}}}') as Record<
      string,
      unknown
    >;
    const error = errorOf(() =>
      adoptConfiguration({ ...defaultConfiguration(), pluginSections: { tor: parsed } }),
    );
    expect(error.option).toBe('pluginSections.tor.switches.sw1.__proto__');
    expect(error.message).toContain('(in configuration object)');
    const literal = errorOf(() =>
      adoptConfiguration({
        ...defaultConfiguration(),
        pluginSections: { tor: { __proto__: { uplink: 'eth1' } } },
      }),
    );
    expect(literal.option).toBe('pluginSections.tor.__proto__');
    const constructor = errorOf(() =>
      adoptConfiguration(configWith({ ml2: JSON.parse('{"constructor": 1}') as never })),
    );
    expect(constructor.option).toBe('ml2.constructor');
  });

  it('refuses deep plugin sections with a ConfigurationError naming the limit', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    const error = errorOf(() =>
      adoptConfiguration({ ...defaultConfiguration(), pluginSections: { tor: { a: deep } } }),
    );
    expect(error.message).toContain(`more than ${MAX_CONFIGURATION_DEPTH} levels deep`);
  });

  it('refuses functions, as overrides refuse them', () => {
    const error = errorOf(() =>
      adoptConfiguration({ ...defaultConfiguration(), pluginSections: { tor: { hook: () => 1 } } }),
    );
    expect(error.option).toBe('pluginSections.tor.hook');
    expect(error.message).toContain('must be a JSON value');
  });

  it.each([null, 'ml2', []])('refuses %j instead of an object of sections', (value) => {
    expect(errorOf(() => adoptConfiguration(value as never)).message).toContain(
      'must be an object of sections',
    );
  });
});
