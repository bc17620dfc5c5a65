import 'reflect-metadata';
import {
  type Clock,
  ConfigurationError,
  DI,
  type IdGenerator,
  type Logger,
  mathRandomSource,
  type Ml2Configuration,
  randomIdGenerator,
  type RandomSource,
  silentLogger,
  systemClock,
} from '@ml2ts/driver-api';
import { loadMechanismDrivers } from '@ml2ts/driver-loader';
import { openStore, type Store } from '@ml2ts/store';
import { Container, type ContainerModule } from 'inversify';
import { MechanismManager } from '../binding/mechanism-manager';
import { adoptConfiguration, type ConfigurationOverrides, loadConfiguration } from '../config';
import { type Ml2Plugin } from '../ml2/ml2-plugin';
import { type Sleeper, timerSleeper } from '../support/sleeper';
import { TypeManager } from '../types/type-manager';
import { repositoriesOver } from '../repositories/unit-of-work';
import { assembleEngine } from './assemble-engine';
import { rebindInterruptedPorts } from './rebind-interrupted-ports';

/** How to build an engine. Everything is optional: the defaults run a file database. */
export interface EngineOptions {
  /**
   * A configuration already built (in code, or with `loadConfiguration`); otherwise one is
   * loaded. It is validated as a configuration file is, and the engine keeps a frozen copy.
   */
  configuration?: Ml2Configuration;
  /** JSON configuration file (ignored when `configuration` is given). */
  configFile?: string;
  /** Values over the file and the defaults (ignored when `configuration` is given). */
  overrides?: ConfigurationOverrides;
  /**
   * The database: a URL (`sqlite:///path`, `postgresql://user@host/db`, `mysql://…`), a SQLite
   * file path or `:memory:`; wins over `ml2ts.database` of the configuration.
   */
  database?: string;
  /** Server clock; default the system clock. */
  clock?: Clock;
  /** Id and MAC generator; default crypto-random. */
  ids?: IdGenerator;
  /** Randomness of segment and address allocation; default `Math.random`. */
  random?: RandomSource;
  /** Default: silent. */
  logger?: Logger;
  /** How the engine waits (provisioning retries); default real timers. */
  sleep?: Sleeper;
  /** Where driver packages are searched; default Node's module paths. */
  pluginSearchPaths?: string[];
  /**
   * Driver modules registered in-process by name, for drivers that are not packages (an
   * application's own, or tests). They are still chosen by `ml2.mechanism_drivers`.
   */
  driverModules?: Readonly<Record<string, ContainerModule>>;
  /**
   * Whether the engine binds again, in the background, the ports that have a host but are still
   * `unbound` (a binding a crash interrupted); see `Engine.interruptedBindings`. Default true;
   * tools that only read the database turn it off.
   */
  rebindInterruptedPorts?: boolean;
}

/** A running engine. Close it to release the database. */
export interface Engine {
  readonly plugin: Ml2Plugin;
  readonly configuration: Ml2Configuration;
  readonly store: Store;
  /** The DI container drivers were loaded into (engine bindings in it). */
  readonly container: Container;
  /**
   * Resolves, with their number, once the ports whose binding a crash interrupted were bound
   * again in the background (0 when there were none, or when `rebindInterruptedPorts` is off).
   * Never rejects; start-up does not wait for it.
   */
  readonly interruptedBindings: Promise<number>;
  /** Stops the background rebinding, waits for queued work and closes the database. */
  close(): Promise<void>;
}

/**
 * Builds the whole engine: configuration, database (migrations applied), drivers loaded by
 * name in configured order, type drivers synchronized with their ranges, and the plugin. May
 * block (file reads, migrations). Throws `ConfigurationError` or `PluginLoadError` for a bad
 * setup; the database is closed again in that case.
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const configuration =
    options.configuration == null
      ? loadConfiguration({ file: options.configFile, overrides: options.overrides })
      : adoptConfiguration(options.configuration);
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIdGenerator;
  const random = options.random ?? mathRandomSource;
  const logger = options.logger ?? silentLogger;
  const sleep = options.sleep ?? timerSleeper;

  const container = new Container();
  container.bind(DI.CONFIGURATION).toConstantValue(configuration);
  container.bind(DI.CLOCK).toConstantValue(clock);
  container.bind(DI.LOGGER).toConstantValue(logger);
  const drivers = await loadMechanismDrivers({
    names: configuration.ml2.mechanism_drivers,
    container,
    searchPaths: options.pluginSearchPaths,
    pluginModules: [...configuration.ml2ts.plugin_modules],
    modules: options.driverModules,
  });
  checkPluginSections(configuration, drivers);
  const mechanisms = new MechanismManager(drivers, logger, configuration.ml2);
  await mechanisms.initialize();

  const store = await openStore({ url: options.database ?? configuration.ml2ts.database });
  try {
    const types = new TypeManager(configuration, ids, random, logger, clock);
    await types.initialize(repositoriesOver(store));
    const { plugin, binder, repositories } = assembleEngine({
      store,
      configuration,
      mechanisms,
      types,
      clock,
      ids,
      logger,
      sleep,
      random,
    });
    const rebinding =
      options.rebindInterruptedPorts === false
        ? null
        : rebindInterruptedPorts(repositories, binder, logger);
    return {
      plugin,
      configuration,
      store,
      container,
      interruptedBindings: rebinding?.done ?? Promise.resolve(0),
      close: async () => {
        await rebinding?.stop();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Every plugin section must belong to a loaded driver. */
function checkPluginSections(
  configuration: Ml2Configuration,
  drivers: readonly { name: string; configSections?: readonly string[] }[],
): void {
  const claimed = new Map<string, string>();
  for (const driver of drivers) {
    for (const section of driver.configSections ?? []) claimed.set(section, driver.name);
  }
  for (const section of Object.keys(configuration.pluginSections)) {
    if (!claimed.has(section)) {
      const owners = [...claimed].map(([name, driver]) => `${name} (${driver})`);
      throw new ConfigurationError(
        section,
        configuration.pluginSections[section],
        `no loaded mechanism driver owns the section [${section}]; sections owned by the loaded drivers: ${owners.length > 0 ? owners.join(', ') : 'none'}`,
      );
    }
  }
}
