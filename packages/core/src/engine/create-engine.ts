import 'reflect-metadata';
import {
  AgentType,
  BindingStatus,
  type Clock,
  ConfigurationError,
  DI,
  type Logger,
  type Ml2Configuration,
  type Segment,
  silentLogger,
  systemClock,
  VifType,
} from '@ml2ts/driver-api';
import {
  NetworkSegment,
  openStore,
  PortBindingLevel,
  preparedStatement,
  type Store,
} from '@ml2ts/store';
import { Container, type ContainerModule } from 'inversify';
import { MechanismManager } from '../binding/mechanism-manager';
import { type PortContextServices } from '../binding/engine-port-context';
import { type ConfigurationOverrides, loadConfiguration } from '../config';
import { AgentRegistry } from '../ml2/agent-registry';
import { AgentRpc } from '../ml2/agent-rpc';
import { Ml2Plugin } from '../ml2/ml2-plugin';
import { Notifier } from '../ml2/notifier';
import { PortBinder } from '../ml2/port-binder';
import { PortContextFactory } from '../ml2/port-context-factory';
import { HookedPortStatusWriter } from '../ml2/port-status-writer';
import { Provisioning } from '../ml2/provisioning';
import { toSegmentView } from '../ml2/view-mappers';
import { loadMechanismDrivers } from '@ml2ts/driver-loader';
import { type IdGenerator, randomIdGenerator } from '@ml2ts/driver-api';
import { mathRandomSource, type RandomSource } from '@ml2ts/driver-api';
import { type Sleeper, timerSleeper } from '../support/sleeper';
import { TypeManager } from '../types/type-manager';
import { rebindInterruptedPorts } from './rebind-interrupted-ports';

/** How to build an engine. Everything is optional: the defaults run a file database. */
export interface EngineOptions {
  /** A configuration already loaded with `loadConfiguration`; otherwise one is loaded. */
  configuration?: Ml2Configuration;
  /** JSON configuration file (ignored when `configuration` is given). */
  configFile?: string;
  /** Values over the file and the defaults (ignored when `configuration` is given). */
  overrides?: ConfigurationOverrides;
  /** SQLite file, or `:memory:`; wins over `ml2ts.database` of the configuration. */
  database?: string;
  /** Server clock; default the system clock. */
  clock?: Clock;
  /** Id and MAC generator; default crypto-random. */
  ids?: IdGenerator;
  /** Randomness of segment allocation; default `Math.random`. */
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
    options.configuration ??
    loadConfiguration({ file: options.configFile, overrides: options.overrides });
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
  const mechanisms = new MechanismManager(drivers, logger);
  await mechanisms.initialize();

  const store = await openStore({ database: options.database ?? configuration.ml2ts.database });
  try {
    const types = new TypeManager(configuration, ids, random, logger);
    await types.initialize(store);
    const notifier = new Notifier();
    const services: PortContextServices = {
      allocateDynamicSegment: (networkId, partial) =>
        store.transaction(async (manager) => {
          const before = await manager.find(NetworkSegment, {
            where: { networkId, isDynamic: true },
            select: { id: true },
          });
          const row = await types.allocateDynamicSegment(manager, networkId, partial);
          const segment: Segment = toSegmentView(row);
          return { segment, created: !before.some((known) => known.id === row.id) };
        }),
      releaseDynamicSegment: (segmentId) =>
        store.transaction((manager) => types.releaseDynamicSegment(manager, segmentId)),
      isSegmentInUse: (segmentId) =>
        store.read((manager) => manager.existsBy(PortBindingLevel, { segmentId })),
    };
    const releaseIfUnused = async (segmentIds: readonly string[]) => {
      for (const segmentId of segmentIds) {
        await store.transaction(async (manager) => {
          if (await manager.existsBy(PortBindingLevel, { segmentId })) return;
          await types.releaseDynamicSegment(manager, segmentId);
        });
      }
    };
    const agentDownTime = configuration.DEFAULT.agent_down_time;
    const contexts = new PortContextFactory(clock, agentDownTime, services);
    const binder = new PortBinder(
      store,
      mechanisms,
      contexts,
      ids,
      clock,
      logger,
      notifier,
      releaseIfUnused,
    );
    const statusWriter = new HookedPortStatusWriter(mechanisms, contexts, notifier, logger);
    const provisioning = new Provisioning(store, sleep, logger, statusWriter);
    const agents = new AgentRegistry(
      store,
      clock,
      ids,
      logger,
      agentDownTime,
      configuration.DEFAULT.enable_new_agents,
      async (agent, result) => {
        // As in Neutron, only a revived, admin-up OVS agent rebinds its host's failed ports.
        if (result !== 'revived' || !agent.adminStateUp || agent.agentType !== AgentType.OVS)
          return;
        const portIds = await store.read(async (manager) =>
          (
            preparedStatement(
              manager,
              `SELECT port_id FROM ml2_port_bindings WHERE host = ? AND vif_type = ? AND status = ?`,
            ).all(agent.host, VifType.BINDING_FAILED, BindingStatus.ACTIVE) as Array<{
              port_id: string;
            }>
          ).map((row) => row.port_id),
        );
        for (const portId of portIds) {
          try {
            await binder.bindIfNeeded(portId, {
              original: null,
              allowNotify: true,
              needNotify: false,
            });
          } catch (error) {
            logger.warn('Rebinding a failed port after agent revival failed', {
              port: portId,
              error: String(error),
            });
          }
        }
      },
    );
    const rpc = new AgentRpc(store, agents, binder, provisioning, statusWriter, notifier, logger);
    const plugin = new Ml2Plugin({
      store,
      configuration,
      mechanisms,
      types,
      contexts,
      binder,
      agents,
      rpc,
      notifier,
      clock,
      ids,
      logger,
    });
    const rebinding =
      options.rebindInterruptedPorts === false
        ? null
        : rebindInterruptedPorts(store, binder, logger);
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
