import {
  AgentType,
  type Clock,
  type IdGenerator,
  type Logger,
  type Ml2Configuration,
  type Segment,
  VifType,
} from '@ml2ts/driver-api';
import { NetworkSegment, PortBindingLevel, type Store } from '@ml2ts/store';
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
import { toSegmentView } from '../ml2/view-mappers';
import { portRepositoryFor } from '../repositories/port-repository-for';
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
}

/** The assembled graph: the plugin, and the binder that background rebinding drives. */
export interface AssembledEngine {
  readonly plugin: Ml2Plugin;
  readonly binder: PortBinder;
}

/**
 * Wires the plugin over an open store: dynamic-segment services, the binder, provisioning, the
 * agent registry (with the revived-agent rebind of failed ports) and agent RPC. Synchronous and
 * side-effect free: it touches neither the database nor the drivers, so it serves both the
 * engine that starts (`createEngine`) and the one that only opens (`openEngine`).
 */
export function assembleEngine(parts: EngineParts): AssembledEngine {
  const { store, configuration, mechanisms, types, clock, ids, logger, sleep } = parts;
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
    releaseDynamicSegment: (segmentId) => releaseIfUnused([segmentId]),
    isSegmentInUse: (segmentId) =>
      store.read((manager) => manager.existsBy(PortBindingLevel, { segmentId })),
  };
  /**
   * Releases each dynamic segment no binding level uses, each in a transaction of its own that
   * locks the segment first: a binding of another process committing a level on it either
   * finished before (and the segment stays) or waits until the segment is gone (and loses).
   */
  async function releaseIfUnused(segmentIds: readonly string[]): Promise<void> {
    for (const segmentId of segmentIds) {
      await store.transaction(async (manager) => {
        if ((await portRepositoryFor(manager).segmentInUseForRelease(segmentId)) !== false) return;
        await types.releaseDynamicSegment(manager, segmentId);
      });
    }
  }
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
      if (result !== 'revived' || !agent.adminStateUp || agent.agentType !== AgentType.OVS) return;
      const portIds = await store.read((manager) =>
        portRepositoryFor(manager).portIdsOnHostWithVifType(agent.host, VifType.BINDING_FAILED),
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
  return { plugin, binder };
}
