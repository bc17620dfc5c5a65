import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@ml2ts/driver-api';
import { defaultConfiguration } from '@ml2ts/driver-api';
import { MAX_CONFIGURATION_DEPTH, MAX_CONFIGURATION_FILE_BYTES } from './configuration-limits';
import { loadConfiguration } from './load-configuration';

describe('loadConfiguration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ml2ts-config-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function writeJson(name: string, content: unknown): string {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  }

  function errorOf(load: () => unknown): ConfigurationError {
    try {
      load();
    } catch (error) {
      if (error instanceof ConfigurationError) return error;
      throw error;
    }
    throw new Error('loadConfiguration accepted the input');
  }

  it('returns the defaults without file or overrides', () => {
    expect(loadConfiguration()).toEqual(defaultConfiguration());
  });

  it('merges the file over the defaults option by option and puts unknown sections aside', () => {
    const file = writeJson('ml2ts.json', {
      DEFAULT: { agent_down_time: 30 },
      ml2: { mechanism_drivers: ['openvswitch', 'tor'], tenant_network_types: ['vlan'] },
      ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:200'] },
      ovs_driver: { vnic_type_prohibit_list: [] },
      tor: { switches: { sw1: { host: 'a' } } },
    });
    const config = loadConfiguration({ file });
    expect(config.DEFAULT).toEqual({
      agent_down_time: 30,
      global_physnet_mtu: 1500,
      enable_new_agents: true,
      max_dns_nameservers: 5,
      max_subnet_host_routes: 20,
      base_mac: 'fa:16:3e:00:00:00',
    });
    expect(config.ml2.mechanism_drivers).toEqual(['openvswitch', 'tor']);
    expect(config.ml2.tenant_network_types).toEqual(['vlan']);
    expect(config.ml2.type_drivers).toEqual(defaultConfiguration().ml2.type_drivers);
    expect(config.ml2_type_vlan.network_vlan_ranges).toEqual(['physnet1:100:200']);
    expect(config.pluginSections).toEqual({
      ovs_driver: { vnic_type_prohibit_list: [] },
      tor: { switches: { sw1: { host: 'a' } } },
    });
  });

  it('merges overrides over the file; lists replace, they are not concatenated', () => {
    const file = writeJson('c.json', {
      ml2: { mechanism_drivers: ['openvswitch', 'linuxbridge'], path_mtu: 1600 },
      tor: { a: 1, b: 2 },
    });
    const config = loadConfiguration({
      file,
      overrides: { ml2: { mechanism_drivers: ['sriovnicswitch'] }, tor: { b: 3 } },
    });
    expect(config.ml2.mechanism_drivers).toEqual(['sriovnicswitch']);
    expect(config.ml2.path_mtu).toBe(1600);
    expect(config.pluginSections.tor).toEqual({ a: 1, b: 3 });
  });

  it('accepts dotted section.option overrides, for known and plugin sections', () => {
    const config = loadConfiguration({
      overrides: {
        'ml2.path_mtu': 9000,
        'experimental.linuxbridge': true,
        'tor.uplink': 'eth1',
      },
    });
    expect(config.ml2.path_mtu).toBe(9000);
    expect(config.experimental.linuxbridge).toBe(true);
    expect(config.pluginSections).toEqual({ tor: { uplink: 'eth1' } });
  });

  it('accepts dotted keys in the file too', () => {
    const file = writeJson('dotted.json', { 'DEFAULT.agent_down_time': 10 });
    expect(loadConfiguration({ file }).DEFAULT.agent_down_time).toBe(10);
  });

  it('ignores options set to undefined in overrides', () => {
    const config = loadConfiguration({ overrides: { ml2: { path_mtu: undefined } } });
    expect(config.ml2.path_mtu).toBe(0);
  });

  it('resolves a relative file path from the working directory', () => {
    writeJson('relative.json', { ml2: { path_mtu: 1234 } });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(loadConfiguration({ file: 'relative.json' }).ml2.path_mtu).toBe(1234);
    } finally {
      process.chdir(cwd);
    }
  });

  it('returns a deeply frozen configuration that does not share the overrides', () => {
    const drivers = ['tor'];
    const config = loadConfiguration({ overrides: { ml2: { mechanism_drivers: drivers } } });
    drivers.push('ovs');
    expect(config.ml2.mechanism_drivers).toEqual(['tor']);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.ml2)).toBe(true);
    expect(Object.isFrozen(config.ml2.mechanism_drivers)).toBe(true);
  });

  it('rejects an unknown option in a known section, naming where it was set', () => {
    const file = writeJson('unknown.json', { ml2: { mechanism_driver: ['tor'] } });
    const error = errorOf(() => loadConfiguration({ file }));
    expect(error.option).toBe('ml2.mechanism_driver');
    expect(error.message).toContain('unknown option in section ml2');
    expect(error.message).toContain(file);
    const dotted = errorOf(() => loadConfiguration({ overrides: { 'DEFAULT.agent_downtime': 3 } }));
    expect(dotted.option).toBe('DEFAULT.agent_downtime');
    expect(dotted.message).toContain('configuration overrides');
  });

  it('validates the merged result', () => {
    const file = writeJson('bad.json', { ml2: { tenant_network_types: ['vxlan'] } });
    const error = errorOf(() =>
      loadConfiguration({ file, overrides: { 'ml2.type_drivers': ['vlan', 'local'] } }),
    );
    expect(error.option).toBe('ml2.tenant_network_types');
    expect(error.message).toContain('"vxlan"');
    expect(error.message).toContain('ml2.type_drivers: vlan, local');
  });

  it('rejects a section that is not an object', () => {
    const file = writeJson('section.json', { tor: [1, 2] });
    expect(errorOf(() => loadConfiguration({ file })).message).toContain(
      'tor = [1,2]; a section must be an object of options',
    );
  });

  it('rejects a pluginSections key: plugin sections sit at the top level', () => {
    const file = writeJson('plugins.json', { pluginSections: { tor: {} } });
    expect(errorOf(() => loadConfiguration({ file })).message).toContain(
      'plugin sections sit at the top level',
    );
  });

  it.each(['.path_mtu', 'ml2.'])('rejects the malformed dotted key %j', (key) => {
    expect(errorOf(() => loadConfiguration({ overrides: { [key]: 1 } })).message).toContain(
      'a dotted key must be "section.option"',
    );
  });

  it('rejects a value that is not JSON-like', () => {
    const error = errorOf(() => loadConfiguration({ overrides: { 'tor.hook': () => 1 } }));
    expect(error.option).toBe('tor.hook');
    expect(error.message).toContain('must be a JSON value');
  });

  it('names a missing file', () => {
    const missing = join(dir, 'missing.json');
    const error = errorOf(() => loadConfiguration({ file: missing }));
    expect(error.option).toBe('configuration file');
    expect(error.message).toContain(JSON.stringify(missing));
    expect(error.message).toContain('ENOENT');
  });

  it('names an unreadable file', () => {
    const file = writeJson('secret.json', {});
    chmodSync(file, 0o000);
    let readable = true;
    try {
      readFileSync(file);
    } catch {
      readable = false;
    }
    // root reads any file; then the directory stands in for an unreadable file.
    const target = readable ? dir : file;
    const error = errorOf(() => loadConfiguration({ file: target }));
    expect(error.message).toContain(JSON.stringify(target));
    expect(error.message).toContain('reading it failed');
  });

  it('names a malformed file', () => {
    const file = writeJson('broken.json', '{"ml2": ');
    const error = errorOf(() => loadConfiguration({ file }));
    expect(error.message).toContain(JSON.stringify(file));
    expect(error.message).toContain('parsing failed');
  });

  it.each([
    ['[]', 'an array'],
    ['42', '42'],
    ['null', 'null'],
  ])('names a file holding %s instead of an object', (content, described) => {
    const file = writeJson('scalar.json', content);
    const error = errorOf(() => loadConfiguration({ file }));
    expect(error.message).toContain(JSON.stringify(file));
    expect(error.message).toContain(`must hold one JSON object of sections, not ${described}`);
  });

  describe('hostile input', () => {
    it('refuses a file larger than 1 MiB before parsing it, naming the file and the limit', () => {
      // Not JSON at all: a parse error would mean the file was parsed first.
      const file = writeJson('huge.json', 'x'.repeat(MAX_CONFIGURATION_FILE_BYTES + 1));
      const error = errorOf(() => loadConfiguration({ file }));
      expect(error.option).toBe('configuration file');
      expect(error.message).toBe(
        `Invalid configuration: configuration file = ${JSON.stringify(file)}; is ` +
          `${MAX_CONFIGURATION_FILE_BYTES + 1} bytes; a configuration file may hold at most ` +
          `${MAX_CONFIGURATION_FILE_BYTES} bytes (1 MiB)`,
      );
    });

    it('reads a file of exactly 1 MiB', () => {
      const padding = ' '.repeat(MAX_CONFIGURATION_FILE_BYTES - '{"ml2":{"path_mtu":9000}}'.length);
      const file = writeJson('padded.json', `{"ml2":{"path_mtu":9000}}${padding}`);
      expect(loadConfiguration({ file }).ml2.path_mtu).toBe(9000);
    });

    it.each([
      ['objects', (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`],
      ['arrays', (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`],
    ])('refuses deeply nested %s with the file and the limit, not a RangeError', (_, deep) => {
      const file = writeJson('deep.json', `{"tor":{"a":${deep(100_000)}}}`);
      const error = errorOf(() => loadConfiguration({ file }));
      expect(error.message).toContain(
        `nests objects and arrays more than ${MAX_CONFIGURATION_DEPTH} levels deep; at most ` +
          `${MAX_CONFIGURATION_DEPTH} levels are allowed (in configuration file ${file})`,
      );
    });

    it(`accepts a file nested ${MAX_CONFIGURATION_DEPTH} levels deep`, () => {
      // The file's object is level 1; the section and the objects in it are levels 2 to 32.
      const levels = MAX_CONFIGURATION_DEPTH - 1;
      const data = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
      const file = writeJson('deep-enough.json', `{"tor":${data}}`);
      expect(loadConfiguration({ file }).pluginSections.tor).toEqual(JSON.parse(data));
      const deeper = writeJson('too-deep.json', `{"tor":{"b":${data}}}`);
      expect(errorOf(() => loadConfiguration({ file: deeper })).message).toContain(
        `more than ${MAX_CONFIGURATION_DEPTH} levels deep`,
      );
    });

    it.each([
      ['a __proto__ section', '{"__proto__": {"ml2": {"path_mtu": 9000}}}', '__proto__'],
      ['a __proto__ in a plugin section', '{"tor": {"__proto__": {"x": 1}}}', 'tor.__proto__'],
      [
        'a nested constructor',
        '{"tor": {"a": {"constructor": {"prototype": {}}}}}',
        'tor.a.constructor',
      ],
      ['a dotted __proto__ key', '{"__proto__.polluted": true}', '__proto__.polluted'],
      ['a prototype option', '{"ml2": {"prototype": 1}}', 'ml2.prototype'],
    ])('refuses %s in a file, naming the path and the file', (_name, json, path) => {
      const file = writeJson('proto.json', json);
      const error = errorOf(() => loadConfiguration({ file }));
      expect(error.option).toBe(path);
      expect(error.message).toContain('cannot name a section or an option');
      expect(error.message).toContain(`(in configuration file ${file})`);
    });

    it('refuses a __proto__ in the overrides, as an object literal or a computed key', () => {
      const literal = errorOf(() =>
        loadConfiguration({ overrides: { __proto__: { ml2: { path_mtu: 9000 } } } as never }),
      );
      expect(literal.option).toBe('__proto__');
      expect(literal.message).toContain('the prototype of the outermost object sets "ml2"');
      expect(literal.message).toContain('(in configuration overrides)');
      const nested = errorOf(() =>
        loadConfiguration({ overrides: { tor: { switches: { __proto__: { sw1: 'x' } } } } }),
      );
      expect(nested.option).toBe('tor.switches.__proto__');
      const computed = errorOf(() =>
        loadConfiguration({ overrides: { ml2: { ['__proto__']: { path_mtu: 1 } } } as never }),
      );
      expect(computed.option).toBe('ml2.__proto__');
    });

    it('refuses deep overrides with a ConfigurationError', () => {
      let deep: unknown = 1;
      for (let level = 0; level < 100_000; level += 1) deep = { a: deep };
      expect(
        errorOf(() => loadConfiguration({ overrides: { tor: { a: deep } } })).message,
      ).toContain('(in configuration overrides)');
    });

    it('never pollutes Object.prototype', () => {
      const attempts = [
        '{"__proto__": {"polluted": true}}',
        '{"tor": {"__proto__": {"polluted": true}}}',
        '{"constructor": {"prototype": {"polluted": true}}}',
        '{"__proto__.polluted": true}',
        '{"tor.__proto__": {"polluted": true}}',
      ];
      for (const json of attempts) {
        errorOf(() => loadConfiguration({ file: writeJson('pollute.json', json) }));
        errorOf(() => loadConfiguration({ overrides: JSON.parse(json) as never }));
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
    });
  });
});
