import { type Notifier } from '@ml2ts/core';
import { type Logger, silentLogger } from '@ml2ts/driver-api';
import { EventBatcher } from './event-batcher';
import { type HttpSender, NovaClient, type RetryPolicy } from './nova-client';
import { describeEvents, type NovaEvent } from './nova-event';
import { NovaNotifierConfigError } from './nova-notifier-config-error';
import { PortEventTranslator } from './port-event-translator';
import { systemTimers, type Timers } from './timers';

/** The Nova notifier's settings; all but `url` have defaults. */
export interface NovaNotifierOptions {
  /** Nova's compute API endpoint (`[ml2ts] nova_url`, e.g. `http://nova:8774/v2.1`). */
  readonly url: string;
  /** `send_events_interval`: seconds of quiet after each batch (≥ 0). Default 2. */
  readonly sendEventsInterval?: number;
  /** `notify_nova_on_port_status_changes`: send VIF plugged/unplugged. Default true. */
  readonly notifyOnStatusChanges?: boolean;
  /** `notify_nova_on_port_data_changes`: send VIF deleted. Default true. */
  readonly notifyOnDataChanges?: boolean;
  /** A static token sent as `X-Auth-Token`; none by default. Never logged. */
  readonly authToken?: string;
  /** Where deliveries and failures are logged. Default: silent. */
  readonly logger?: Logger;
  /** Batch and back-off timers. Default `systemTimers`. */
  readonly timers?: Timers;
  /** How requests are made. Default: the global `fetch`. */
  readonly send?: HttpSender;
  /** Time Nova has to answer one request, in milliseconds. Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** Retries of a batch Nova did not take. Default `DEFAULT_RETRY_POLICY`. */
  readonly retry?: Partial<RetryPolicy>;
}

/** The default `send_events_interval`, in seconds. */
export const DEFAULT_SEND_EVENTS_INTERVAL = 2;

/**
 * Tells Nova about its instances' ports: listens to the engine's events (emitted after their
 * commits), turns them into server external events (`network-vif-plugged`, `-unplugged`,
 * `-deleted`), batches them and posts each batch to Nova with retries. It never blocks or fails
 * the engine: its listeners only queue, the sending runs on timers, and every failure ends in
 * the log.
 */
export class NovaNotifier {
  private readonly client: NovaClient;
  private readonly batcher: EventBatcher<NovaEvent>;
  private readonly translator: PortEventTranslator;
  private readonly logger: Logger;
  /** Fires on `close`: a batch being retried stops retrying, the last batch gets one try. */
  private readonly closing = new AbortController();
  private readonly detachers = new Set<() => void>();

  /**
   * Checks the settings (throws `NovaNotifierConfigError` naming the bad one) and starts
   * nothing: no timer runs and nothing is sent before events arrive through `attach`.
   */
  constructor(options: NovaNotifierOptions) {
    const interval = options.sendEventsInterval ?? DEFAULT_SEND_EVENTS_INTERVAL;
    if (!Number.isFinite(interval) || interval < 0) {
      throw new NovaNotifierConfigError('sendEventsInterval', 'must be a number of seconds ≥ 0');
    }
    this.logger = options.logger ?? silentLogger;
    const timers = options.timers ?? systemTimers;
    this.client = new NovaClient({
      url: options.url,
      authToken: options.authToken,
      send: options.send,
      timers,
      logger: this.logger,
      requestTimeoutMs: options.requestTimeoutMs,
      retry: options.retry,
    });
    this.translator = new PortEventTranslator({
      statusChanges: options.notifyOnStatusChanges ?? true,
      dataChanges: options.notifyOnDataChanges ?? true,
    });
    this.batcher = new EventBatcher<NovaEvent>({
      intervalMs: interval * 1000,
      timers,
      deliver: async (batch) => {
        await this.client.sendEvents(batch, { stopRetrying: this.closing.signal });
      },
      onDeliveryError: (error, batch) =>
        this.logger.error('Sending events to Nova failed unexpectedly', {
          events: describeEvents(batch),
          error: error instanceof Error ? error.message : String(error),
        }),
    });
  }

  /** The URL events are posted to (Nova's endpoint and `/os-server-external-events`). */
  get eventsUrl(): string {
    return this.client.eventsUrl;
  }

  /**
   * Subscribes to `notifier`'s `portStatusChanged`, `vifPlugged` and `portDelete`. The
   * listeners run synchronously inside the engine's emit, after its commit: they only map the
   * event and queue it, never wait, never throw. Returns a function that unsubscribes (also
   * done by `close`). Attaching after `close` subscribes nothing.
   */
  attach(notifier: Notifier): () => void {
    if (this.closing.signal.aborted) return () => undefined;
    const stops = [
      notifier.on('portStatusChanged', (change) =>
        this.queue(() => this.translator.statusChanged(change)),
      ),
      notifier.on('vifPlugged', (event) => this.queue(() => this.translator.vifPlugged(event))),
      notifier.on('portDelete', (event) => this.queue(() => this.translator.portDeleted(event))),
    ];
    const detach = (): void => {
      for (const stop of stops) stop();
      this.detachers.delete(detach);
    };
    this.detachers.add(detach);
    return detach;
  }

  /**
   * Sends the queued events now rather than when the batch interval ends (waiting first for a
   * batch under way, retries included). Resolves when Nova took them or they were given up
   * (logged); never rejects. For tests and shutdown, not for the engine's path.
   */
  flush(): Promise<void> {
    return this.batcher.flush();
  }

  /**
   * Detaches from every notifier, stops the retries of a batch under way, sends what is still
   * queued in one last request (one try) and leaves no timer behind. Idempotent; never rejects.
   */
  async close(): Promise<void> {
    for (const detach of [...this.detachers]) detach();
    this.closing.abort();
    await this.batcher.close();
  }

  /** Maps one engine event and queues the result; a throw is logged, never propagated. */
  private queue(map: () => NovaEvent | null): void {
    try {
      const event = map();
      if (event) this.batcher.add(event);
    } catch (error) {
      this.logger.error('Could not turn an engine event into a Nova event', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
