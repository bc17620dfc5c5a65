import { hostname } from 'node:os';
import {
  type AgentTransport,
  ChannelClosedError,
  DEFAULT_CALL_TIMEOUT_MS,
  type NotificationPublisher,
  type NotificationSubscriber,
  type RpcClient,
  type RpcServer,
  type ServerTransport,
} from '@ml2ts/agent-rpc';
import { type Logger, silentLogger } from '@ml2ts/driver-api';
import { type RetryOptions } from './amqp-connection';
import { AmqpNotificationPublisher } from './amqp-notification-publisher';
import { AmqpNotificationSubscriber } from './amqp-notification-subscriber';
import { AmqpRpcClient } from './amqp-rpc-client';
import { AmqpRpcServer } from './amqp-rpc-server';
import { type AmqpTransportSettings } from './amqp-transport-settings';
import { DEFAULT_CONTROL_EXCHANGE } from './oslo-target';
import { parseTransportUrl, redactTransportUrl, type TransportUrl } from './transport-url';

/**
 * The reply timeout of an agent's `reportState` when neither the call nor the transport sets
 * one: Neutron's default `report_interval`, 30 s (an agent's report expires after one interval).
 */
export const DEFAULT_REPORT_STATE_TIMEOUT_MS = 30_000;

/** Options of an `AmqpTransport`. */
export interface AmqpTransportOptions {
  /** `rabbit://user:password@host:5672/vhost` (several hosts for a cluster), or parsed. */
  readonly url: string | TransportUrl;
  /** The server side's host name (its RPC servers also take `<topic>.<host>`); default the OS's. */
  readonly host?: string;
  /** Reply timeout of calls that set none, in ms (also bounds casts and publishes); 60000. */
  readonly callTimeoutMs?: number;
  /** Reply timeout and message expiration of `reportState` calls that set none, in ms; 30000. */
  readonly reportStateTimeoutMs?: number;
  /** Receives connection state changes and dropped messages; default silent. */
  readonly logger?: Logger;
  /** The reconnect back-off; default 1 s doubling up to 30 s. */
  readonly retry?: RetryOptions;
  /** How long one connection attempt may take, in ms; default 10000. */
  readonly connectTimeoutMs?: number;
  /** The control exchange; default `neutron`. */
  readonly exchange?: string;
}

/**
 * The ml2ts agent↔server contract over RabbitMQ, wire-compatible with the rabbit driver of
 * Neutron's Python services: an ml2ts server answers Neutron's unmodified agents, and ml2ts
 * agents talk to it (or to each other's server) over the bus. Each client, server, subscriber
 * and publisher made here owns its own connection, opened when first used and re-established
 * by itself after a loss. The constructor only parses the URL: it throws `TransportUrlError`
 * (400) for one it cannot use and never touches the network.
 */
export class AmqpTransport implements AgentTransport, ServerTransport {
  /** The parsed transport URL. */
  readonly url: TransportUrl;
  /** The transport URL without passwords, for logs. */
  readonly redactedUrl: string;
  private readonly settings: AmqpTransportSettings;
  private readonly closables = new Set<{ close(): Promise<void> }>();
  private closed = false;

  constructor(options: AmqpTransportOptions | string) {
    const resolved: AmqpTransportOptions = typeof options === 'string' ? { url: options } : options;
    this.url = typeof resolved.url === 'string' ? parseTransportUrl(resolved.url) : resolved.url;
    this.redactedUrl = redactTransportUrl(this.url);
    this.settings = {
      url: this.url,
      exchange: resolved.exchange ?? DEFAULT_CONTROL_EXCHANGE,
      host: resolved.host ?? hostname(),
      callTimeoutMs: resolved.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      reportStateTimeoutMs: resolved.reportStateTimeoutMs ?? DEFAULT_REPORT_STATE_TIMEOUT_MS,
      logger: resolved.logger ?? silentLogger,
      retry: resolved.retry,
      connectTimeoutMs: resolved.connectTimeoutMs,
    };
  }

  /** The server side's host name. */
  get host(): string {
    return this.settings.host;
  }

  /** True once `close` was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** See `AgentTransport.createClient`: a client of its own connection. Never blocks. */
  createClient(host: string): RpcClient {
    this.assertOpen();
    const client: AmqpRpcClient = new AmqpRpcClient(this.settings, host, () =>
      this.closables.delete(client),
    );
    return this.track(client);
  }

  /** See `AgentTransport.createSubscriber`: a subscriber of its own connection. Never blocks. */
  createSubscriber(host: string): NotificationSubscriber {
    this.assertOpen();
    const subscriber: AmqpNotificationSubscriber = new AmqpNotificationSubscriber(
      this.settings,
      host,
      () => this.closables.delete(subscriber),
    );
    return this.track(subscriber);
  }

  /** See `ServerTransport.createServer`: a server of its own connection. Never blocks. */
  createServer(): RpcServer {
    this.assertOpen();
    const server: AmqpRpcServer = new AmqpRpcServer(this.settings, () =>
      this.closables.delete(server),
    );
    return this.track(server);
  }

  /** See `ServerTransport.createPublisher`: a publisher of its own connection. Never blocks. */
  createPublisher(): NotificationPublisher {
    this.assertOpen();
    const publisher: AmqpNotificationPublisher = new AmqpNotificationPublisher(this.settings, () =>
      this.closables.delete(publisher),
    );
    return this.track(publisher);
  }

  /**
   * Closes every client, subscriber, server and publisher made here (servers answer the
   * requests they already took first); later `create*` calls throw `ChannelClosedError`.
   * Idempotent; never rejects.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      [...this.closables].map((closable) => closable.close().catch(() => undefined)),
    );
    this.closables.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new ChannelClosedError(`AMQP transport ${this.redactedUrl}`);
  }

  private track<T extends { close(): Promise<void> }>(closable: T): T {
    this.closables.add(closable);
    return closable;
  }
}
