import { ConfigurationError, defaultConfiguration, type Ml2Configuration } from '@ml2ts/driver-api';
import { loadConfiguration } from '../config';
import { createEngine } from './create-engine';
import { openEngine } from './open-engine';

/** The defaults with `DEFAULT.agent_down_time` set to `value`. */
function withAgentDownTime(value: number): Ml2Configuration {
  const defaults = defaultConfiguration();
  return { ...defaults, DEFAULT: { ...defaults.DEFAULT, agent_down_time: value } };
}

/** The `ConfigurationError` a file (here: overrides) with `agent_down_time` -5 gets. */
function fileError(): ConfigurationError {
  try {
    loadConfiguration({ overrides: { DEFAULT: { agent_down_time: -5 } } });
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('loadConfiguration accepted agent_down_time -5');
}

describe('engines given a pre-built configuration', () => {
  it('createEngine refuses it as it refuses a configuration file, before opening anything', async () => {
    const expected = fileError();
    // A database that cannot be opened: the configuration must be refused first.
    const attempt = createEngine({
      configuration: withAgentDownTime(-5),
      database: '/nonexistent/folder/ml2ts.sqlite',
    });
    await expect(attempt).rejects.toThrow(ConfigurationError);
    await expect(attempt).rejects.toThrow(expected.message);
    expect(expected.message).toBe(
      'Invalid configuration: DEFAULT.agent_down_time = -5; must be an integer > 0 (seconds)',
    );
  });

  it('openEngine refuses it too', async () => {
    await expect(
      openEngine({
        configuration: withAgentDownTime(-5),
        database: '/nonexistent/folder/ml2ts.sqlite',
      }),
    ).rejects.toThrow(fileError().message);
  });

  it('createEngine refuses a __proto__ section in it, naming the path', async () => {
    const configuration = {
      ...defaultConfiguration(),
      pluginSections: JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, never>,
    };
    await expect(createEngine({ configuration, database: ':memory:' })).rejects.toThrow(
      /pluginSections\.__proto__ = \{"polluted":true\}; "__proto__" cannot name a section/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('runs with a valid one, keeping a frozen copy', async () => {
    const configuration = withAgentDownTime(42);
    const engine = await createEngine({
      configuration,
      database: ':memory:',
      rebindInterruptedPorts: false,
    });
    try {
      expect(engine.configuration).toEqual(configuration);
      expect(Object.isFrozen(engine.configuration.DEFAULT)).toBe(true);
      (configuration.DEFAULT as { agent_down_time: number }).agent_down_time = -5;
      expect(engine.configuration.DEFAULT.agent_down_time).toBe(42);
    } finally {
      await engine.close();
    }
  });
});
