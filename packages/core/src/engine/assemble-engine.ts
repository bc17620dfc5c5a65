import {
  AgentType,
  type Clock,
  type IdGenerator,
  type Logger,
  type Ml2Configuration,
  type RandomSource,
  type Segment,
  VifType,
} from '@ml2ts/driver-api';
import { type Store } from '@ml2ts/store';
import { type MechanismManager } from '../binding/mechanism-manager';
import { type PortContextServices } from '../binding/engine-port-context';
import { AgentRegistry } from '../ml2/agent-registry';
import { AgentRpc } from '../ml2/agent-rpc';
import { Ml2Plugin } from '../ml2/ml2-plugin';
import { Notifier } from '../ml2/notifier';
import { PortBinder } from '../ml2/port-binder';
import { PortContextFactory } from '../ml2/port-context-factory';
import { HookedPortStatusWriter } from '../ml2/port-status-writer';
import { Provisioning } from '../ml2/provisioning';
import { tunnelSyncSettings } from '../ml2/tunnel-sync';
import { toSegmentView } from '../ml2/view-mappers';
import { type Repositories, repositoriesOver } from '../repositories/unit-of-work';
import { type Sleeper } from '../support/sleeper';
import { type TypeManager } from '../types/type-manager';

/** What the engine's object graph is built from: an open store and the loaded parts. */
export interface EngineParts {
  readonly store: Store;
  readonly configuration: Ml2Configuration;
  readonly mechanisms: MechanismManager;
  readonly types: TypeManager;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly sleep: Sleeper;
  /** Where ports' free addresses are chosen at random; default `Math.random`. */
  readonly random?: RandomSource;
}

/** The assembled graph: the plugin, and the binder that background rebinding drives. */
export interface AssembledEngine {
  readonly plugin: Ml2Plugin;
  readonly binder: PortBinder;
  /** The repositories over the store, which everything above uses. */
  readonly repositories: Repositories;
}

/**
 * Wires the plugin over an open store: dynamic-segment services, the binder, provisioning, the
 * agent registry (with the revived-agent rebind of failed ports) and agent RPC. Synchronous and
 * side-effect free: it touches neither the database nor the drivers, so it serves both the
 * engine that starts (`createEngine`) and the one that only opens (`openEngine`).
 */
export function assembleEngine(parts: EngineParts): AssembledEngine {
  const { configuration, mechanisms, types, clock, ids, logger, sleep } = parts;
  const repositories = repositoriesOver(parts.store);
  const notifier = new Notifier();
  const services: PortContextServices = {
    allocateDynamicSegment: (networkId, partial) =>
      repositories.transaction(async (unit) => {
        const before = await unit.networks.segments(networkId);
        const row = await types.allocateDynamicSegment(unit, networkId, partial);
        const segment: Segment = toSegmentView(row);
        return { segment, created: !before.some((known) => known.id === row.id) };
      }),
    releaseDynamicSegment: (segmentId) => releaseIfUnused([segmentId]),
    isSegmentInUse: (segmentId) =>
      repositories.read((unit) => unit.networks.segmentInUse(segmentId)),
  };
  /**
   * Releases each dynamic segment no binding level uses, each in a transaction of its own that
   * locks the segment first: a binding of another process committing a level on it either
   * finished before (and the segment stays) or waits until the segment is gone (and loses).
   */
  async function releaseIfUnused(segmentIds: readonly string[]): Promise<void> {
    for (const segmentId of segmentIds) {
      await repositories.transaction(async (unit) => {
        if ((await unit.networks.segmentInUseForRelease(segmentId)) !== false) return;
        await types.releaseDynamicSegment(unit, segmentId);
      });
    }
  }
  const agentDownTime = configuration.DEFAULT.agent_down_time;
  const contexts = new PortContextFactory(clock, agentDownTime, services);
  const binder = new PortBinder(
    repositories,
    mechanisms,
    contexts,
    ids,
    clock,
    logger,
    notifier,
    releaseIfUnused,
  );
  const statusWriter = new HookedPortStatusWriter(mechanisms, contexts, notifier, logger, clock);
  const provisioning = new Provisioning(repositories, sleep, logger, statusWriter);
  const agents = new AgentRegistry(
    repositories,
    clock,
    ids,
    logger,
    agentDownTime,
    configuration.DEFAULT.enable_new_agents,
    async (agent, result) => {
      // As in Neutron, only a revived, admin-up OVS agent rebinds its host's failed ports.
      if (result !== 'revived' || !agent.adminStateUp || agent.agentType !== AgentType.OVS) return;
      const portIds = await repositories.read((unit) =>
        unit.ports.portIdsOnHostWithVifType(agent.host, VifType.BINDING_FAILED),
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
  const rpc = new AgentRpc(
    repositories,
    agents,
    binder,
    provisioning,
    statusWriter,
    notifier,
    logger,
    tunnelSyncSettings(types.networkTypes, configuration.ml2.overlay_ip_version),
  );
  const plugin = new Ml2Plugin({
    repositories,
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
    random: parts.random,
  });
  return { plugin, binder, repositories };
}
