import { type Logger, silentLogger } from '@ml2ts/driver-api';
import { type AgentNotification, type ServerTransport } from '@ml2ts/agent-rpc';
import { type AgentRpc } from '../ml2/agent-rpc';
import { type Notifier } from '../ml2/notifier';
import { PluginAgentServer } from './plugin-agent-server';
import { reportingResourceVersions } from './report-resource-versions';
import { pushResourceChanges } from './resource-pusher';
import { type SecurityGroupInfoReader } from './security-group-info';
import { type VersionedObjectReader } from './versioned-objects/versioned-object-reader';
import { watchAgentNotifications } from './watch-agent-notifications';

/** What serving agents needs of an `Ml2Plugin`: its agent RPC handlers and its events. */
export interface AgentRpcSource {
  readonly rpc: AgentRpc;
  readonly notifier: Notifier;
  /** The cached resources' current state, for `bulk_pull`, network details and pushes. */
  readonly versionedObjects: VersionedObjectReader;
  /** The devices' security group rules, for the firewall calls. */
  readonly securityGroupInfo: SecurityGroupInfoReader;
}

/** Options of `serveAgentRpc`. */
export interface ServeAgentRpcOptions {
  /** Receives per-device failures of bulk calls and failed publications. */
  readonly logger?: Logger;
  /**
   * Push every committed change of a port, network, subnet, security group or rule to the
   * agents as versioned objects (`resourcePush`), as agents that cache resources (Neutron's OVS
   * agent) need. Each push reads the changed resources again, so it is off by default: ml2ts's
   * own agents ask for device details instead.
   */
  readonly pushResources?: boolean;
}

/** Agents being served; `close` stops it. */
export interface AgentRpcService {
  /**
   * Resolves once every change committed so far has been pushed to the transport (with
   * `pushResources`; at once without). For tests and orderly shutdowns; never rejects.
   */
  pushesSettled(): Promise<void>;
  /**
   * Stops publishing notifications and taking requests; requests already taken are answered
   * first, and pushes of changes already committed are still sent. Does not close the
   * transport. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Serves the engine's agent API on `transport`: a server answers every agent call with the
 * plugin's handlers, the plugin's events are published to every agent as notifications
 * (`watchAgentNotifications`), and with `pushResources` every change as versioned objects. May block until the transport listens; rejects with the transport's typed error
 * when it cannot. `logger` receives per-device failures of bulk calls and failed publications.
 */
export async function serveAgentRpc(
  plugin: AgentRpcSource,
  transport: ServerTransport,
  options: ServeAgentRpcOptions = {},
): Promise<AgentRpcService> {
  const logger = options.logger ?? silentLogger;
  const publisher = transport.createPublisher();
  const publish = (notification: AgentNotification): void => {
    publisher.publish(notification).catch((error: unknown) =>
      logger.warn('Publishing an agent notification failed', {
        type: notification.type,
        error: String(error),
      }),
    );
  };
  const server = transport.createServer();
  try {
    await server.listen(reportingResourceVersions(new PluginAgentServer(plugin, logger), publish));
  } catch (error) {
    await publisher.close().catch(() => undefined);
    throw error;
  }
  const stopNotifications = watchAgentNotifications(plugin.notifier, publish);
  const pushing = options.pushResources
    ? pushResourceChanges(plugin.notifier, plugin.versionedObjects, publish, logger)
    : undefined;
  let closed = false;
  return {
    pushesSettled: async () => pushing?.settled(),
    close: async () => {
      if (closed) return;
      closed = true;
      stopNotifications();
      pushing?.stop();
      await server.close();
      await pushing?.settled();
      await publisher.close();
    },
  };
}
