import { ChannelClosedError } from '@ml2ts/agent-rpc';
import { type Logger, Ml2Error, silentLogger } from '@ml2ts/driver-api';
import * as amqp from 'amqplib';
import {
  classifyChannelError,
  classifyConnectError,
  isConnectionLoss,
} from './classify-amqp-error';
import { type LogLevel, logSafely } from './log-safely';
import { TransportOperationFailed } from './transport-operation-failed';
import { TransportUnreachable } from './transport-unreachable';
import {
  hostLabel,
  redactTransportUrl,
  type TransportHost,
  type TransportUrl,
} from './transport-url';

/** How a lost connection is retried: the first wait, doubled after every failure, up to a cap. */
export interface RetryOptions {
  /** The wait before the first reconnect attempt, in milliseconds; default 1000. */
  readonly initialDelayMs?: number;
  /** The longest wait between attempts, in milliseconds; default 30000. */
  readonly maxDelayMs?: number;
}

/** The default back-off: 1 s, doubling, at most 30 s. */
export const DEFAULT_RETRY: Required<RetryOptions> = { initialDelayMs: 1000, maxDelayMs: 30_000 };

/** Where a connection stands. */
export type AmqpConnectionState =
  /** Never opened, or the first opening failed (the next operation tries again). */
  | 'idle'
  /** The first opening is under way. */
  | 'connecting'
  /** Connected; every topology is set up. */
  | 'open'
  /** The connection was lost; attempts to get it back run with back-off. */
  | 'reconnecting'
  /** Closed for good. */
  | 'closed';

/** An exchange to declare (idempotently) before publishing to it. */
export interface ExchangeDeclaration {
  readonly name: string;
  readonly type: 'topic' | 'fanout' | 'direct';
  readonly durable: boolean;
  readonly autoDelete: boolean;
}

/**
 * What one owner (an RPC server, a client's reply queue, a subscriber) declares and consumes.
 * The connection runs `setup` on a fresh channel of its own whenever the connection opens, so
 * everything comes back after a reconnect.
 */
export interface AmqpTopology {
  /** For logs and error messages: `RPC server on q-plugin`. */
  readonly description: string;
  /**
   * Declares exchanges, queues and bindings and starts consumers on `channel`, which belongs to
   * this topology alone (acks go on it). Runs at every (re)connection; may block on the network.
   * A rejection fails `addTopology` the first time, and is logged and retried with back-off after
   * a reconnect.
   */
  setup(channel: amqp.Channel): Promise<void>;
  /**
   * Called (synchronously) when the topology's channel is gone (connection lost, channel closed
   * by the broker): deliveries taken on it can no longer be acked. Must not throw (a throw is
   * logged and ignored).
   */
  lost?(): void;
  /**
   * Called by `remove` while the channel is still up, to delete what should not outlive the owner
   * (its private queues). A rejection is logged and ignored.
   */
  teardown?(channel: amqp.Channel): Promise<void>;
}

/** A topology added to a connection. */
export interface TopologyHandle {
  /** The topology's current channel; null while the connection is down. */
  readonly channel: amqp.Channel | null;
  /**
   * Drops the topology's channel and sets the topology up again on a new one after the back-off
   * (for a consumer the broker cancelled). Never throws, never blocks.
   */
  reset(): void;
  /** Runs `teardown`, closes the topology's channel and forgets it. Idempotent; never rejects. */
  remove(): Promise<void>;
}

/** Options of an `AmqpConnection`. */
export interface AmqpConnectionOptions {
  readonly url: TransportUrl;
  /** Names the connection in logs and in RabbitMQ's connection list; default `ml2ts`. */
  readonly name?: string;
  /** Receives state changes (connected, lost, reconnected, failures); default silent. */
  readonly logger?: Logger;
  /** The reconnect back-off; default 1 s doubling up to 30 s. */
  readonly retry?: RetryOptions;
  /** How long one TCP and AMQP handshake may take, in milliseconds; default 10000. */
  readonly connectTimeoutMs?: number;
  /** The AMQP heartbeat asked of the broker, in seconds; default 60 (0 turns it off). */
  readonly heartbeatSeconds?: number;
  /** How long `addTopology` waits for a lost connection to come back; default 60000 ms. */
  readonly setupTimeoutMs?: number;
}

interface TopologyEntry {
  readonly topology: AmqpTopology;
  channel: amqp.Channel | null;
  /** The connection generation the channel belongs to. */
  generation: number;
  /** The error the broker closed the channel with, if it did. */
  lastError: unknown;
  /** The setup under way, shared by everybody who needs it. */
  pending: Promise<void> | null;
  retryTimer: NodeJS.Timeout | null;
  failures: number;
  removed: boolean;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | null;
}

interface PublishChannel {
  readonly generation: number;
  readonly channel: Promise<amqp.ConfirmChannel>;
  error: unknown;
}

/**
 * One connection to the broker(s) of a transport URL that comes back by itself. The first
 * `open` tries every host once and rejects with a typed error when none answers; once open, a
 * lost connection is retried forever (rotating through the hosts, waiting 1 s, then twice as
 * long after each failure, at most 30 s) until `close`, and every topology added to it is set
 * up again on the new connection. Publishing while disconnected waits for the reconnect, bounded
 * by the publish's time limit. No raw amqplib error ever reaches a caller: they are classified
 * into `TransportUnreachable` and `TransportOperationFailed`. State changes go to the logger; no
 * event handler ever throws.
 */
export class AmqpConnection {
  /** The transport URL without passwords, for messages. */
  readonly redactedUrl: string;
  /** The connection's name in logs and in the broker's connection list. */
  readonly name: string;
  private readonly url: TransportUrl;
  private readonly logger: Logger;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly connectTimeoutMs: number;
  private readonly heartbeatSeconds: number;
  private readonly setupTimeoutMs: number;
  private stateValue: AmqpConnectionState = 'idle';
  private model: amqp.ChannelModel | null = null;
  private generation = 0;
  private nextHost = 0;
  private opening: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectAttempt = 0;
  private readonly entries = new Set<TopologyEntry>();
  private readonly waiters = new Set<Waiter>();
  private publishChannel: PublishChannel | null = null;
  private readonly declaredExchanges = new Set<string>();
  private closing: Promise<void> | null = null;

  constructor(options: AmqpConnectionOptions) {
    this.url = options.url;
    this.redactedUrl = redactTransportUrl(options.url);
    this.name = options.name ?? 'ml2ts';
    this.logger = options.logger ?? silentLogger;
    this.initialDelayMs = Math.max(
      1,
      options.retry?.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs,
    );
    this.maxDelayMs = Math.max(
      this.initialDelayMs,
      options.retry?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    );
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.heartbeatSeconds = options.heartbeatSeconds ?? 60;
    this.setupTimeoutMs = options.setupTimeoutMs ?? 60_000;
  }

  /** Where the connection stands. */
  get state(): AmqpConnectionState {
    return this.stateValue;
  }

  /** How many times the connection opened (1 after the first opening, +1 per reconnect). */
  get openCount(): number {
    return this.generation;
  }

  /**
   * Opens the connection: tries every host once, in the URL's order. Resolves once connected;
   * may block on the network (each host for at most `connectTimeoutMs`). Rejects with
   * `TransportUnreachable` naming the URL (without passwords) and what to check when no host
   * answers, and with `ChannelClosedError` once closed. Idempotent: resolves at once when open,
   * and waits for the reconnect when the connection was lost.
   */
  async open(): Promise<void> {
    if (this.closing) throw new ChannelClosedError(this.name);
    if (this.stateValue === 'open') return;
    if (this.stateValue === 'reconnecting') return this.whenOpen(Date.now() + this.setupTimeoutMs);
    if (!this.opening) {
      this.stateValue = 'connecting';
      this.opening = (async () => {
        try {
          const model = await this.connectRound();
          await this.attach(model, false);
        } catch (error) {
          if (!this.closing) this.stateValue = 'idle';
          throw error;
        } finally {
          this.opening = null;
        }
      })();
    }
    return this.opening;
  }

  /**
   * Adds a topology and sets it up on a channel of its own; it is set up again after every
   * reconnect until removed. Opens the connection when needed, and waits (up to
   * `setupTimeoutMs`) for a lost one to come back. Rejects with the typed error of the failed
   * opening or declaration (`TransportUnreachable`, `TransportOperationFailed`), and with
   * `ChannelClosedError` once closed; a rejected topology is not kept.
   */
  async addTopology(topology: AmqpTopology): Promise<TopologyHandle> {
    if (this.closing) throw new ChannelClosedError(this.name);
    const entry: TopologyEntry = {
      topology,
      channel: null,
      generation: 0,
      lastError: undefined,
      pending: null,
      retryTimer: null,
      failures: 0,
      removed: false,
    };
    const deadline = Date.now() + this.setupTimeoutMs;
    this.entries.add(entry);
    try {
      for (;;) {
        await this.whenOpen(deadline);
        try {
          await this.ensureEntry(entry);
          break;
        } catch (error) {
          if (this.closing) throw new ChannelClosedError(this.name);
          if (!isConnectionLoss(error) || Date.now() >= deadline) throw error;
        }
      }
    } catch (error) {
      entry.removed = true;
      this.entries.delete(entry);
      const channel = entry.channel;
      entry.channel = null;
      if (channel) await channel.close().catch(() => undefined);
      throw error;
    }
    return {
      get channel() {
        return entry.channel;
      },
      reset: () => this.resetEntry(entry),
      remove: () => this.removeEntry(entry),
    };
  }

  /**
   * Publishes one message and waits for the broker to confirm it. Declares `exchange` first
   * (once per connection); null means the default exchange `""`. While the connection is down it
   * waits for the reconnect and publishes then, all within `timeoutMs`. Rejects with
   * `TransportUnreachable` (`disconnected`) when that time ran out, `TransportOperationFailed`
   * when the broker refused the declaration or the message, `ChannelClosedError` once closed.
   */
  async publish(
    exchange: ExchangeDeclaration | null,
    routingKey: string,
    body: string,
    properties: amqp.Options.Publish,
    timeoutMs: number,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const target = exchange ? exchange.name : '';
    const operation = `publishing to exchange ${JSON.stringify(target)} with routing key ${JSON.stringify(routingKey)}`;
    const content = Buffer.from(body, 'utf8');
    for (;;) {
      await this.whenOpen(deadline);
      const generation = this.generation;
      let holder: PublishChannel | null = null;
      try {
        holder = this.publishChannelFor(generation);
        const attempt = holder.channel.then(async (channel) => {
          if (exchange && !this.declaredExchanges.has(exchange.name)) {
            await channel.assertExchange(exchange.name, exchange.type, {
              durable: exchange.durable,
              autoDelete: exchange.autoDelete,
            });
            if (generation === this.generation) this.declaredExchanges.add(exchange.name);
          }
          await new Promise<void>((resolve, reject) => {
            channel.publish(target, routingKey, content, properties, (error: unknown) =>
              error ? reject(error) : resolve(),
            );
          });
        });
        await withDeadline(attempt, deadline, () => {
          return new TransportUnreachable(
            this.redactedUrl,
            'unconfirmed',
            `the broker did not confirm ${operation} within ${timeoutMs} ms; check its alarms ` +
              '(rabbitmqctl status: memory or disk alarms block publishers) and its load.',
          );
        });
        return;
      } catch (error) {
        if (this.closing) throw new ChannelClosedError(this.name);
        if (error instanceof TransportUnreachable && error.reason === 'unconfirmed') throw error;
        const refused = holder?.error;
        if (refused !== undefined && generation === this.generation && this.model !== null) {
          throw classifyChannelError(refused, operation, this.redactedUrl);
        }
        if (isConnectionLoss(error) && Date.now() < deadline) {
          if (this.publishChannel === holder) this.publishChannel = null;
          if (generation === this.generation && this.model !== null) await delay(10);
          continue;
        }
        throw classifyChannelError(error, operation, this.redactedUrl);
      }
    }
  }

  /**
   * Closes the connection for good: stops reconnecting, rejects waiting publishes and setups
   * with `ChannelClosedError`, closes every channel. Resolves once the broker confirmed (or the
   * socket is gone). Idempotent; never rejects.
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = (async () => {
      this.stateValue = 'closed';
      if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      for (const entry of this.entries) {
        if (entry.retryTimer) clearTimeout(entry.retryTimer);
        entry.retryTimer = null;
      }
      for (const waiter of [...this.waiters]) waiter.reject(new ChannelClosedError(this.name));
      this.waiters.clear();
      const model = this.model;
      this.model = null;
      this.publishChannel = null;
      if (this.opening) await this.opening.catch(() => undefined);
      if (model) {
        try {
          await model.close();
        } catch {
          // Already gone: nothing left to close.
        }
        this.log('info', 'AMQP connection closed', {});
      }
    })();
    return this.closing;
  }

  private async connectTo(host: TransportHost): Promise<amqp.ChannelModel> {
    const model = await amqp.connect(
      {
        protocol: 'amqp',
        hostname: host.hostname,
        port: host.port,
        username: host.username,
        password: host.password,
        vhost: this.url.virtualHost,
        heartbeat: this.heartbeatSeconds,
      },
      {
        timeout: this.connectTimeoutMs,
        clientProperties: { connection_name: this.name, product: 'ml2ts' },
      },
    );
    if (this.closing) {
      await model.close().catch(() => undefined);
      throw new ChannelClosedError(this.name);
    }
    return model;
  }

  /** Tries every host once, starting with the next in turn; the first that answers wins. */
  private async connectRound(): Promise<amqp.ChannelModel> {
    const hosts = this.url.hosts;
    const failures: Array<{ host: TransportHost; error: Error }> = [];
    for (let tried = 0; tried < hosts.length; tried++) {
      const index = (this.nextHost + tried) % hosts.length;
      const host = hosts[index];
      try {
        const model = await this.connectTo(host);
        this.nextHost = (index + 1) % hosts.length;
        return model;
      } catch (error) {
        if (this.closing) throw new ChannelClosedError(this.name);
        failures.push({
          host,
          error: classifyConnectError(error, this.redactedUrl, hostLabel(host)),
        });
      }
    }
    // The most telling failure: a broker that answered and refused says more than silence.
    const telling =
      failures.find(
        ({ error }) => error instanceof TransportUnreachable && error.reason !== 'network',
      ) ?? failures[0];
    if (failures.length > 1 && telling.error instanceof TransportUnreachable) {
      if (telling.error.reason === 'network') {
        throw new TransportUnreachable(
          this.redactedUrl,
          'network',
          `no broker accepts connections at ${hosts.map(hostLabel).join(', ')}; check that ` +
            'RabbitMQ runs there and that transport_url names the right hosts and ports.',
          { cause: telling.error.cause },
        );
      }
    }
    throw telling.error;
  }

  /** Makes `model` the live connection, sets every topology up, then lets waiters through. */
  private async attach(model: amqp.ChannelModel, reconnect: boolean): Promise<void> {
    this.model = model;
    this.generation += 1;
    const generation = this.generation;
    this.publishChannel = null;
    this.declaredExchanges.clear();
    model.on('error', (error: unknown) =>
      this.log('warn', 'AMQP connection error', { error: errorText(error) }),
    );
    model.on('close', (error?: unknown) => this.onConnectionClosed(model, error));
    model.on('blocked', (reason: unknown) =>
      this.log('warn', 'AMQP connection blocked by the broker (resource alarm)', {
        reason: String(reason),
      }),
    );
    model.on('unblocked', () => this.log('info', 'AMQP connection unblocked', {}));
    this.log('info', reconnect ? 'AMQP connection re-established' : 'AMQP connection opened', {
      generation,
    });
    const stale = () => this.generation !== generation || this.model !== model || !!this.closing;
    for (const entry of [...this.entries]) {
      if (stale()) return;
      try {
        await this.ensureEntry(entry);
        if (reconnect) {
          this.log('info', 'AMQP topology re-declared', {
            topology: entry.topology.description,
          });
        }
      } catch (error) {
        if (stale() || isConnectionLoss(error)) return;
        this.log('error', 'AMQP topology could not be set up; retrying', {
          topology: entry.topology.description,
          error: errorText(error),
        });
        this.scheduleEntryRetry(entry);
      }
    }
    if (stale()) return;
    this.stateValue = 'open';
    for (const waiter of [...this.waiters]) waiter.resolve();
    this.waiters.clear();
  }

  private onConnectionClosed(model: amqp.ChannelModel, error: unknown): void {
    if (model !== this.model) return;
    this.model = null;
    this.publishChannel = null;
    for (const entry of this.entries) this.loseEntryChannel(entry);
    if (this.closing) return;
    this.stateValue = 'reconnecting';
    this.reconnectAttempt = 0;
    this.log('warn', 'AMQP connection lost; reconnecting', {
      error: error === undefined ? 'closed' : errorText(error),
    });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    const wait = this.backoff(this.reconnectAttempt);
    this.reconnectAttempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.reconnect();
    }, wait);
  }

  private async reconnect(): Promise<void> {
    if (this.closing) return;
    const hosts = this.url.hosts;
    const host = hosts[this.nextHost % hosts.length];
    this.nextHost = (this.nextHost + 1) % hosts.length;
    let model: amqp.ChannelModel;
    try {
      model = await this.connectTo(host);
    } catch (error) {
      if (this.closing) return;
      const classified = classifyConnectError(error, this.redactedUrl, hostLabel(host));
      this.log('warn', 'AMQP reconnect attempt failed', {
        host: hostLabel(host),
        error: classified.message,
        nextAttemptInMs: this.backoff(this.reconnectAttempt),
      });
      this.scheduleReconnect();
      return;
    }
    this.reconnectAttempt = 0;
    await this.attach(model, true);
  }

  private backoff(attempt: number): number {
    return Math.min(this.initialDelayMs * 2 ** Math.min(attempt, 30), this.maxDelayMs);
  }

  /** Resolves once open; opens an idle connection; waits for a reconnect up to `deadline`. */
  private async whenOpen(deadline: number): Promise<void> {
    if (this.closing) throw new ChannelClosedError(this.name);
    if (this.stateValue === 'open') return;
    if (this.stateValue === 'idle' || this.stateValue === 'connecting') {
      await this.open();
      return;
    }
    const wait = deadline - Date.now();
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => {
          if (waiter.timer) clearTimeout(waiter.timer);
          resolve();
        },
        reject: (error) => {
          if (waiter.timer) clearTimeout(waiter.timer);
          reject(error);
        },
        timer: null,
      };
      waiter.timer = setTimeout(
        () => {
          this.waiters.delete(waiter);
          reject(
            new TransportUnreachable(
              this.redactedUrl,
              'disconnected',
              `the connection was lost and did not come back within ${Math.max(0, Math.round(wait))} ms; ` +
                `check that RabbitMQ runs at ${this.url.hosts.map(hostLabel).join(', ')}.`,
            ),
          );
        },
        Math.max(0, wait),
      );
      this.waiters.add(waiter);
    });
  }

  /** Sets the entry up on the current connection unless it already is; shares a setup in flight. */
  private ensureEntry(entry: TopologyEntry): Promise<void> {
    if (entry.pending) return entry.pending;
    if (entry.channel && entry.generation === this.generation) return Promise.resolve();
    entry.pending = this.setupEntry(entry).finally(() => {
      entry.pending = null;
    });
    return entry.pending;
  }

  private async setupEntry(entry: TopologyEntry): Promise<void> {
    const model = this.model;
    const generation = this.generation;
    const operation = `setting up ${entry.topology.description}`;
    if (!model || entry.removed) {
      throw new TransportUnreachable(this.redactedUrl, 'disconnected', `the connection is down`);
    }
    let channel: amqp.Channel | null = null;
    entry.lastError = undefined;
    try {
      channel = await model.createChannel();
      const mine = channel;
      mine.on('error', (error: unknown) => {
        entry.lastError = error;
        this.log('warn', 'AMQP channel closed by the broker', {
          topology: entry.topology.description,
          error: errorText(error),
        });
      });
      mine.on('close', () => this.onEntryChannelClosed(entry, mine, generation));
      entry.channel = mine;
      entry.generation = generation;
      await entry.topology.setup(mine);
      entry.failures = 0;
    } catch (error) {
      const refused = entry.lastError ?? error;
      if (channel && entry.channel === channel) entry.channel = null;
      if (channel) await channel.close().catch(() => undefined);
      if (generation !== this.generation || this.model !== model) {
        throw new TransportUnreachable(
          this.redactedUrl,
          'disconnected',
          `the connection was lost while ${operation}`,
          { cause: error },
        );
      }
      if (refused instanceof Ml2Error) throw refused;
      const code = (refused as { code?: unknown } | null)?.code;
      if (typeof code === 'number' || isConnectionLoss(refused)) {
        throw classifyChannelError(refused, operation, this.redactedUrl);
      }
      // Not the broker's doing: the topology's own code failed.
      throw new TransportOperationFailed(operation, errorText(refused), { cause: refused });
    }
  }

  private onEntryChannelClosed(entry: TopologyEntry, channel: amqp.Channel, generation: number) {
    if (entry.channel !== channel) return;
    this.loseEntryChannel(entry);
    if (entry.removed || this.closing || entry.pending) return;
    if (generation !== this.generation || this.model === null) return;
    this.log('warn', 'AMQP channel lost; setting its topology up again', {
      topology: entry.topology.description,
    });
    this.scheduleEntryRetry(entry);
  }

  private loseEntryChannel(entry: TopologyEntry): void {
    if (!entry.channel) return;
    entry.channel = null;
    try {
      entry.topology.lost?.();
    } catch (error) {
      this.log('error', 'AMQP topology lost-handler threw', {
        topology: entry.topology.description,
        error: errorText(error),
      });
    }
  }

  private scheduleEntryRetry(entry: TopologyEntry): void {
    if (entry.retryTimer || entry.removed || this.closing) return;
    const wait = this.backoff(entry.failures);
    entry.failures += 1;
    entry.retryTimer = setTimeout(() => {
      entry.retryTimer = null;
      if (entry.removed || this.closing || this.model === null) return;
      this.ensureEntry(entry).then(
        () =>
          this.log('info', 'AMQP topology set up again', {
            topology: entry.topology.description,
          }),
        (error: unknown) => {
          if (this.closing || entry.removed || this.model === null || isConnectionLoss(error))
            return;
          this.log('error', 'AMQP topology could not be set up; retrying', {
            topology: entry.topology.description,
            error: errorText(error),
          });
          this.scheduleEntryRetry(entry);
        },
      );
    }, wait);
  }

  private resetEntry(entry: TopologyEntry): void {
    if (entry.removed || this.closing) return;
    const channel = entry.channel;
    if (!channel) return;
    // Closing the channel runs onEntryChannelClosed, which schedules the new setup.
    channel.close().catch(() => this.onEntryChannelClosed(entry, channel, entry.generation));
  }

  private async removeEntry(entry: TopologyEntry): Promise<void> {
    if (entry.removed) return;
    entry.removed = true;
    this.entries.delete(entry);
    if (entry.retryTimer) clearTimeout(entry.retryTimer);
    entry.retryTimer = null;
    if (entry.pending) await entry.pending.catch(() => undefined);
    const channel = entry.channel;
    entry.channel = null;
    if (!channel) return;
    if (entry.topology.teardown && !this.closing) {
      try {
        await entry.topology.teardown(channel);
      } catch (error) {
        this.log('warn', 'AMQP topology teardown failed', {
          topology: entry.topology.description,
          error: errorText(error),
        });
      }
    }
    await channel.close().catch(() => undefined);
  }

  private publishChannelFor(generation: number): PublishChannel {
    if (this.publishChannel && this.publishChannel.generation === generation) {
      return this.publishChannel;
    }
    const model = this.model;
    if (!model) {
      throw new TransportUnreachable(this.redactedUrl, 'disconnected', 'the connection is down');
    }
    const holder: PublishChannel = {
      generation,
      error: undefined,
      channel: model.createConfirmChannel().then((channel) => {
        channel.on('error', (error: unknown) => {
          holder.error = error;
          this.log('warn', 'AMQP publishing channel closed by the broker', {
            error: errorText(error),
          });
        });
        channel.on('close', () => {
          if (this.publishChannel === holder) this.publishChannel = null;
        });
        return channel;
      }),
    };
    holder.channel.catch(() => {
      if (this.publishChannel === holder) this.publishChannel = null;
    });
    this.publishChannel = holder;
    return holder;
  }

  private log(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    logSafely(this.logger, level, message, {
      connection: this.name,
      url: this.redactedUrl,
      ...fields,
    });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `work`, or the error of `timeout()` once `deadline` (epoch ms) passed first. The work goes on
 * regardless; its late outcome is ignored.
 */
function withDeadline<T>(work: Promise<T>, deadline: number, timeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeout()), Math.max(0, deadline - Date.now()));
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
