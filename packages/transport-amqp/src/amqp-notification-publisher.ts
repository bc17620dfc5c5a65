import {
  type AgentNotification,
  ChannelClosedError,
  type NotificationPublisher,
} from '@ml2ts/agent-rpc';
import { type AmqpConnection } from './amqp-connection';
import { type AmqpTransportSettings, newConnection } from './amqp-transport-settings';
import { neutronFanoutOf } from './neutron-notifications';
import { agentContext, serverContext } from './oslo-context';
import { OsloRpcClient } from './oslo-rpc-client';

/**
 * The server side's `NotificationPublisher` over RabbitMQ: each notification goes out as the
 * fanout cast Neutron's server sends for it (see `neutronFanoutOf`), reaching Neutron's agents and
 * ml2ts agents alike. Owns one connection, opened by the first publish.
 */
export class AmqpNotificationPublisher implements NotificationPublisher {
  private readonly connection: AmqpConnection;
  private readonly oslo: OsloRpcClient;
  private readonly workerContext = agentContext();
  private closed = false;

  constructor(
    settings: AmqpTransportSettings,
    private readonly onClose: () => void = () => undefined,
  ) {
    this.connection = newConnection(settings, `ml2ts server ${settings.host} notifier`);
    this.oslo = new OsloRpcClient({
      connection: this.connection,
      exchange: settings.exchange,
      callTimeoutMs: settings.callTimeoutMs,
      context: this.workerContext,
      name: 'notification publisher',
      logger: settings.logger,
    });
  }

  /**
   * See `NotificationPublisher.publish`: resolves once the broker took the fanout (or at once
   * when Neutron would send nothing for it). Waits for a lost connection up to the call timeout,
   * then rejects with `TransportUnreachable`; rejects with `ChannelClosedError` once closed.
   */
  async publish(notification: AgentNotification): Promise<void> {
    if (this.closed) throw new ChannelClosedError('notification publisher');
    const fanout = neutronFanoutOf(notification);
    if (!fanout) return;
    await this.oslo.cast(
      { topic: fanout.topic, fanout: true, version: fanout.version },
      fanout.method,
      fanout.args,
      { context: fanout.context === 'server' ? serverContext() : this.workerContext },
    );
  }

  /** See `NotificationPublisher.close`. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.oslo.close();
    await this.connection.close();
    this.onClose();
  }
}
