import { type IdGenerator, randomIdGenerator } from '@ml2ts/driver-api';
import { type AgentNotification, type AgentNotificationListener } from './agent-notification';
import { type AgentServerApi } from './agent-server-api';
import { type AgentTransport, type ServerTransport } from './agent-transport';
import { ChannelClosedError } from './channel-closed-error';
import { type NotificationPublisher } from './notification-publisher';
import {
  type NotificationSubscriber,
  type NotificationSubscription,
} from './notification-subscriber';
import { RemoteCallError } from './remote-call-error';
import { type RpcCallOptions, type RpcClient } from './rpc-client';
import { type RpcReplyEnvelope } from './rpc-envelope';
import { type RpcServer } from './rpc-server';
import { RpcTimeoutError } from './rpc-timeout-error';
import { dispatchRequest, encodeRequest } from './wire-protocol';

/** Default reply timeout of a call, in milliseconds: Neutron's `rpc_response_timeout`, 60 s. */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

/** Options of an `InProcessTransport`. */
export interface InProcessTransportOptions {
  /** Reply timeout of calls that set none; default `DEFAULT_CALL_TIMEOUT_MS`. */
  readonly callTimeoutMs?: number;
  /** Source of request ids; default crypto-random. */
  readonly ids?: IdGenerator;
}

/** A request waiting for a server. */
interface QueuedRequest {
  readonly json: string;
  /** Receives the reply JSON (null for a cast). */
  readonly answer: (reply: string | null) => void;
}

/**
 * The embedded transport: agents and the server share one process, but every request, reply and
 * notification still crosses a JSON boundary, as on a message bus: no object is shared, Dates
 * become ISO strings, server errors arrive as `RemoteCallError`s, and a request at an
 * unsupported version is refused. Requests sent while no server listens wait for one (until
 * their timeout), as in a queue; several listening servers take requests in turn. Notifications
 * fan out to every subscriber asynchronously, in publication order; published while nobody is
 * subscribed, they are dropped, as on a bus.
 */
export class InProcessTransport implements AgentTransport, ServerTransport {
  private readonly servers: InProcessServer[] = [];
  private readonly queue: QueuedRequest[] = [];
  private readonly listeners = new Set<AgentNotificationListener>();
  private readonly closables = new Set<{ close(): Promise<void> }>();
  private nextServer = 0;
  private closed = false;
  /** Reply timeout of calls that set none. */
  readonly callTimeoutMs: number;
  /** Source of request ids. */
  readonly ids: IdGenerator;

  constructor(options: InProcessTransportOptions = {}) {
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.ids = options.ids ?? randomIdGenerator;
  }

  /** True once `close` was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** How many subscriptions are active. */
  get subscriptionCount(): number {
    return this.listeners.size;
  }

  /** See `AgentTransport.createClient`. */
  createClient(host: string): RpcClient {
    return this.track(new InProcessClient(this, host));
  }

  /** See `AgentTransport.createSubscriber`. */
  createSubscriber(host: string): NotificationSubscriber {
    return this.track(new InProcessSubscriber(this, host));
  }

  /** See `ServerTransport.createServer`. */
  createServer(): RpcServer {
    return this.track(new InProcessServer(this));
  }

  /** See `ServerTransport.createPublisher`. */
  createPublisher(): NotificationPublisher {
    return this.track(new InProcessPublisher(this));
  }

  /**
   * Closes every client, subscriber, server and publisher made from this transport; waiting
   * requests reject with `ChannelClosedError`. Servers stop taking requests but are not waited
   * for (a handler that never settles cannot hold the close). Idempotent.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const server of this.servers.splice(0)) server.detach();
    await Promise.all([...this.closables].map((closable) => closable.close()));
    for (const request of this.queue.splice(0)) request.answer(null);
  }

  /** @internal Hands a request to a listening server, or queues it until one listens. */
  route(request: QueuedRequest): void {
    if (this.closed) throw new ChannelClosedError('in-process transport');
    if (this.servers.length === 0) {
      this.queue.push(request);
      return;
    }
    const server = this.servers[this.nextServer++ % this.servers.length];
    server.take(request);
  }

  /** @internal A server started listening: it takes the waiting requests. */
  addServer(server: InProcessServer): void {
    this.servers.push(server);
    for (const request of this.queue.splice(0)) this.route(request);
  }

  /** @internal */
  removeServer(server: InProcessServer): void {
    const index = this.servers.indexOf(server);
    if (index >= 0) this.servers.splice(index, 1);
  }

  /** @internal */
  addListener(listener: AgentNotificationListener): void {
    this.listeners.add(listener);
  }

  /** @internal */
  removeListener(listener: AgentNotificationListener): void {
    this.listeners.delete(listener);
  }

  /** @internal Delivers one serialized notification to every listener, each its own copy. */
  fanout(json: string): void {
    for (const listener of [...this.listeners]) {
      queueMicrotask(() => {
        if (!this.listeners.has(listener)) return;
        try {
          listener(JSON.parse(json) as AgentNotification);
        } catch {
          // A listener's failure must not reach the server or the other agents.
        }
      });
    }
  }

  /** @internal */
  untrack(closable: { close(): Promise<void> }): void {
    this.closables.delete(closable);
  }

  private track<T extends { close(): Promise<void> }>(closable: T): T {
    if (this.closed) throw new ChannelClosedError('in-process transport');
    this.closables.add(closable);
    return closable;
  }
}

/** A call waiting for its reply. */
interface PendingCall {
  readonly reject: (error: Error) => void;
}

class InProcessClient implements RpcClient {
  private readonly pending = new Set<PendingCall>();
  private closed = false;

  constructor(
    private readonly transport: InProcessTransport,
    private readonly host: string,
  ) {}

  async connect(): Promise<void> {
    if (this.closed) throw new ChannelClosedError(this.host);
  }

  call(method: string, args: unknown, options: RpcCallOptions = {}): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.transport.callTimeoutMs;
    return new Promise<unknown>((resolve, reject) => {
      if (this.closed) return reject(new ChannelClosedError(this.host));
      const json = encodeRequest(method, args, 'call', this.transport.ids);
      let settled = false;
      const finish = (settle: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pending.delete(pending);
        settle();
      };
      const pending: PendingCall = {
        reject: (error) => finish(() => reject(error)),
      };
      const timer = setTimeout(
        () => pending.reject(new RpcTimeoutError(method, timeoutMs)),
        timeoutMs,
      );
      this.pending.add(pending);
      try {
        this.transport.route({
          json,
          answer: (reply) => {
            if (reply === null) return pending.reject(new ChannelClosedError(this.host));
            const envelope = JSON.parse(reply) as RpcReplyEnvelope;
            if (envelope.ok) finish(() => resolve(envelope.result));
            else pending.reject(new RemoteCallError(method, envelope.error));
          },
        });
      } catch (error) {
        pending.reject(error as Error);
      }
    });
  }

  async cast(method: string, args: unknown): Promise<void> {
    if (this.closed) throw new ChannelClosedError(this.host);
    this.transport.route({
      json: encodeRequest(method, args, 'cast', this.transport.ids),
      answer: () => undefined,
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.transport.untrack(this);
    for (const pending of [...this.pending]) pending.reject(new ChannelClosedError(this.host));
  }
}

class InProcessServer implements RpcServer {
  private api: AgentServerApi | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly transport: InProcessTransport) {}

  async listen(api: AgentServerApi): Promise<void> {
    if (this.closed) throw new ChannelClosedError('in-process server');
    if (this.api) throw new Error('this server is already listening');
    this.api = api;
    this.transport.addServer(this);
  }

  /** Runs one request in a later turn (never inside the caller's stack) and answers it. */
  take(request: QueuedRequest): void {
    const api = this.api;
    if (!api) return;
    const work = (async () => {
      await Promise.resolve();
      request.answer(await dispatchRequest(api, request.json));
    })();
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.detach();
    await Promise.all([...this.inFlight]);
  }

  /** Stops taking requests at once, without waiting for those in flight. */
  detach(): void {
    this.closed = true;
    this.transport.removeServer(this);
    this.transport.untrack(this);
  }
}

class InProcessPublisher implements NotificationPublisher {
  private closed = false;

  constructor(private readonly transport: InProcessTransport) {}

  async publish(notification: AgentNotification): Promise<void> {
    if (this.closed) throw new ChannelClosedError('in-process publisher');
    this.transport.fanout(JSON.stringify(notification));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.transport.untrack(this);
  }
}

class InProcessSubscriber implements NotificationSubscriber {
  private readonly mine = new Set<AgentNotificationListener>();
  private closed = false;

  constructor(
    private readonly transport: InProcessTransport,
    private readonly host: string,
  ) {}

  async subscribe(listener: AgentNotificationListener): Promise<NotificationSubscription> {
    if (this.closed) throw new ChannelClosedError(this.host);
    // Wrapped so that the same function subscribed twice is two subscriptions.
    const subscription: AgentNotificationListener = (notification) => listener(notification);
    this.mine.add(subscription);
    this.transport.addListener(subscription);
    return {
      cancel: async () => {
        this.mine.delete(subscription);
        this.transport.removeListener(subscription);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.transport.untrack(this);
    for (const listener of this.mine) this.transport.removeListener(listener);
    this.mine.clear();
  }
}
