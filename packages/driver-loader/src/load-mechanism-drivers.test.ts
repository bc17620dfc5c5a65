import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DI,
  PluginLoadError,
  silentLogger,
  systemClock,
  type MechanismDriver,
  type Ml2Configuration,
} from '@ml2ts/driver-api';
import { Container, ContainerModule } from 'inversify';
import { loadConfiguration } from '@ml2ts/core';
import { loadMechanismDrivers } from './load-mechanism-drivers';

const fixtures = join(__dirname, 'fixtures');
const valid = join(fixtures, 'valid');

function engineContainer(configuration: Ml2Configuration = loadConfiguration()): Container {
  const container = new Container();
  container.bind(DI.CONFIGURATION).toConstantValue(configuration);
  container.bind(DI.CLOCK).toConstantValue(systemClock);
  container.bind(DI.LOGGER).toConstantValue(silentLogger);
  return container;
}

async function load(
  names: readonly string[],
  searchPaths: readonly string[],
  pluginModules?: readonly string[],
): Promise<MechanismDriver[]> {
  return loadMechanismDrivers({ names, container: engineContainer(), searchPaths, pluginModules });
}

async function failureOf(promise: Promise<unknown>): Promise<PluginLoadError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PluginLoadError) return error;
    throw error;
  }
  throw new Error('loading succeeded');
}

describe('loadMechanismDrivers', () => {
  it('returns the drivers in configured order', async () => {
    const drivers = await load(['noop-b', 'echo', 'noop-a'], [valid]);
    expect(drivers.map((driver) => driver.name)).toEqual(['noop-b', 'echo', 'noop-a']);
    expect(drivers[0].connectivity).toBe('l2');
  });

  it('loads in-process modules by name, in configured order among package drivers', async () => {
    const inProcess = (name: string) =>
      new ContainerModule(({ bind }) => {
        bind(DI.MECHANISM_DRIVER).toConstantValue({ name });
      });
    const drivers = await loadMechanismDrivers({
      names: ['local-a', 'echo', 'noop-a'],
      container: engineContainer(),
      searchPaths: [valid],
      modules: { 'local-a': inProcess('local-a'), 'noop-a': inProcess('noop-a') },
    });
    expect(drivers.map((driver) => driver.name)).toEqual(['local-a', 'echo', 'noop-a']);
    expect(drivers[2].connectivity).toBeUndefined(); // the in-process one, not the package's

    const misnamed = await failureOf(
      loadMechanismDrivers({
        names: ['local-a'],
        container: engineContainer(),
        searchPaths: [valid],
        modules: { 'local-a': inProcess('other') },
      }),
    );
    expect(misnamed.message).toContain('registered in-process');
    expect(misnamed.message).toContain('"other"');
  });

  it('returns nothing when no driver is configured', async () => {
    expect(await load([], [valid])).toEqual([]);
  });

  it('lets drivers inject the configuration and logger of the parent container', async () => {
    const configuration = loadConfiguration({ overrides: { 'echo.greeting': 'hello' } });
    const [echo] = await loadMechanismDrivers({
      names: ['echo'],
      container: engineContainer(configuration),
      searchPaths: [valid],
    });
    const injected = echo as MechanismDriver & { configuration: unknown; logger: unknown };
    expect(injected.configuration).toBe(configuration);
    expect(injected.logger).toBe(silentLogger);
    expect(echo.configSections).toEqual(['echo']);
  });

  it('loads each driver module into its own child container, leaving the parent untouched', async () => {
    const container = engineContainer();
    await loadMechanismDrivers({ names: ['noop-a', 'noop-b'], container, searchPaths: [valid] });
    expect(container.isBound(DI.MECHANISM_DRIVER)).toBe(false);
  });

  it('loads through the package exports with the active conditions', async () => {
    const [driver] = await load(['conditional'], [valid]);
    expect(driver).toEqual({ name: 'conditional', loadedFrom: 'source' });
  });

  it('loads an explicit plugin module by absolute path outside the search paths', async () => {
    const explicit = join(fixtures, 'explicit', 'mech-explicit');
    const drivers = await load(['explicit', 'noop-a'], [valid], [explicit]);
    expect(drivers.map((driver) => driver.name)).toEqual(['explicit', 'noop-a']);
  });

  it('accepts a module whose load is asynchronous', async () => {
    const [driver] = await load(['async-load'], [join(fixtures, 'wrong-name')]);
    expect(driver.name).toBe('async-load');
  });

  describe('from the default search paths', () => {
    let dir: string;
    let cwd: string;
    beforeEach(() => {
      cwd = process.cwd();
      dir = mkdtempSync(join(tmpdir(), 'ml2ts-load-'));
      mkdirSync(join(dir, 'node_modules', '@fixture'), { recursive: true });
      symlinkSync(
        join(valid, '@fixture', 'mech-echo'),
        join(dir, 'node_modules', '@fixture', 'mech-echo'),
      );
      process.chdir(dir);
    });
    afterEach(() => {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    });

    it('finds a package linked into the working directory node_modules', async () => {
      const drivers = await loadMechanismDrivers({ names: ['echo'], container: engineContainer() });
      expect(drivers.map((driver) => driver.name)).toEqual(['echo']);
    });

    it('loads an explicit plugin module given by package name', async () => {
      const drivers = await loadMechanismDrivers({
        names: ['echo'],
        container: engineContainer(),
        searchPaths: [],
        pluginModules: ['@fixture/mech-echo'],
      });
      expect(drivers.map((driver) => driver.name)).toEqual(['echo']);
    });
  });

  describe('fails with a PluginLoadError listing the available drivers', () => {
    const available =
      'Available mechanism drivers: conditional (mech-conditional), echo (@fixture/mech-echo), noop-a (mech-noop), noop-b (mech-noop).';

    it('for an unknown name, before requiring any module', async () => {
      const error = await failureOf(
        load(['throws', 'openvswitch'], [valid, join(fixtures, 'throws-on-require')]),
      );
      expect(error.message).toContain(
        'Unknown mechanism driver "openvswitch" in ml2.mechanism_drivers',
      );
      expect(error.message).toContain('ml2ts.plugin_modules');
      expect(error.message).toContain('noop-a (mech-noop)');
      expect(error.message).toContain('throws (mech-throws)');
    });

    it('for an unknown name, giving the exact list', async () => {
      const error = await failureOf(load(['nope'], [valid]));
      expect(error.message.split('\n')).toEqual([
        'Unknown mechanism driver "nope" in ml2.mechanism_drivers: no package declares it. Install the package that provides it, or list its folder in ml2ts.plugin_modules.',
        available,
      ]);
    });

    it('for an unknown name when no driver package exists, saying where it looked', async () => {
      const error = await failureOf(load(['nope'], ['/nonexistent/node_modules']));
      expect(error.message).toContain(
        'Available mechanism drivers: none (no package with an "ml2ts" manifest was found in /nonexistent/node_modules',
      );
    });

    it('for a name configured twice', async () => {
      const error = await failureOf(load(['noop-a', 'noop-a'], [valid]));
      expect(error.message).toContain('"noop-a" is configured twice');
    });

    it('for an invalid manifest, naming every broken package and its problem', async () => {
      const broken = join(fixtures, 'broken-manifest');
      const error = await failureOf(load(['fine'], [broken]));
      expect(error.message).toContain('Mechanism driver packages are invalid');
      expect(error.message).toContain(
        `- manifest-not-object (${join(broken, 'manifest-not-object')}): "ml2ts" must be an object, not "openvswitch"`,
      );
      expect(error.message).toContain('- manifest-bad-entry (');
      expect(error.message).toContain('not "Bad Name"');
      expect(error.message).toContain('Available mechanism drivers: fine (mech-fine).');
    });

    it('for a missing plugin module', async () => {
      const error = await failureOf(load(['noop-a'], [valid], ['@nowhere/mech-missing']));
      expect(error.message).toContain('plugin module "@nowhere/mech-missing" was not found');
    });

    it('for a name two packages claim, naming both and saying to rename one or keep one', async () => {
      const duplicate = join(fixtures, 'duplicate');
      const error = await failureOf(load(['dup'], [duplicate]));
      expect(error.message).toContain(
        `Mechanism driver "dup" is declared by several packages: mech-dup-one (${join(duplicate, 'mech-dup-one')}) and mech-dup-two (${join(duplicate, 'mech-dup-two')})`,
      );
      expect(error.message).toContain(
        'rename its driver (the driver\'s `name` and the "name" of its entry in the package\'s "ml2ts" manifest) and configure the new name',
      );
      expect(error.message).toContain(
        'otherwise leave only one package providing "dup" installed or listed in ml2ts.plugin_modules',
      );
      expect(error.message).not.toContain('Remove all but one');
    });

    it('not for a name two packages claim when it is not configured', async () => {
      const drivers = await load(['only-two'], [join(fixtures, 'duplicate')]);
      expect(drivers.map((driver) => driver.name)).toEqual(['only-two']);
    });

    it('for a module that throws when required, with the cause', async () => {
      const error = await failureOf(load(['throws'], [join(fixtures, 'throws-on-require')]));
      expect(error.message).toContain('Mechanism driver "throws" (package mech-throws): requiring');
      expect(error.message).toContain('failed: boom while loading mech-throws');
      expect((error.cause as Error).message).toBe('boom while loading mech-throws');
    });

    it('for a package whose main entry is missing, saying it looks unbuilt', async () => {
      const dir = join(fixtures, 'throws-on-require', 'mech-missing-main');
      const error = await failureOf(load(['missing-main'], [join(fixtures, 'throws-on-require')]));
      expect(error.message).toContain(
        `Mechanism driver "missing-main" (package mech-missing-main): the package looks unbuilt: its entry ${join(dir, 'lib', 'missing.js')} does not exist. Run its build (for example npx tsc) in ${dir}, then try again.`,
      );
      expect((error.cause as Error).message).toMatch(/Cannot find module/);
    });

    it('for an unbuilt package, naming the missing built file and its build script', async () => {
      const dir = join(fixtures, 'unbuilt', 'mech-unbuilt');
      const error = await failureOf(load(['unbuilt'], [join(fixtures, 'unbuilt')]));
      expect(error.message.split('\n')[0]).toBe(
        `Mechanism driver "unbuilt" (package mech-unbuilt): the package looks unbuilt: its entry ${join(dir, 'dist', 'index.js')} does not exist. Run npm run build (its build script: tsc) in ${dir}, then try again.`,
      );
      expect(error.message).not.toContain('Cannot find module');
    });

    const badExport = join(fixtures, 'bad-export');

    it('for a missing export, listing the module exports', async () => {
      const error = await failureOf(load(['missing-export'], [badExport]));
      expect(error.message).toContain(
        'has no export "missingModule" (its exports: plainObject, foreignModule)',
      );
    });

    it('for an export that is not a ContainerModule', async () => {
      const error = await failureOf(load(['plain-object'], [badExport]));
      expect(error.message).toContain(
        'export "plainObject" is not an inversify ContainerModule (got an object of class Object)',
      );
    });

    it('for a ContainerModule of another copy of inversify', async () => {
      const error = await failureOf(load(['foreign-module'], [badExport]));
      expect(error.message).toContain(
        'export "foreignModule" is a ContainerModule of another copy of inversify',
      );
      expect(error.message).toContain('peer dependency of mech-bad-export');
    });

    const wrongName = join(fixtures, 'wrong-name');

    it('for a driver whose name differs from the manifest', async () => {
      const error = await failureOf(load(['wrong-name'], [wrongName]));
      expect(error.message).toContain(
        'Mechanism driver "wrong-name" (package mech-wrong-name): the bound driver is named "other-name", not "wrong-name"',
      );
    });

    it('for a module that binds no driver', async () => {
      const error = await failureOf(load(['no-driver'], [wrongName]));
      expect(error.message).toContain('its ContainerModule binds no driver to DI.MECHANISM_DRIVER');
    });

    it('for a module that binds its driver with a name', async () => {
      const error = await failureOf(load(['named-binding'], [wrongName]));
      expect(error.message).toContain('without a name or tag');
    });

    it('for a module that binds several drivers', async () => {
      const error = await failureOf(load(['two-drivers'], [wrongName]));
      expect(error.message).toContain('binds 2 drivers to DI.MECHANISM_DRIVER');
    });

    it('for a bound value without a name', async () => {
      const error = await failureOf(load(['nameless'], [wrongName]));
      expect(error.message).toContain('the bound driver has no string "name"');
    });

    it('for a driver that cannot be created, with the cause', async () => {
      const error = await failureOf(load(['constructor-throws'], [wrongName]));
      expect(error.message).toContain('creating the driver failed');
      expect(error.message).toContain('switch credentials missing');
      expect(error.cause).toBeInstanceOf(Error);
    });

    it('for a module whose load throws, with the cause', async () => {
      const error = await failureOf(load(['load-throws'], [wrongName]));
      expect(error.message).toContain('loading its ContainerModule failed: cannot bind today');
    });
  });
});
