import { ChannelClosedError, DEFAULT_CALL_TIMEOUT_MS, UnsupportedVersion } from '@ml2ts/agent-rpc';
import { BadRequest, type Logger, Ml2Error, silentLogger } from '@ml2ts/driver-api';
import type * as amqp from 'amqplib';
import { type AmqpConnection, type AmqpTopology, type TopologyHandle } from './amqp-connection';
import { type LogLevel, logSafely } from './log-safely';
import { type OsloContext } from './oslo-context';
import {
  decodeRequest,
  encodeHeartbeat,
  encodeReply,
  newUniqueId,
  type OsloRequest,
  publishProperties,
} from './oslo-envelope';
import { encodeFailure } from './oslo-failure';
import {
  DEFAULT_CONTROL_EXCHANGE,
  fanoutExchange,
  topicExchange,
  TRANSIENT_QUEUE_EXPIRES_MS,
} from './oslo-target';
import { isOsloVersionCompatible } from './oslo-version';
import { NoSuchMethod } from './no-such-method';

/**
 * Runs one RPC method: receives the request's keyword arguments and its context, answers the
 * result (any JSON value; `undefined` is sent as null). Called asynchronously for every request
 * taken off the bus; may block as long as it needs (the caller waits, up to its own timeout).
 * A throw is answered to a caller as a failure (see `encodeFailure`), and logged for a cast.
 */
export type OsloMethodHandler = (
  args: Record<string, unknown>,
  context: OsloContext,
) => unknown | Promise<unknown>;

/** A set of methods served at one version, as one endpoint object of a Python server. */
export interface OsloEndpoint {
  /** `major.minor`: requests at the same major and a minor not above it are served. */
  readonly version: string;
  /** Null (the default) for requests without a namespace, which is all of Neutron's. */
  readonly namespace?: string | null;
  /** Method name (as on the wire) to its handler. */
  readonly methods: Readonly<Record<string, OsloMethodHandler>>;
}

/** Options of an `OsloRpcServer`. */
export interface OsloRpcServerOptions {
  /** The connection to declare and consume on; the server never opens another, nor closes it. */
  readonly connection: AmqpConnection;
  /** The control exchange; default `neutron`. */
  readonly exchange?: string;
  /** The topic served: `q-plugin`, `q-reports-plugin`, `q-agent-notifier-port-update`, ... */
  readonly topic: string;
  /** This server's host name: the server also takes requests sent to `<topic>.<host>`. */
  readonly host: string;
  /** Tried in order, as a Python server tries its endpoint objects. */
  readonly endpoints: readonly OsloEndpoint[];
  /** Receives malformed messages, failed casts and unsent replies; default silent. */
  readonly logger?: Logger;
  /** How long a reply may wait for a lost connection to come back; default 60000 ms. */
  readonly replyTimeoutMs?: number;
  /**
   * How many requests of one queue may be taken and not yet answered (the broker's prefetch
   * per consumer); default 64. Bounds the concurrency of one server, and lets other servers of
   * the topic take what it cannot.
   */
  readonly prefetch?: number;
}

/** The default number of unanswered requests per queue and server. */
export const DEFAULT_PREFETCH = 64;

/** How many requests are remembered by their unique id, to tell redelivered duplicates. */
const REMEMBERED_REQUESTS = 256;

/**
 * A server of one topic, exactly as a Python RPC server of the rabbit driver is: it declares the
 * non-durable topic exchange `neutron`, the queues `<topic>` and `<topic>.<host>` bound to it
 * under their own names, and a private `<topic>_fanout_<uuid>` (`x-expires` 30 min) bound to
 * the fanout exchange `<topic>_fanout`; it consumes all three with manual acks. Each request is
 * dispatched by the endpoints' rules (an unknown method is refused with `NoSuchMethod`, a version
 * no endpoint speaks with `UnsupportedVersion`) and a call's answer is published to its `_reply_q`
 * through the default exchange. A request is acked only once its reply was handed to the broker,
 * so a server that dies mid-call leaves it for the broker to deliver again; a redelivered copy of
 * a request this server already answered is acked without running it twice. Messages that are
 * not oslo requests are logged and dropped; nothing a message holds stops the consumer.
 */
export class OsloRpcServer {
  /** The private fanout queue's name, `<topic>_fanout_<uuid hex>`; kept across reconnects. */
  readonly fanoutQueue: string;
  private readonly connection: AmqpConnection;
  private readonly exchange: string;
  private readonly topic: string;
  private readonly host: string;
  private readonly endpoints: readonly OsloEndpoint[];
  private readonly logger: Logger;
  private readonly replyTimeoutMs: number;
  private readonly prefetch: number;
  private handle: TopologyHandle | null = null;
  private consumers: Array<{ channel: amqp.Channel; tag: string }> = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Unique id → whether the request was answered (resolves once it was handled). */
  private readonly recent = new Map<string, Promise<boolean>>();
  private starting: Promise<void> | null = null;
  private stopping = false;
  private closing: Promise<void> | null = null;

  constructor(options: OsloRpcServerOptions) {
    this.connection = options.connection;
    this.exchange = options.exchange ?? DEFAULT_CONTROL_EXCHANGE;
    this.topic = options.topic;
    this.host = options.host;
    this.endpoints = options.endpoints;
    this.logger = options.logger ?? silentLogger;
    this.replyTimeoutMs = options.replyTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.prefetch = options.prefetch ?? DEFAULT_PREFETCH;
    this.fanoutQueue = `${this.topic}_fanout_${newUniqueId()}`;
  }

  /** The queues this server consumes: `<topic>`, `<topic>.<host>`, `<topic>_fanout_<uuid>`. */
  get queues(): readonly string[] {
    return [this.topic, `${this.topic}.${this.host}`, this.fanoutQueue];
  }

  /** How many requests are being handled right now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /**
   * Declares the server's exchanges, queues and bindings and starts consuming. Resolves once
   * requests are being taken; may block on the network. Rejects with the connection's typed
   * errors (`TransportUnreachable`, `TransportOperationFailed`), with `ChannelClosedError` once
   * closed, and with an `Ml2Error` when called again after a successful start.
   */
  start(): Promise<void> {
    if (this.closing) return Promise.reject(new ChannelClosedError(this.host));
    if (this.handle) {
      return Promise.reject(
        new Ml2Error(
          'AlreadyListening',
          409,
          `The RPC server of ${this.topic} is already started.`,
        ),
      );
    }
    if (!this.starting) {
      this.starting = this.connection
        .addTopology(this.topology())
        .then((handle) => {
          this.handle = handle;
        })
        .finally(() => {
          this.starting = null;
        });
    }
    return this.starting;
  }

  /**
   * Stops consuming, waits until every request already taken is answered (and acked), deletes
   * the private fanout queue and releases the channel. Never rejects; idempotent. Requests that
   * reach the server while it stops are handed back to the broker for another server.
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.stopping = true;
    this.closing = (async () => {
      if (this.starting) await this.starting.catch(() => undefined);
      for (const { channel, tag } of this.consumers.splice(0)) {
        await channel.cancel(tag).catch(() => undefined);
      }
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      await this.handle?.remove();
      this.handle = null;
    })();
    return this.closing;
  }

  private topology(): AmqpTopology {
    const exchange = topicExchange(this.exchange);
    const fanout = fanoutExchange(this.topic);
    const hostTopic = `${this.topic}.${this.host}`;
    return {
      description: `RPC server of ${this.topic} on ${this.host}`,
      setup: async (channel) => {
        await channel.prefetch(this.prefetch);
        await channel.assertExchange(exchange.name, exchange.type, {
          durable: exchange.durable,
          autoDelete: exchange.autoDelete,
        });
        for (const queue of [this.topic, hostTopic]) {
          await channel.assertQueue(queue, { durable: false, autoDelete: false, exclusive: false });
          await channel.bindQueue(queue, exchange.name, queue);
        }
        await channel.assertExchange(fanout.name, fanout.type, {
          durable: fanout.durable,
          autoDelete: fanout.autoDelete,
        });
        await channel.assertQueue(this.fanoutQueue, {
          durable: false,
          autoDelete: false,
          exclusive: false,
          arguments: { 'x-expires': TRANSIENT_QUEUE_EXPIRES_MS },
        });
        await channel.bindQueue(this.fanoutQueue, fanout.name, this.topic);
        const consumers: Array<{ channel: amqp.Channel; tag: string }> = [];
        for (const queue of this.queues) {
          const { consumerTag } = await channel.consume(
            queue,
            (message) => this.onDelivery(channel, queue, message),
            { noAck: false },
          );
          consumers.push({ channel, tag: consumerTag });
        }
        this.consumers = consumers;
      },
      lost: () => {
        this.consumers = [];
      },
      teardown: async (channel) => {
        await channel.deleteQueue(this.fanoutQueue);
      },
    };
  }

  private onDelivery(channel: amqp.Channel, queue: string, message: amqp.ConsumeMessage | null) {
    if (message === null) {
      // Stopping deletes the fanout queue under its own consumer: nothing to restore then.
      if (this.stopping) return;
      this.log('warn', 'consumer cancelled by the broker; declaring again', { queue });
      this.handle?.reset();
      return;
    }
    if (this.stopping) {
      this.settle(channel, message, 'requeue');
      return;
    }
    let request: OsloRequest;
    try {
      request = decodeRequest(message.content);
    } catch (error) {
      this.log('warn', 'dropped a malformed message', { queue, error: errorText(error) });
      this.settle(channel, message, 'ack');
      return;
    }
    const earlier = request.uniqueId ? this.recent.get(request.uniqueId) : undefined;
    if (earlier) {
      this.track(
        earlier.then(async (answered) => {
          if (answered) {
            this.log('debug', 'acked a duplicate of a request already answered', {
              method: request.method,
            });
            this.settle(channel, message, 'ack');
          } else {
            await this.serve(channel, message, request);
          }
        }),
      );
      return;
    }
    this.track(this.serve(channel, message, request));
  }

  /** Handles one request and acks it; resolves once done. Never rejects. */
  private serve(channel: amqp.Channel, message: amqp.Message, request: OsloRequest): Promise<void> {
    const answered = this.answer(request);
    if (request.uniqueId) {
      this.recent.set(request.uniqueId, answered);
      if (this.recent.size > REMEMBERED_REQUESTS) {
        this.recent.delete(this.recent.keys().next().value as string);
      }
    }
    return answered.then((replied) => {
      if (replied) this.settle(channel, message, 'ack');
    });
  }

  /**
   * Dispatches the request and publishes a call's reply. Resolves true once the request needs no
   * more work (a cast was run, a reply was handed to the broker), false when the reply could not
   * be sent (the message is then left unacked, for the broker to deliver again). Never rejects.
   */
  private async answer(request: OsloRequest): Promise<boolean> {
    const isCall = request.msgId !== null && request.replyQueue !== null;
    const heartbeat = isCall ? this.startHeartbeat(request) : null;
    let result: unknown = null;
    let failure: unknown = undefined;
    let failed = false;
    try {
      result = await this.dispatch(request);
    } catch (error) {
      failed = true;
      failure = error;
    } finally {
      if (heartbeat) clearInterval(heartbeat);
    }
    if (!isCall) {
      if (failed) {
        this.log('warn', 'a cast failed', {
          method: request.method,
          error: errorText(failure),
        });
      }
      return true;
    }
    let body: string;
    try {
      body = failed
        ? encodeReply(request.msgId!, null, encodeFailure(failure))
        : encodeReply(request.msgId!, result, null);
    } catch (error) {
      body = encodeReply(
        request.msgId!,
        null,
        encodeFailure(
          new Ml2Error(
            'ResultNotSerializable',
            500,
            `The result of ${request.method} cannot be sent as JSON: ${errorText(error)}`,
          ),
        ),
      );
    }
    try {
      await this.connection.publish(
        null,
        request.replyQueue!,
        body,
        publishProperties(),
        this.replyTimeoutMs,
      );
      return true;
    } catch (error) {
      this.log('error', 'the reply could not be sent', {
        method: request.method,
        replyQueue: request.replyQueue,
        error: errorText(error),
      });
      return false;
    }
  }

  /**
   * For a caller that set `_timeout` (seconds): a keep-alive reply every half of it while the
   * call runs, so that the caller keeps waiting. Null when the caller set none (Neutron's agents
   * never do) or under 2 s.
   */
  private startHeartbeat(request: OsloRequest): NodeJS.Timeout | null {
    const seconds = request.callMonitorTimeout;
    if (seconds === null || seconds < 2) return null;
    return setInterval(
      () => {
        this.connection
          .publish(
            null,
            request.replyQueue!,
            encodeHeartbeat(request.msgId!),
            publishProperties(),
            (seconds * 1000) / 2,
          )
          .catch((error: unknown) =>
            this.log('debug', 'a keep-alive reply could not be sent', {
              method: request.method,
              error: errorText(error),
            }),
          );
      },
      (seconds * 1000) / 2,
    );
  }

  /** Finds the endpoint method by the dispatcher's rules and runs it. */
  private async dispatch(request: OsloRequest): Promise<unknown> {
    let compatible = false;
    for (const endpoint of this.endpoints) {
      if ((endpoint.namespace ?? null) !== request.namespace) continue;
      if (!isOsloVersionCompatible(endpoint.version, request.version)) continue;
      if (Object.hasOwn(endpoint.methods, request.method)) {
        const args = request.args;
        if (args === null || typeof args !== 'object' || Array.isArray(args)) {
          throw new BadRequest('RPC', `the arguments of ${request.method} are not an object`);
        }
        return endpoint.methods[request.method](args as Record<string, unknown>, request.context);
      }
      compatible = true;
    }
    if (compatible) throw new NoSuchMethod(request.method);
    throw new UnsupportedVersion(
      request.method,
      request.version,
      this.endpoints.map((endpoint) => endpoint.version).join(', ') || 'none',
    );
  }

  /** Acks (or hands back) a delivery on the channel it came on, while that channel lives. */
  private settle(channel: amqp.Channel, message: amqp.Message, how: 'ack' | 'requeue'): void {
    // A delivery can only be settled on its own channel; once that channel is gone the broker
    // has put the message back itself.
    if (this.handle !== null && this.handle.channel !== channel) return;
    try {
      if (how === 'ack') channel.ack(message);
      else channel.nack(message, false, true);
    } catch {
      // The channel closed under us: the broker requeued the message.
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) =>
      this.log('error', 'a request handler failed', { error: errorText(error) }),
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private log(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    logSafely(this.logger, level, `RPC server: ${message}`, { topic: this.topic, ...fields });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
