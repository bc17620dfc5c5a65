import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, posix, relative } from 'node:path';
import { type ConfigurationOverrides as EngineConfigurationOverrides, createEngine, type Engine, type EngineOptions } from '@ml2ts/core';
import { type DiscoveredDriver, discoverMechanismDrivers, loadMechanismDrivers } from '@ml2ts/driver-loader';
import { type MechanismDriver } from '@ml2ts/driver-api';
import { type ConfigurationOverrides } from '../../fixtures/make-configuration';
import { declaredVnicTypes, firstNetworkType } from '../contract-declaration';
import { sampleSegment } from '../contract-fixtures';
import { type ContractGroup } from '../contract-group';
import { capableSetup } from '../contract-setups';
import { type ContractSubject, messageOf } from '../contract-subject';
import { turnRecord } from '../contract-turn';
import { ContractViolation, ensure } from '../contract-violation';
import { check, defineContractGroup } from './define-contract-group';

/** An inversify `ContainerModule`, as the engine takes it. */
type ContainerModule = NonNullable<EngineOptions['driverModules']>[string];

/**
 * DI module and manifest validity. The `ml2ts` manifest in the package's `package.json` declares
 * the driver's name exactly once and is valid; an engine started with that name in
 * `ml2.mechanism_drivers` and the package folder in `ml2ts.plugin_modules` loads it through the
 * real plugin loader; the export the manifest names is an inversify `ContainerModule` binding one
 * driver of that name, which the engine also loads as an in-process module; and the driver it
 * yields binds like the driver the suite's factory builds.
 */
export const driverModule: ContractGroup = defineContractGroup(
  'driver-module',
  'DI module and manifest',
  (subject) => {
    const name = subject.capabilities.name;
    return [
      check(`is declared as ${name} in its package manifest`, async () => {
        declaredDriver(subject);
      }),
      check('is loaded by name from ml2ts.plugin_modules when an engine starts', async () => {
        await withEngine(
          subject,
          { plugin_modules: [subject.options.packageDir] },
          undefined,
          async (engine) => {
            ensure(
              engine.plugin.mechanismDrivers.join() === name,
              `the engine loaded [${engine.plugin.mechanismDrivers.join(', ')}], expected [${name}]`,
            );
          },
        );
      }),
      check(
        'exports the ContainerModule its manifest names; it yields the same driver',
        async () => {
          const discovered = declaredDriver(subject);
          const exported = requireDriverExport(discovered);
          await withEngine(subject, {}, { [name]: exported }, async (engine) => {
            let loaded: MechanismDriver[];
            try {
              loaded = await loadMechanismDrivers({
                names: [name],
                container: engine.container,
                searchPaths: [],
                modules: { [name]: exported },
              });
            } catch (error) {
              throw new ContractViolation(`loading the export failed: ${messageOf(error)}`);
            }
            const [driver] = loaded;
            await driver.initialize?.();
            await expectSameBinding(subject, driver);
          });
        },
      ),
    ];
  },
);

/** The one manifest entry with the driver's name; throws when there is none or it is invalid. */
function declaredDriver(subject: ContractSubject): DiscoveredDriver {
  const catalog = discoverMechanismDrivers({
    searchPaths: [],
    pluginModules: [subject.options.packageDir],
  });
  ensure(
    catalog.problems.length === 0,
    () =>
      `the package in ${subject.options.packageDir} is not a valid driver package: ${catalog.problems
        .map((problem) => problem.problem)
        .join('; ')}`,
  );
  const name = subject.capabilities.name;
  const entries = catalog.drivers.filter((driver) => driver.name === name);
  ensure(
    entries.length === 1,
    `the manifest of ${subject.options.packageDir} declares [${catalog.drivers
      .map((driver) => driver.name)
      .join(', ')}], not ${name}`,
  );
  return entries[0];
}

/**
 * Requires the package's entry (or the manifest's `module`) the way the plugin loader does (by
 * package name from its own folder, so export conditions apply, else the folder itself) and
 * returns the named export.
 */
function requireDriverExport(driver: DiscoveredDriver): ContainerModule {
  const load = createRequire(join(driver.packageDir, 'package.json'));
  const subpath = driver.entry.module;
  const fallback = subpath === undefined ? driver.packageDir : join(driver.packageDir, subpath);
  let target = fallback;
  try {
    const resolved = load.resolve(
      subpath === undefined ? driver.packageName : posix.join(driver.packageName, subpath),
    );
    const inside = relative(driver.packageDir, realpathSync(resolved));
    if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) target = resolved;
  } catch {
    // Not resolvable by name (not installed): the folder's main entry is what the loader takes.
  }
  let entry: Record<string, unknown>;
  try {
    entry = load(target) as Record<string, unknown>;
  } catch (error) {
    throw new ContractViolation(`requiring ${target} failed: ${messageOf(error)}`);
  }
  const exported = entry?.[driver.entry.export];
  ensure(
    exported !== undefined,
    `${target} has no export ${driver.entry.export}, which the manifest names`,
  );
  return exported as ContainerModule;
}

/** Starts an engine with the driver configured by name, runs `use`, closes the engine. */
async function withEngine(
  subject: ContractSubject,
  ml2ts: { plugin_modules?: string[] },
  driverModules: Record<string, ContainerModule> | undefined,
  use: (engine: Engine) => Promise<void>,
): Promise<void> {
  let engine: Engine;
  try {
    engine = await createEngine({
      database: ':memory:',
      overrides: engineOverrides(subject.options.configuration, subject.capabilities.name, ml2ts),
      pluginSearchPaths: [],
      driverModules,
    });
  } catch (error) {
    throw new ContractViolation(`the engine did not start with the driver: ${messageOf(error)}`);
  }
  try {
    await use(engine);
  } finally {
    await engine.close();
  }
}

/** The suite's configuration in the shape of the engine's overrides, with the driver named. */
function engineOverrides(
  configuration: ConfigurationOverrides | undefined,
  name: string,
  ml2ts: { plugin_modules?: string[] },
): EngineConfigurationOverrides {
  const { pluginSections, ...sections } = configuration ?? {};
  return {
    ...sections,
    ...pluginSections,
    ml2: { ...sections.ml2, mechanism_drivers: [name] },
    ml2ts: { ...sections.ml2ts, ...ml2ts },
  } as EngineConfigurationOverrides;
}

/** Throws unless `loaded` binds a standard port exactly like a driver from the factory. */
async function expectSameBinding(subject: ContractSubject, loaded: MechanismDriver): Promise<void> {
  const capabilities = subject.capabilities;
  const [vnic] = declaredVnicTypes(capabilities);
  const setup = capableSetup(capabilities, vnic, [sampleSegment(firstNetworkType(capabilities))]);
  const fromModule = turnRecord((await subject.bind(setup, loaded)).context);
  const fromFactory = turnRecord((await subject.bind(setup)).context);
  ensure(
    JSON.stringify(fromModule) === JSON.stringify(fromFactory),
    () =>
      'the driver the ContainerModule yields binds differently from the one createDriver builds:\n' +
      `module:  ${JSON.stringify(fromModule)}\nfactory: ${JSON.stringify(fromFactory)}`,
  );
}
