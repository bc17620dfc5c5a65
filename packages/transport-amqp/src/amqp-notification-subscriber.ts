import {
  type AgentNotification,
  type AgentNotificationListener,
  ChannelClosedError,
  type NotificationSubscriber,
  type NotificationSubscription,
} from '@ml2ts/agent-rpc';
import { type AmqpConnection } from './amqp-connection';
import { type AmqpTransportSettings, newConnection } from './amqp-transport-settings';
import { AGENT_NOTIFICATION_TOPICS, agentNotificationEndpoints } from './neutron-notifications';
import { OsloRpcServer } from './oslo-rpc-server';

/**
 * An agent's `NotificationSubscriber` over RabbitMQ: on the first `subscribe` it declares, for
 * every topic of `AGENT_NOTIFICATION_TOPICS`, the queues a Python agent declares (`<topic>`,
 * `<topic>.<host>` and its private `<topic>_fanout_<uuid>`), and turns the server's fanout
 * casts back into `AgentNotification`s. Every subscriber gets one copy of each fanout; each of
 * its listeners gets its own copy of the payload. Owns one connection.
 */
export class AmqpNotificationSubscriber implements NotificationSubscriber {
  private readonly connection: AmqpConnection;
  private readonly listeners = new Set<AgentNotificationListener>();
  private servers: OsloRpcServer[] = [];
  private starting: Promise<void> | null = null;
  private started = false;
  private closed = false;

  constructor(
    private readonly settings: AmqpTransportSettings,
    /** The agent's host. */
    readonly host: string,
    private readonly onClose: () => void = () => undefined,
  ) {
    this.connection = newConnection(settings, `ml2ts agent ${host} notifications`);
  }

  /**
   * See `NotificationSubscriber.subscribe`: resolves once every queue is consumed. Rejects with
   * `TransportUnreachable` / `TransportOperationFailed` when the bus cannot be reached or
   * refuses the declarations (a later call tries again), and with `ChannelClosedError` once
   * closed.
   */
  async subscribe(listener: AgentNotificationListener): Promise<NotificationSubscription> {
    if (this.closed) throw new ChannelClosedError(this.host);
    // Wrapped so that the same function subscribed twice is two subscriptions.
    const subscription: AgentNotificationListener = (notification) => listener(notification);
    this.listeners.add(subscription);
    try {
      await this.start();
    } catch (error) {
      this.listeners.delete(subscription);
      throw error;
    }
    return {
      cancel: async () => {
        this.listeners.delete(subscription);
      },
    };
  }

  /** See `NotificationSubscriber.close`: stops every subscription and the consumers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    if (this.starting) await this.starting.catch(() => undefined);
    await Promise.all(this.servers.map((server) => server.close()));
    this.servers = [];
    await this.connection.close();
    this.onClose();
  }

  private start(): Promise<void> {
    if (this.started) return Promise.resolve();
    if (!this.starting) {
      const servers = AGENT_NOTIFICATION_TOPICS.map(
        (topic) =>
          new OsloRpcServer({
            connection: this.connection,
            exchange: this.settings.exchange,
            topic,
            host: this.host,
            endpoints: agentNotificationEndpoints(topic, (notification) =>
              this.deliver(notification),
            ),
            logger: this.settings.logger,
            replyTimeoutMs: this.settings.callTimeoutMs,
          }),
      );
      this.servers = servers;
      this.starting = (async () => {
        try {
          await Promise.all(servers.map((server) => server.start()));
          if (this.closed) throw new ChannelClosedError(this.host);
          this.started = true;
        } catch (error) {
          await Promise.all(servers.map((server) => server.close()));
          if (this.servers === servers) this.servers = [];
          throw error;
        } finally {
          this.starting = null;
        }
      })();
    }
    return this.starting;
  }

  private deliver(notification: AgentNotification): void {
    const json = JSON.stringify(notification);
    for (const listener of [...this.listeners]) {
      try {
        listener(JSON.parse(json) as AgentNotification);
      } catch (error) {
        // A listener's failure must not reach the consumer or the other listeners.
        try {
          this.settings.logger.warn('a notification listener threw', {
            host: this.host,
            type: notification.type,
            error: error instanceof Error ? error.message : String(error),
          });
        } catch {
          // Nor may the logger's.
        }
      }
    }
  }
}
