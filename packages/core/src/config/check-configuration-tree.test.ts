import { ConfigurationError } from '@ml2ts/driver-api';
import { checkConfigurationTree } from './check-configuration-tree';
import { MAX_CONFIGURATION_DEPTH } from './configuration-limits';

function errorOf(value: unknown, sectionsKey?: string): ConfigurationError {
  try {
    checkConfigurationTree(value, 'the test input', { sectionsKey });
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('checkConfigurationTree accepted the input');
}

/** `levels` objects nested in each other, the innermost holding 1. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level += 1) value = { a: value };
  return value;
}

describe('checkConfigurationTree', () => {
  it('accepts sections of JSON values, lists and nested objects', () => {
    expect(() =>
      checkConfigurationTree(
        { ml2: { mechanism_drivers: ['tor'], path_mtu: 0 }, tor: { switches: { sw1: {} } } },
        'test',
      ),
    ).not.toThrow();
  });

  it.each([
    ['a __proto__ section', '{"__proto__": {"ml2": {"path_mtu": 9000}}}', '__proto__'],
    ['a __proto__ option', '{"tor": {"__proto__": {"polluted": true}}}', 'tor.__proto__'],
    ['a deep __proto__', '{"tor": {"a": [{"b": {"__proto__": 1}}]}}', 'tor.a[0].b.__proto__'],
    ['a constructor section', '{"constructor": {"prototype": {"x": 1}}}', 'constructor'],
    ['a prototype option', '{"ml2": {"prototype": 1}}', 'ml2.prototype'],
    ['a reserved part of a dotted key', '{"ml2.constructor": 1}', 'ml2.constructor'],
    ['a reserved section of a dotted key', '{"__proto__.polluted": 1}', '__proto__.polluted'],
  ])('refuses %s of parsed JSON, naming its path', (_name, json, path) => {
    const error = errorOf(JSON.parse(json));
    expect(error.option).toBe(path);
    expect(error.message).toContain('cannot name a section or an option');
    expect(error.message).toContain('(in the test input)');
  });

  it('refuses a __proto__ written as a computed key (an own property)', () => {
    const error = errorOf({ tor: { ['__proto__']: { polluted: true } } });
    expect(error.option).toBe('tor.__proto__');
    expect(error.message).toBe(
      'Invalid configuration: tor.__proto__ = {"polluted":true}; "__proto__" cannot name a ' +
        'section or an option (reserved: __proto__, constructor, prototype, also as a part of a ' +
        'dotted key) (in the test input)',
    );
  });

  it('refuses a __proto__ written in an object literal (a prototype that sets values)', () => {
    const outermost = errorOf({ __proto__: { ml2: { path_mtu: 9000 } } });
    expect(outermost.option).toBe('__proto__');
    expect(outermost.message).toContain('the prototype of the outermost object sets "ml2"');
    expect(outermost.message).toContain('which would be ignored');
    const inner = errorOf({ tor: { switches: { __proto__: { sw1: 'x' } } } });
    expect(inner.option).toBe('tor.switches.__proto__');
  });

  it('accepts objects whose prototype sets nothing: null prototypes, class instances', () => {
    const bare = Object.assign(Object.create(null) as object, { path_mtu: 1 });
    expect(() =>
      checkConfigurationTree({ ml2: bare, tor: { at: new Date(0) } }, 't'),
    ).not.toThrow();
  });

  it(`accepts ${MAX_CONFIGURATION_DEPTH} levels of nesting and refuses one more`, () => {
    expect(() => checkConfigurationTree(nested(MAX_CONFIGURATION_DEPTH), 't')).not.toThrow();
    const error = errorOf(nested(MAX_CONFIGURATION_DEPTH + 1));
    expect(error.option).toBe(Array(MAX_CONFIGURATION_DEPTH).fill('a').join('.'));
    expect(error.message).toContain(
      `nests objects and arrays more than ${MAX_CONFIGURATION_DEPTH} levels deep; at most ` +
        `${MAX_CONFIGURATION_DEPTH} levels are allowed (in the test input)`,
    );
  });

  it('refuses very deep input with a ConfigurationError, not a stack overflow', () => {
    let deep: unknown = [];
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    const error = errorOf({ tor: { a: deep } });
    expect(error.message).toContain('= "an array of 1 entry"; nests objects and arrays');
  });

  it('does not count the sections key as a level', () => {
    const config = { pluginSections: { tor: nested(MAX_CONFIGURATION_DEPTH - 1) } };
    expect(() => checkConfigurationTree(config, 't')).toThrow(ConfigurationError);
    expect(() =>
      checkConfigurationTree(config, 't', { sectionsKey: 'pluginSections' }),
    ).not.toThrow();
    expect(
      errorOf({ pluginSections: JSON.parse('{"__proto__": {}}') }, 'pluginSections').option,
    ).toBe('pluginSections.__proto__');
  });

  it('refuses an object that contains itself', () => {
    const tor: Record<string, unknown> = { a: 1 };
    tor.self = { back: tor };
    const error = errorOf({ tor });
    expect(error.option).toBe('tor.self.back');
    expect(error.message).toContain('contains itself');
  });

  it('accepts the same object in two places', () => {
    const shared = { x: 1 };
    expect(() => checkConfigurationTree({ tor: { a: shared, b: shared } }, 't')).not.toThrow();
  });

  it('refuses functions and symbols, naming the path', () => {
    expect(errorOf({ tor: { hook: () => 1 } }).message).toContain(
      'tor.hook = "() => 1"; must be a JSON value (in the test input)',
    );
    expect(errorOf({ tor: { list: [Symbol('s')] } }).option).toBe('tor.list[0]');
  });

  it('never changes the input, and nothing reaches Object.prototype', () => {
    const json = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": 1}}}';
    const input = JSON.parse(json) as object;
    errorOf(input);
    expect(JSON.stringify(input)).toBe(json.replace(/\s/g, ''));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
