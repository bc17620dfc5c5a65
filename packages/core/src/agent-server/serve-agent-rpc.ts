import { type Logger, silentLogger } from '@ml2ts/driver-api';
import { type ServerTransport } from '@ml2ts/agent-rpc';
import { type AgentRpc } from '../ml2/agent-rpc';
import { type Notifier } from '../ml2/notifier';
import { PluginAgentServer } from './plugin-agent-server';
import { watchAgentNotifications } from './watch-agent-notifications';

/** What serving agents needs of an `Ml2Plugin`: its agent RPC handlers and its events. */
export interface AgentRpcSource {
  readonly rpc: AgentRpc;
  readonly notifier: Notifier;
}

/** Agents being served; `close` stops it. */
export interface AgentRpcService {
  /**
   * Stops publishing notifications and taking requests; requests already taken are answered
   * first. Does not close the transport. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Serves the engine's agent API on `transport`: a server answers every agent call with the
 * plugin's handlers, and the plugin's `portUpdate` and `portDelete` events are published to
 * every agent. May block until the transport listens; rejects with the transport's typed error
 * when it cannot. `logger` receives per-device failures of bulk calls and failed publications.
 */
export async function serveAgentRpc(
  plugin: AgentRpcSource,
  transport: ServerTransport,
  options: { logger?: Logger } = {},
): Promise<AgentRpcService> {
  const logger = options.logger ?? silentLogger;
  const server = transport.createServer();
  await server.listen(new PluginAgentServer(plugin.rpc, logger));
  const publisher = transport.createPublisher();
  const stopWatching = watchAgentNotifications(plugin.notifier, (notification) => {
    publisher.publish(notification).catch((error: unknown) =>
      logger.warn('Publishing an agent notification failed', {
        type: notification.type,
        error: String(error),
      }),
    );
  });
  let closed = false;
  return {
    close: async () => {
      if (closed) return;
      closed = true;
      stopWatching();
      await Promise.all([publisher.close(), server.close()]);
    },
  };
}
