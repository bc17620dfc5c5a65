import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverMechanismDrivers } from './discover-mechanism-drivers';

const fixtures = join(__dirname, 'fixtures');
const valid = join(fixtures, 'valid');

describe('discoverMechanismDrivers', () => {
  it('lists the drivers of every package with a manifest, scoped ones too, sorted by name', () => {
    const catalog = discoverMechanismDrivers({ searchPaths: [valid] });
    expect(catalog.problems).toEqual([]);
    expect(catalog.searchPaths).toEqual([valid]);
    expect(catalog.drivers.map((d) => [d.name, d.packageName, d.packageDir])).toEqual([
      ['conditional', 'mech-conditional', join(valid, 'mech-conditional')],
      ['echo', '@fixture/mech-echo', join(valid, '@fixture', 'mech-echo')],
      ['noop-a', 'mech-noop', join(valid, 'mech-noop')],
      ['noop-b', 'mech-noop', join(valid, 'mech-noop')],
    ]);
    expect(catalog.drivers[1].entry).toEqual({
      name: 'echo',
      export: 'echoModule',
      module: './driver',
    });
  });

  it('skips search paths that do not exist', () => {
    const catalog = discoverMechanismDrivers({ searchPaths: ['/nonexistent/node_modules', valid] });
    expect(catalog.drivers).toHaveLength(4);
    expect(catalog.problems).toEqual([]);
  });

  it('reports invalid manifests with their package and keeps the valid drivers', () => {
    const broken = join(fixtures, 'broken-manifest');
    const catalog = discoverMechanismDrivers({ searchPaths: [broken] });
    expect(catalog.drivers.map((d) => d.name)).toEqual(['fine']);
    expect(catalog.problems).toEqual([
      {
        source: 'manifest-bad-entry',
        location: join(broken, 'manifest-bad-entry'),
        problem: expect.stringContaining('not "Bad Name"'),
      },
      {
        source: 'manifest-not-object',
        location: join(broken, 'manifest-not-object'),
        problem: '"ml2ts" must be an object, not "openvswitch"',
      },
    ]);
  });

  it('lists a name once per package claiming it', () => {
    const catalog = discoverMechanismDrivers({ searchPaths: [join(fixtures, 'duplicate')] });
    expect(catalog.drivers.map((d) => `${d.name}@${d.packageName}`)).toEqual([
      'dup@mech-dup-one',
      'dup@mech-dup-two',
      'only-one@mech-dup-one',
      'only-two@mech-dup-two',
    ]);
  });

  it('adds explicit plugin modules outside the search paths', () => {
    const explicit = join(fixtures, 'explicit', 'mech-explicit');
    const catalog = discoverMechanismDrivers({ searchPaths: [valid], pluginModules: [explicit] });
    expect(catalog.drivers.find((d) => d.name === 'explicit')?.packageDir).toBe(explicit);
  });

  it('reads a package reached twice only once', () => {
    const noop = join(valid, 'mech-noop');
    const catalog = discoverMechanismDrivers({
      searchPaths: [valid, valid],
      pluginModules: [noop],
    });
    expect(catalog.drivers.filter((d) => d.name === 'noop-a')).toHaveLength(1);
    expect(catalog.problems).toEqual([]);
  });

  it('reports plugin modules that cannot be found or declare no manifest', () => {
    const notPlugin = join(valid, 'not-a-plugin');
    const catalog = discoverMechanismDrivers({
      searchPaths: [],
      pluginModules: ['@nowhere/mech-missing', notPlugin],
    });
    expect(catalog.drivers).toEqual([]);
    expect(catalog.problems).toEqual([
      {
        source: '@nowhere/mech-missing',
        location: '@nowhere/mech-missing',
        problem: expect.stringContaining('plugin module "@nowhere/mech-missing" was not found'),
      },
      {
        source: notPlugin,
        location: notPlugin,
        problem: `plugin module "${notPlugin}" declares no "ml2ts" manifest in its package.json`,
      },
    ]);
  });

  it('reports a plugin module without manifest even when a search path reached it first', () => {
    const notPlugin = join(valid, 'not-a-plugin');
    const catalog = discoverMechanismDrivers({ searchPaths: [valid], pluginModules: [notPlugin] });
    expect(catalog.problems.map((p) => p.source)).toEqual([notPlugin]);
  });

  describe('in a temporary node_modules', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ml2ts-discover-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('follows symbolic links to package folders, as workspaces use them', () => {
      const nodeModules = join(dir, 'node_modules');
      mkdirSync(join(nodeModules, '@linked'), { recursive: true });
      symlinkSync(join(valid, 'mech-noop'), join(nodeModules, 'noop-link'));
      symlinkSync(join(valid, '@fixture', 'mech-echo'), join(nodeModules, '@linked', 'echo'));
      const catalog = discoverMechanismDrivers({ searchPaths: [nodeModules] });
      expect(catalog.drivers.map((d) => [d.name, d.packageDir])).toEqual([
        ['echo', join(valid, '@fixture', 'mech-echo')],
        ['noop-a', join(valid, 'mech-noop')],
        ['noop-b', join(valid, 'mech-noop')],
      ]);
    });

    it('skips dot folders, files, broken links and unparsable package.json of scanned packages', () => {
      const nodeModules = join(dir, 'node_modules');
      mkdirSync(join(nodeModules, '.bin'), { recursive: true });
      writeFileSync(join(nodeModules, '.bin', 'package.json'), '{"ml2ts": 1}');
      writeFileSync(join(nodeModules, '.package-lock.json'), '{}');
      mkdirSync(join(nodeModules, 'garbled'));
      writeFileSync(join(nodeModules, 'garbled', 'package.json'), '{not json');
      symlinkSync(join(dir, 'gone'), join(nodeModules, 'dangling'));
      const catalog = discoverMechanismDrivers({ searchPaths: [nodeModules] });
      expect(catalog).toEqual({ drivers: [], problems: [], searchPaths: [nodeModules] });
    });

    it('reports an explicit plugin module whose package.json is not JSON', () => {
      writeFileSync(join(dir, 'package.json'), '{not json');
      const catalog = discoverMechanismDrivers({ searchPaths: [], pluginModules: [dir] });
      expect(catalog.problems).toEqual([
        {
          source: dir,
          location: dir,
          problem: expect.stringContaining('its package.json is not valid JSON'),
        },
      ]);
    });
  });
});
