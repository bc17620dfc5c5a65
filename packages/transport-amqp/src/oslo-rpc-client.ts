import { ChannelClosedError, DEFAULT_CALL_TIMEOUT_MS, RpcTimeoutError } from '@ml2ts/agent-rpc';
import { type Logger, silentLogger } from '@ml2ts/driver-api';
import { type AmqpConnection, type TopologyHandle } from './amqp-connection';
import { type LogLevel, logSafely } from './log-safely';
import { agentContext, type OsloContext } from './oslo-context';
import {
  decodeReply,
  encodeCall,
  encodeCast,
  newUniqueId,
  type OsloReply,
  publishProperties,
} from './oslo-envelope';
import { decodeFailure } from './oslo-failure';
import {
  DEFAULT_CONTROL_EXCHANGE,
  type OsloTarget,
  routeOf,
  TRANSIENT_QUEUE_EXPIRES_MS,
} from './oslo-target';
import { TransportUnreachable } from './transport-unreachable';

/** Options of an `OsloRpcClient`. */
export interface OsloRpcClientOptions {
  /** The connection to publish and consume replies on; the client never closes it. */
  readonly connection: AmqpConnection;
  /** The control exchange of targets that name none; default `neutron`. */
  readonly exchange?: string;
  /** Reply timeout of calls that set none; default 60000 ms. */
  readonly callTimeoutMs?: number;
  /** The context sent with requests that set none; default one agent context for the client. */
  readonly context?: OsloContext;
  /** Names the client in `ChannelClosedError`s (an agent's host); default `rpc client`. */
  readonly name?: string;
  /** Receives malformed and late replies; default silent. */
  readonly logger?: Logger;
}

/** Options of one call. */
export interface OsloCallOptions {
  /** How long to wait for the reply (also the message's `expiration`); default the client's. */
  readonly timeoutMs?: number;
  /** The context to send; default the client's. */
  readonly context?: OsloContext;
  /** The method name errors carry (`RemoteCallError.method`, `RpcTimeoutError`); default `method`. */
  readonly reportAs?: string;
}

/** Options of one cast. */
export interface OsloCastOptions {
  /** How long the cast may wait for a lost connection to come back; default the call timeout. */
  readonly timeoutMs?: number;
  /** The context to send; default the client's. */
  readonly context?: OsloContext;
}

interface PendingCall {
  readonly method: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/**
 * The calling side of the oslo RPC protocol over one `AmqpConnection`. Calls publish to the
 * target's exchange with the call timeout as the message's `expiration`, and wait for the reply
 * on the client's own queue `reply_<uuid hex>` (`x-expires` 30 min, declared on first use and
 * again after every reconnect), matched by `_msg_id`. Casts (directed or fanout) resolve once the
 * broker took the message. Replies that arrive after their call settled are dropped.
 */
export class OsloRpcClient {
  /** The client's reply queue, `reply_<uuid hex>`. */
  readonly replyQueue: string;
  private readonly connection: AmqpConnection;
  private readonly exchange: string;
  private readonly callTimeoutMs: number;
  private readonly context: OsloContext;
  private readonly name: string;
  private readonly logger: Logger;
  private readonly pending = new Map<string, PendingCall>();
  private handle: TopologyHandle | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(options: OsloRpcClientOptions) {
    this.connection = options.connection;
    this.exchange = options.exchange ?? DEFAULT_CONTROL_EXCHANGE;
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.context = options.context ?? agentContext();
    this.name = options.name ?? 'rpc client';
    this.logger = options.logger ?? silentLogger;
    this.replyQueue = `reply_${newUniqueId()}`;
  }

  /** How many calls wait for their reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Opens the connection and declares and consumes the reply queue. Resolves once replies can
   * be received; may block on the network. Rejects with the connection's typed errors, and with
   * `ChannelClosedError` once closed. Idempotent; `call` runs it by itself.
   */
  async connect(): Promise<void> {
    if (this.closed) throw new ChannelClosedError(this.name);
    if (this.handle) return;
    if (!this.connecting) {
      this.connecting = this.connection
        .addTopology({
          description: `reply queue ${this.replyQueue}`,
          setup: async (channel) => {
            await channel.assertQueue(this.replyQueue, {
              durable: false,
              autoDelete: false,
              exclusive: false,
              arguments: { 'x-expires': TRANSIENT_QUEUE_EXPIRES_MS },
            });
            await channel.consume(
              this.replyQueue,
              (message) => {
                if (message === null) {
                  // Closing deletes the queue under its own consumer: nothing to restore then.
                  if (this.closed) return;
                  this.log('warn', 'reply consumer cancelled by the broker; declaring again', {});
                  this.handle?.reset();
                  return;
                }
                this.onReply(message.content);
              },
              { noAck: true },
            );
          },
          teardown: async (channel) => {
            await channel.deleteQueue(this.replyQueue);
          },
        })
        .then(async (handle) => {
          if (this.closed) {
            await handle.remove();
            throw new ChannelClosedError(this.name);
          }
          this.handle = handle;
        })
        .finally(() => {
          this.connecting = null;
        });
    }
    return this.connecting;
  }

  /**
   * Calls `method` with `args` (its keyword arguments) on a server of `target` and waits for
   * the reply: resolves with the result; rejects with `RemoteCallError` (the failure's class as
   * its type) when the server raised, `RpcTimeoutError` when no reply came within the timeout
   * (the server may still run it), `ChannelClosedError` when the client closes first, and the
   * connection's typed errors when the request could not be sent at all. Never blocks the event
   * loop.
   */
  call(
    target: OsloTarget,
    method: string,
    args: Record<string, unknown>,
    options: OsloCallOptions = {},
  ): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.callTimeoutMs;
    const reportAs = options.reportAs ?? method;
    return new Promise<unknown>((resolve, reject) => {
      if (this.closed) return reject(new ChannelClosedError(this.name));
      const msgId = newUniqueId();
      let settled = false;
      const finish = (settle: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pending.delete(msgId);
        settle();
      };
      const timer = setTimeout(
        () => finish(() => reject(new RpcTimeoutError(reportAs, timeoutMs))),
        timeoutMs,
      );
      this.pending.set(msgId, {
        method: reportAs,
        resolve: (result) => finish(() => resolve(result)),
        reject: (error) => finish(() => reject(error)),
      });
      const deadline = Date.now() + timeoutMs;
      void (async () => {
        try {
          await this.connect();
          const remaining = deadline - Date.now();
          if (remaining <= 0 || settled) return;
          const { exchange, routingKey } = routeOf({ ...target, fanout: false }, this.exchange);
          const body = encodeCall(
            { method, args, version: target.version, context: options.context ?? this.context },
            msgId,
            this.replyQueue,
          );
          await this.connection.publish(
            exchange,
            routingKey,
            body,
            publishProperties(timeoutMs),
            remaining,
          );
        } catch (error) {
          if (error instanceof TransportUnreachable && error.reason === 'disconnected') {
            if (Date.now() >= deadline - 5) {
              return finish(() => reject(new RpcTimeoutError(reportAs, timeoutMs)));
            }
          }
          finish(() => reject(error as Error));
        }
      })();
    });
  }

  /**
   * Casts `method` with `args` to one server of `target` (or, with `target.fanout`, to every
   * server of its topic through `<topic>_fanout`). Resolves once the broker took the message; no
   * answer ever comes back. Waits for a lost connection up to the cast's time limit. Rejects with
   * `ChannelClosedError` once closed and with the connection's typed errors.
   */
  async cast(
    target: OsloTarget,
    method: string,
    args: Record<string, unknown>,
    options: OsloCastOptions = {},
  ): Promise<void> {
    if (this.closed) throw new ChannelClosedError(this.name);
    const { exchange, routingKey } = routeOf(target, this.exchange);
    const body = encodeCast({
      method,
      args,
      version: target.version,
      context: options.context ?? this.context,
    });
    await this.connection.publish(
      exchange,
      routingKey,
      body,
      publishProperties(),
      options.timeoutMs ?? this.callTimeoutMs,
    );
  }

  /**
   * Closes the client: calls waiting for a reply reject with `ChannelClosedError`, the reply
   * queue is deleted and its channel released (the connection stays open). Idempotent; never
   * rejects.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const call of [...this.pending.values()]) call.reject(new ChannelClosedError(this.name));
    this.pending.clear();
    if (this.connecting) await this.connecting.catch(() => undefined);
    const handle = this.handle;
    this.handle = null;
    await handle?.remove();
  }

  private onReply(content: Buffer): void {
    let reply: OsloReply;
    try {
      reply = decodeReply(content);
    } catch (error) {
      this.log('warn', 'dropped a malformed reply', {
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    const call = this.pending.get(reply.msgId);
    if (!call) {
      this.log('debug', 'dropped a reply nobody waits for (late or duplicate)', {
        msgId: reply.msgId,
      });
      return;
    }
    if (reply.failure !== null) {
      call.reject(decodeFailure(call.method, reply.failure));
      return;
    }
    // A keep-alive sent while a long call runs: the answer comes later.
    if (!reply.ending) return;
    call.resolve(reply.result);
  }

  private log(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    logSafely(this.logger, level, `RPC client: ${message}`, {
      replyQueue: this.replyQueue,
      ...fields,
    });
  }
}
