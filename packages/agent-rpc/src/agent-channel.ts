import { type AgentNotificationListener } from './agent-notification';
import { type AgentServerApi } from './agent-server-api';
import { type AgentTransport } from './agent-transport';
import { type NotificationSubscription } from './notification-subscriber';
import { type RpcCallOptions } from './rpc-client';
import { agentServerClient } from './wire-protocol';

/**
 * One agent's connection to the server: every `AgentServerApi` call, plus the notifications the
 * server fans out. Opened with `openAgentChannel`.
 */
export interface AgentChannel extends AgentServerApi {
  /** The host the channel was opened for. Informational: requests still name their host. */
  readonly host: string;
  /**
   * Starts receiving notifications; resolves with a function that stops them. Every subscriber
   * gets its own copy of each payload, asynchronously, in publication order.
   */
  subscribe(listener: AgentNotificationListener): Promise<() => Promise<void>>;
  /**
   * Closes the channel: subscriptions end and later calls reject with `ChannelClosedError`;
   * calls in flight reject too. Idempotent.
   */
  close(): Promise<void>;
}

/** Options of `openAgentChannel`. */
export interface AgentChannelOptions {
  /** The reply timeout of every call, in milliseconds; default the transport's own. */
  readonly timeoutMs?: number;
}

/**
 * Opens the channel of the agent on `host`: creates its client and subscriber on `transport`
 * and connects the client. May block on the network; rejects with the transport's typed error
 * when the server side cannot be reached.
 */
export async function openAgentChannel(
  transport: AgentTransport,
  host: string,
  options: AgentChannelOptions = {},
): Promise<AgentChannel> {
  const client = transport.createClient(host);
  await client.connect();
  const callOptions: RpcCallOptions =
    options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const subscriber = transport.createSubscriber(host);
  const subscriptions = new Set<NotificationSubscription>();
  return {
    host,
    ...agentServerClient(client, callOptions),
    subscribe: async (listener) => {
      const subscription = await subscriber.subscribe(listener);
      subscriptions.add(subscription);
      return async () => {
        subscriptions.delete(subscription);
        await subscription.cancel();
      };
    },
    close: async () => {
      await Promise.all([subscriber.close(), client.close()]);
      subscriptions.clear();
    },
  };
}
