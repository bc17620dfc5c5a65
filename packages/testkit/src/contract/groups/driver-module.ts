import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Clock, DI, type MechanismDriver, silentLogger, systemClock } from '@ml2ts/driver-api';
import {
  defaultSearchPaths,
  type DiscoveredDriver,
  discoverMechanismDrivers,
  loadMechanismDrivers,
  type LoadMechanismDriversOptions,
  resolveDriverEntry,
  unbuiltEntryProblem,
} from '@ml2ts/driver-loader';
import { Container } from 'inversify';
import { makeConfiguration } from '../../fixtures/make-configuration';
import { declaredVnicTypes, firstNetworkType } from '../contract-declaration';
import { sampleSegment } from '../contract-fixtures';
import { type ContractGroup } from '../contract-group';
import { capableSetup } from '../contract-setups';
import { type ContractSubject, messageOf } from '../contract-subject';
import { turnRecord } from '../contract-turn';
import { ContractViolation, ensure } from '../contract-violation';
import { check, defineContractGroup } from './define-contract-group';

/** An inversify `ContainerModule`, as the driver loader takes it. */
type ContainerModule = NonNullable<LoadMechanismDriversOptions['modules']>[string];

/**
 * DI module and manifest validity. The `ml2ts` manifest in the package's `package.json` declares
 * the driver's name exactly once and is valid; no other package the engine would find from the
 * package's folder (its default search paths, resolved from there) declares the same name, which
 * would stop the engine from starting; the driver loader the engine uses loads it by
 * name from the package folder (as from `ml2ts.plugin_modules`) into a container holding what
 * the engine provides (configuration, clock, logger); the export the manifest names is an
 * inversify `ContainerModule` binding one driver of that name, which the loader also takes as an
 * in-process module; and the driver it yields binds like the driver the suite's factory builds.
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
      check(`is the only package declaring ${name} among those found from its folder`, async () => {
        checkNameNotClaimed(subject);
      }),
      check('is loaded by name from its package folder by the driver loader', async () => {
        const [driver] = await loadInto(subject, {
          names: [name],
          searchPaths: [],
          pluginModules: [subject.options.packageDir],
        });
        ensure(driver.name === name, `the loader yielded a driver named ${driver.name}`);
      }),
      check(
        'exports the ContainerModule its manifest names; it yields the same driver',
        async () => {
          const exported = requireDriverExport(declaredDriver(subject));
          const [driver] = await loadInto(subject, {
            names: [name],
            searchPaths: [],
            modules: { [name]: exported },
          });
          await driver.initialize?.();
          await expectSameBinding(subject, driver);
        },
      ),
    ];
  },
);

/**
 * Loads drivers the way the engine does at start: into child containers of a container that
 * holds the suite's configuration, a clock and a logger.
 */
async function loadInto(
  subject: ContractSubject,
  options: Omit<LoadMechanismDriversOptions, 'container'>,
): Promise<MechanismDriver[]> {
  const container = new Container();
  container
    .bind(DI.CONFIGURATION)
    .toConstantValue(makeConfiguration(subject.options.configuration));
  container.bind<Clock>(DI.CLOCK).toConstantValue(systemClock);
  container.bind(DI.LOGGER).toConstantValue(silentLogger);
  try {
    return await loadMechanismDrivers({ ...options, container });
  } catch (error) {
    throw new ContractViolation(`the driver loader did not load the driver: ${messageOf(error)}`);
  }
}

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
 * Throws unless the driver's name is declared by its own package only, among the packages the
 * engine would find from the package's folder: the default search paths resolved from there
 * (its `node_modules` and those of every parent folder, then those next to ml2ts), as when the
 * engine runs where the driver is installed. Another package with the name (an in-tree driver
 * such as `openvswitch`, or another copy) makes the engine refuse to start.
 */
function checkNameNotClaimed(subject: ContractSubject): void {
  const packageDir = subject.options.packageDir;
  const name = subject.capabilities.name;
  const catalog = discoverMechanismDrivers({
    searchPaths: defaultSearchPaths(packageDir),
    pluginModules: [packageDir],
  });
  let own = packageDir;
  try {
    own = realpathSync(packageDir);
  } catch {
    // declaredDriver reports a package folder that does not exist.
  }
  const others = catalog.drivers.filter(
    (driver) => driver.name === name && driver.packageDir !== own,
  );
  ensure(
    others.length === 0,
    () =>
      `the driver name ${name} is also declared by ${others
        .map((driver) => `${driver.packageName} (${driver.packageDir})`)
        .join(' and ')}; the engine refuses to start when two packages declare one name. ` +
      `Rename your driver: its \`name\`, its entry in the "ml2ts" manifest and the name in its capabilities.`,
  );
}

/** Requires the package's entry the way the driver loader does and returns the named export. */
function requireDriverExport(driver: DiscoveredDriver): ContainerModule {
  const target = resolveDriverEntry(driver);
  let entry: Record<string, unknown>;
  try {
    entry = createRequire(target)(target) as Record<string, unknown>;
  } catch (error) {
    const unbuilt = unbuiltEntryProblem(driver);
    throw new ContractViolation(
      unbuilt === undefined
        ? `requiring ${target} failed: ${messageOf(error)}`
        : `${driver.packageName}: ${unbuilt}`,
    );
  }
  const exported = entry?.[driver.entry.export];
  ensure(
    exported !== undefined,
    `${target} has no export ${driver.entry.export}, which the manifest names`,
  );
  return exported as ContainerModule;
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
