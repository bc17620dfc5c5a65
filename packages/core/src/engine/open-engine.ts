import 'reflect-metadata';
import {
  type Clock,
  DI,
  type Logger,
  mathRandomSource,
  type Ml2Configuration,
  randomIdGenerator,
  silentLogger,
  systemClock,
} from '@ml2ts/driver-api';
import { openStoreForReading } from '@ml2ts/store';
import { Container } from 'inversify';
import { MechanismManager } from '../binding/mechanism-manager';
import { adoptConfiguration, type ConfigurationOverrides, loadConfiguration } from '../config';
import { timerSleeper } from '../support/sleeper';
import { TypeManager } from '../types/type-manager';
import { assembleEngine } from './assemble-engine';
import { type Engine } from './create-engine';

/** Which database `openEngine` reads, with which configuration. */
export interface OpenEngineOptions {
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
   * The database: a URL (`sqlite:///path`, `postgresql://user@host/db`, `mysql://…`) or a SQLite
   * file path; wins over `ml2ts.database` of the configuration.
   */
  database?: string;
  /** The clock liveness is computed with; default the system clock. */
  clock?: Clock;
  /** Default: silent. */
  logger?: Logger;
}

/**
 * Opens an existing ml2ts database to read it, as `ml2ts agents` and `ml2ts explain` do, without
 * starting anything: no schema migration, no synchronisation of the type drivers' allocations
 * with the configured ranges, no background rebinding, no mechanism driver loaded (stored
 * bindings and traces are read as they are). It works on a read-only SQLite file, or on a
 * PostgreSQL or MySQL/MariaDB database through read-only sessions, and writes nothing.
 *
 * The configuration is used for what reading needs (`agent_down_time` for liveness); it may
 * differ from the server's without harm. Reads through `engine.plugin` work as on a started
 * engine; an operation that writes rejects, the database being opened read-only.
 *
 * Rejects with `DatabaseNotFoundError`, `NotAnMl2tsDatabaseError` or
 * `SchemaVersionMismatchError` (nothing written in any case), `DatabaseConnectionError` when a
 * database server cannot be reached, or `ConfigurationError` for a bad configuration.
 */
export async function openEngine(options: OpenEngineOptions = {}): Promise<Engine> {
  const configuration =
    options.configuration == null
      ? loadConfiguration({ file: options.configFile, overrides: options.overrides })
      : adoptConfiguration(options.configuration);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const container = new Container();
  container.bind(DI.CONFIGURATION).toConstantValue(configuration);
  container.bind(DI.CLOCK).toConstantValue(clock);
  container.bind(DI.LOGGER).toConstantValue(logger);

  const store = await openStoreForReading({
    url: options.database ?? configuration.ml2ts.database,
  });
  const { plugin } = assembleEngine({
    store,
    configuration,
    mechanisms: new MechanismManager([], logger),
    types: new TypeManager(configuration, randomIdGenerator, mathRandomSource, logger, clock),
    clock,
    ids: randomIdGenerator,
    logger,
    sleep: timerSleeper,
  });
  return {
    plugin,
    configuration,
    store,
    container,
    interruptedBindings: Promise.resolve(0),
    close: () => store.close(),
  };
}
