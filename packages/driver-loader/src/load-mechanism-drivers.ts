import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DI, PluginLoadError, type MechanismDriver } from '@ml2ts/driver-api';
import { Container, ContainerModule } from 'inversify';
import { describeAvailableDrivers } from './describe-available-drivers';
import {
  discoverMechanismDrivers,
  type DiscoverMechanismDriversOptions,
} from './discover-mechanism-drivers';
import { type DiscoveredDriver } from './driver-catalog';
import { resolveDriverEntry } from './resolve-driver-entry';
import { unbuiltEntryProblem } from './unbuilt-entry-problem';

/** What `loadMechanismDrivers` loads, and from where. */
export interface LoadMechanismDriversOptions extends DiscoverMechanismDriversOptions {
  /** The configured driver names (`ml2.mechanism_drivers`), in binding order. */
  readonly names: readonly string[];
  /**
   * The engine's container, holding `DI.CONFIGURATION`, `DI.CLOCK` and `DI.LOGGER`. Each driver
   * module is loaded into a child container of it, so drivers may inject those.
   */
  readonly container: Container;
  /**
   * Driver modules registered in-process by name (an embedding application's own drivers, or
   * tests). A name found here is not searched for in packages; a package declaring the same name
   * is ignored. Each module is checked and loaded exactly like a package's.
   */
  readonly modules?: Readonly<Record<string, ContainerModule>>;
}

/**
 * Loads the configured mechanism drivers, in configured order.
 *
 * Discovers the available drivers (see `discoverMechanismDrivers`), then for each name:
 * requires the providing package's entry (or manifest `module`), takes the manifest's named
 * export, checks it is an inversify `ContainerModule` of the engine's inversify, loads it into a
 * fresh child container of `container` and resolves the one `MechanismDriver` bound to
 * `DI.MECHANISM_DRIVER`, whose `name` must be the configured one. `initialize` is not called.
 *
 * Runs once at start-up; blocks on file reads and on `require`. Rejects with a
 * `PluginLoadError` (listing the available drivers and their packages) when a discovered
 * manifest is invalid or a plugin module is missing, a name is configured twice, unknown or
 * claimed by several packages (naming them, and saying to rename one driver or keep one
 * package), a module cannot be required (saying so when the package looks unbuilt: its entry
 * file does not exist), the export is missing or not a
 * `ContainerModule`, loading the module or creating the driver throws, or the module binds no
 * driver, several drivers, or a driver of another name. Nothing is loaded for unknown names:
 * every name is checked before the first module is required.
 */
export async function loadMechanismDrivers(
  options: LoadMechanismDriversOptions,
): Promise<MechanismDriver[]> {
  const catalog = discoverMechanismDrivers(options);
  const fail = (message: string, cause?: unknown): PluginLoadError =>
    new PluginLoadError(
      `${message}\n${describeAvailableDrivers(catalog)}`,
      cause === undefined ? undefined : { cause },
    );

  if (catalog.problems.length > 0) {
    const lines = catalog.problems.map(
      (problem) => `- ${problem.source} (${problem.location}): ${problem.problem}`,
    );
    throw fail(`Mechanism driver packages are invalid; fix or remove them:\n${lines.join('\n')}`);
  }

  const modules = options.modules ?? {};
  const chosen: Array<DiscoveredDriver | { name: string; module: ContainerModule }> = [];
  const configured = new Set<string>();
  for (const name of options.names) {
    if (configured.has(name)) {
      throw fail(`Mechanism driver "${name}" is configured twice in ml2.mechanism_drivers.`);
    }
    configured.add(name);
    if (Object.hasOwn(modules, name)) {
      chosen.push({ name, module: modules[name] });
      continue;
    }
    const providers = catalog.drivers.filter((driver) => driver.name === name);
    if (providers.length === 0) {
      throw fail(
        `Unknown mechanism driver "${name}" in ml2.mechanism_drivers: no package declares it. ` +
          `Install the package that provides it, or list its folder in ml2ts.plugin_modules.`,
      );
    }
    if (providers.length > 1) {
      const packages = providers.map((p) => `${p.packageName} (${p.packageDir})`).join(' and ');
      throw fail(
        `Mechanism driver "${name}" is declared by several packages: ${packages}. ` +
          `A name can come from one package only: if one of them is yours, rename its driver ` +
          `(the driver's \`name\` and the "name" of its entry in the package's "ml2ts" manifest) ` +
          `and configure the new name; otherwise leave only one package providing "${name}" ` +
          `installed or listed in ml2ts.plugin_modules.`,
      );
    }
    chosen.push(providers[0]);
  }

  const drivers: MechanismDriver[] = [];
  for (const driver of chosen) {
    drivers.push(
      'module' in driver
        ? await resolveDriver(
            `Mechanism driver "${driver.name}" (registered in-process)`,
            driver.name,
            driver.module,
            options.container,
            fail,
          )
        : await instantiate(driver, options.container, fail),
    );
  }
  return drivers;
}

/** Requires, checks and resolves one driver; throws what `fail` builds. */
async function instantiate(
  driver: DiscoveredDriver,
  container: Container,
  fail: (message: string, cause?: unknown) => PluginLoadError,
): Promise<MechanismDriver> {
  const { name, packageName, entry } = driver;
  const what = `Mechanism driver "${name}" (package ${packageName})`;
  const target = resolveDriverEntry(driver);

  let loaded: unknown;
  try {
    loaded = createRequire(join(driver.packageDir, 'package.json'))(target);
  } catch (error) {
    const unbuilt = unbuiltEntryProblem(driver);
    throw fail(
      unbuilt === undefined
        ? `${what}: requiring ${target} failed: ${messageOf(error)}`
        : `${what}: ${unbuilt}`,
      error,
    );
  }
  const exported =
    typeof loaded === 'object' || typeof loaded === 'function'
      ? (loaded as Record<string, unknown> | null)?.[entry.export]
      : undefined;
  if (exported === undefined) {
    const names = loaded !== null && typeof loaded === 'object' ? Object.keys(loaded) : [];
    throw fail(
      `${what}: ${target} has no export "${entry.export}" (its exports: ${names.join(', ') || 'none'}). ` +
        `Fix "export" in the package's "ml2ts" manifest.`,
    );
  }
  if (!(exported instanceof ContainerModule)) {
    if (looksLikeContainerModule(exported)) {
      throw fail(
        `${what}: export "${entry.export}" is a ContainerModule of another copy of inversify than ` +
          `the engine's. Make inversify a peer dependency of ${packageName} so both share one copy.`,
      );
    }
    throw fail(
      `${what}: export "${entry.export}" is not an inversify ContainerModule ` +
        `(got ${describeValue(exported)}).`,
    );
  }
  return resolveDriver(what, name, exported, container, fail);
}

/** Loads a driver's module into a child container and checks it yields one driver named `name`. */
async function resolveDriver(
  what: string,
  name: string,
  module: ContainerModule,
  container: Container,
  fail: (message: string, cause?: unknown) => PluginLoadError,
): Promise<MechanismDriver> {
  if (!(module instanceof ContainerModule)) {
    throw fail(`${what}: ${describeValue(module)} is not an inversify ContainerModule.`);
  }
  const child = new Container({ parent: container });
  try {
    await child.loadAsync(module);
  } catch (error) {
    throw fail(`${what}: loading its ContainerModule failed: ${messageOf(error)}`, error);
  }
  if (!child.isCurrentBound(DI.MECHANISM_DRIVER)) {
    throw fail(
      `${what}: its ContainerModule binds no driver to DI.MECHANISM_DRIVER ` +
        `(bind exactly one, without a name or tag).`,
    );
  }
  let bound: unknown[];
  try {
    bound = await child.getAllAsync<unknown>(DI.MECHANISM_DRIVER);
  } catch (error) {
    throw fail(`${what}: creating the driver failed: ${messageOf(error)}`, error);
  }
  if (bound.length !== 1) {
    throw fail(
      `${what}: its ContainerModule binds ${bound.length} drivers to DI.MECHANISM_DRIVER ` +
        `(without a name or tag); it must bind exactly one.`,
    );
  }
  const instance = bound[0] as Partial<MechanismDriver> | null;
  if (instance === null || typeof instance !== 'object' || typeof instance.name !== 'string') {
    throw fail(`${what}: the bound driver has no string "name" (got ${describeValue(instance)}).`);
  }
  if (instance.name !== name) {
    throw fail(
      `${what}: the bound driver is named "${instance.name}", not "${name}". ` +
        `The manifest name and the driver's name must be the same.`,
    );
  }
  return instance as MechanismDriver;
}

/** An object shaped like an inversify ContainerModule (from any copy of inversify). */
function looksLikeContainerModule(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    value.constructor?.name === 'ContainerModule' &&
    typeof (value as { load?: unknown }).load === 'function'
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object of class ${value.constructor?.name ?? 'none'}`;
  return typeof value;
}

/** The message of a thrown value; errors from another realm (jest's) count as errors too. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
