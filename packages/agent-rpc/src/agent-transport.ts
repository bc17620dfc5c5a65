import { type NotificationPublisher } from './notification-publisher';
import { type NotificationSubscriber } from './notification-subscriber';
import { type RpcClient } from './rpc-client';
import { type RpcServer } from './rpc-server';

/**
 * How an L2 agent reaches the server: a client for its calls and a subscriber for the server's
 * notifications. `InProcessTransport` is the embedded implementation; a message-bus transport
 * is another, and neither the agent nor the engine changes with it.
 */
export interface AgentTransport {
  /** A new, unconnected client for the agent on `host`. Never blocks. */
  createClient(host: string): RpcClient;
  /** A new subscriber for the agent on `host`. Never blocks. */
  createSubscriber(host: string): NotificationSubscriber;
}

/** How the server meets its agents: a server for their calls and a publisher for the fanout. */
export interface ServerTransport {
  /** A new server, not yet listening. Never blocks. */
  createServer(): RpcServer;
  /** A new publisher. Never blocks. */
  createPublisher(): NotificationPublisher;
}
