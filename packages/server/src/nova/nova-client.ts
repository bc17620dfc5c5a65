import { randomUUID } from 'node:crypto';
import { type Logger, silentLogger } from '@ml2ts/driver-api';
import { NovaDeliveryError } from './nova-delivery-error';
import { describeEvents, type NovaEvent } from './nova-event';
import { NovaNotifierConfigError } from './nova-notifier-config-error';
import { systemTimers, type Timers } from './timers';

/** The request a `HttpSender` makes: a JSON POST that it must abort when `signal` fires. */
export interface HttpRequest {
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal;
}

/** What a `HttpSender` answers: the status and a way to read the body. */
export interface HttpAnswer {
  readonly status: number;
  text(): Promise<string>;
}

/**
 * Sends one HTTP request; a subset of the global `fetch`, which is the default. Rejects when
 * there is no answer (refused, reset, aborted).
 */
export type HttpSender = (url: string, request: HttpRequest) => Promise<HttpAnswer>;

/** How often and how patiently a batch is retried when Nova does not take it. */
export interface RetryPolicy {
  /** Tries in all, first included (≥ 1). */
  readonly attempts: number;
  /** The wait before the second try, in milliseconds; it doubles for each further try. */
  readonly initialDelayMs: number;
  /** The longest wait between tries, in milliseconds. */
  readonly maxDelayMs: number;
}

/** Four tries, waiting 0.5 s, 1 s and 2 s between them. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  initialDelayMs: 500,
  maxDelayMs: 4_000,
};

/** The default time Nova has to answer one request. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** Where and how a `NovaClient` reaches Nova. */
export interface NovaClientOptions {
  /** Nova's compute API endpoint (`http://nova:8774/v2.1`); events go to its `/os-server-external-events`. */
  readonly url: string;
  /** Sent as `X-Auth-Token` when set; never logged. */
  readonly authToken?: string;
  /** Default: the global `fetch`. */
  readonly send?: HttpSender;
  /** For the back-off between tries. Default `systemTimers`. */
  readonly timers?: Timers;
  /** Default: silent. */
  readonly logger?: Logger;
  /** Time Nova has to answer one request, in milliseconds (> 0). Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** Default `DEFAULT_RETRY_POLICY`; given fields replace its fields. */
  readonly retry?: Partial<RetryPolicy>;
}

/** Nova's answer about one event of a batch, as it returned it. */
export interface NovaEventAnswer {
  readonly name?: unknown;
  readonly server_uuid?: unknown;
  readonly tag?: unknown;
  readonly status?: unknown;
  /** 200 when Nova handled the event; 400, 404, 422, ... when it did not. */
  readonly code?: unknown;
}

/** How sending one batch ended. Everything in it has been logged already. */
export type NovaDeliveryOutcome =
  /** Nova took the batch (200 or 207); `unhandled` are its answers whose `code` is not 200. */
  | {
      readonly kind: 'delivered';
      readonly status: number;
      readonly attempts: number;
      readonly unhandled: readonly NovaEventAnswer[];
    }
  /** Nova answered with an error status that trying again would not change (404: none of the servers exist). */
  | { readonly kind: 'rejected'; readonly status: number; readonly attempts: number }
  /** Nova did not take the batch in the tries allowed (or retrying was stopped). */
  | { readonly kind: 'failed'; readonly attempts: number; readonly error: NovaDeliveryError };

/** Statuses worth another try: Nova or a proxy in front of it is failing or overloaded. */
const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** The path of Nova's server external events API under its endpoint. */
const EVENTS_PATH = '/os-server-external-events';

/**
 * Sends batches of events to Nova's `POST /os-server-external-events` (compute API 2.1), with
 * retries and back-off, and logs how each batch ended: the event names, ports and instances,
 * Nova's origin and the request id, never the token.
 */
export class NovaClient {
  /** The full URL events are posted to. */
  readonly eventsUrl: string;
  private readonly origin: string;
  private readonly send: HttpSender;
  private readonly timers: Timers;
  private readonly logger: Logger;
  private readonly requestTimeoutMs: number;
  private readonly retry: RetryPolicy;

  /** Checks the settings; throws `NovaNotifierConfigError` naming the one at fault. */
  constructor(private readonly options: NovaClientOptions) {
    const endpoint = parseEndpoint(options.url);
    endpoint.pathname = `${endpoint.pathname.replace(/\/+$/, '')}${EVENTS_PATH}`;
    this.eventsUrl = endpoint.toString();
    this.origin = endpoint.origin;
    this.send = options.send ?? ((url, request) => fetch(url, request));
    this.timers = options.timers ?? systemTimers;
    this.logger = options.logger ?? silentLogger;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (!Number.isFinite(this.requestTimeoutMs) || this.requestTimeoutMs <= 0) {
      throw new NovaNotifierConfigError('requestTimeoutMs', 'must be a number of milliseconds > 0');
    }
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    checkRetryPolicy(this.retry);
  }

  /**
   * Posts `events` in one request, trying again after a back-off when Nova cannot be reached,
   * times out or answers 500/502/503/504, up to `RetryPolicy.attempts` tries. Once
   * `stopRetrying` has fired no further try starts (a pending back-off ends at once), but the
   * first try is always made. Resolves with how it ended, after logging it; never rejects. It
   * may take up to the tries' timeouts and back-offs: callers off the engine's path only.
   */
  async sendEvents(
    events: readonly NovaEvent[],
    options: { stopRetrying?: AbortSignal } = {},
  ): Promise<NovaDeliveryOutcome> {
    const requestId = `req-${randomUUID()}`;
    const body = JSON.stringify({ events });
    const logFields = { nova: this.origin, requestId, events: describeEvents(events) };
    for (let attempt = 1; ; attempt += 1) {
      let answer: { status: number; body: string };
      try {
        answer = await this.post(body, requestId);
      } catch (error) {
        const failure = asDeliveryError(error);
        const last =
          !failure.retriable ||
          attempt >= this.retry.attempts ||
          options.stopRetrying?.aborted === true;
        if (last) {
          this.logger.error('Could not send events to Nova; giving up', {
            ...logFields,
            attempts: attempt,
            error: failure.message,
          });
          return { kind: 'failed', attempts: attempt, error: failure };
        }
        const delayMs = this.backOff(attempt);
        this.logger.warn('Could not send events to Nova; retrying', {
          ...logFields,
          attempt,
          delayMs,
          error: failure.message,
        });
        await this.wait(delayMs, options.stopRetrying);
        continue;
      }
      return this.outcomeOf(answer, attempt, logFields);
    }
  }

  /** One try: an answer with a status Nova meant, or a `NovaDeliveryError` worth retrying. */
  private async post(body: string, requestId: string): Promise<{ status: number; body: string }> {
    const signal = AbortSignal.timeout(this.requestTimeoutMs);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-OpenStack-Nova-API-Version': '2.1',
      'X-OpenStack-Request-ID': requestId,
    };
    if (this.options.authToken !== undefined) headers['X-Auth-Token'] = this.options.authToken;
    let answer: HttpAnswer;
    let text: string;
    try {
      answer = await this.send(this.eventsUrl, { method: 'POST', headers, body, signal });
      text = await answer.text();
    } catch (error) {
      if (signal.aborted) {
        throw new NovaDeliveryError('timeout', `no answer within ${this.requestTimeoutMs} ms`, {
          retriable: true,
          cause: error,
        });
      }
      throw new NovaDeliveryError('unreachable', describeNetworkError(error), {
        retriable: true,
        cause: error,
      });
    }
    if (RETRIABLE_STATUSES.has(answer.status)) {
      throw new NovaDeliveryError('http-status', `Nova answered ${answer.status}`, {
        status: answer.status,
        retriable: true,
      });
    }
    return { status: answer.status, body: text };
  }

  private outcomeOf(
    answer: { status: number; body: string },
    attempts: number,
    logFields: Record<string, unknown>,
  ): NovaDeliveryOutcome {
    const { status } = answer;
    if (status === 404) {
      this.logger.debug('Nova knows none of the servers of the events', { ...logFields, status });
      return { kind: 'rejected', status, attempts };
    }
    if (status < 200 || status >= 300) {
      this.logger.error('Nova refused the events', { ...logFields, status, attempts });
      return { kind: 'rejected', status, attempts };
    }
    const answers = parseEventAnswers(answer.body);
    if (answers === null) {
      this.logger.error('Nova took the events but its answer has no per-event codes', {
        ...logFields,
        status,
      });
      return { kind: 'delivered', status, attempts, unhandled: [] };
    }
    const unhandled = answers.filter((event) => event.code !== 200);
    for (const event of unhandled) {
      this.logger.warn('Nova did not handle an event', {
        nova: logFields['nova'],
        requestId: logFields['requestId'],
        name: event.name,
        port: event.tag,
        server: event.server_uuid,
        code: event.code,
      });
    }
    this.logger.debug('Sent events to Nova', { ...logFields, status, attempts });
    return { kind: 'delivered', status, attempts, unhandled };
  }

  /** The wait after try `attempt`: the initial delay, doubled per try, capped. */
  private backOff(attempt: number): number {
    return Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** (attempt - 1));
  }

  /** Waits `delayMs`, or less when `stop` fires. Never rejects. */
  private wait(delayMs: number, stop: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      if (stop?.aborted) return resolve();
      const onStop = (): void => {
        timer.cancel();
        resolve();
      };
      const timer = this.timers.setTimer(delayMs, () => {
        stop?.removeEventListener('abort', onStop);
        resolve();
      });
      stop?.addEventListener('abort', onStop, { once: true });
    });
  }
}

/** The endpoint as a URL: absolute http(s), without credentials (they would reach the logs). */
function parseEndpoint(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NovaNotifierConfigError('url', 'not an absolute URL (such as http://nova:8774/v2.1)');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new NovaNotifierConfigError('url', `must be http or https, not ${parsed.protocol}`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new NovaNotifierConfigError(
      'url',
      'must not hold credentials; give a token as authToken instead',
    );
  }
  return parsed;
}

function checkRetryPolicy(retry: RetryPolicy): void {
  if (!Number.isInteger(retry.attempts) || retry.attempts < 1) {
    throw new NovaNotifierConfigError('retry.attempts', 'must be an integer ≥ 1');
  }
  for (const key of ['initialDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(retry[key]) || retry[key] < 0) {
      throw new NovaNotifierConfigError(`retry.${key}`, 'must be a number of milliseconds ≥ 0');
    }
  }
}

function asDeliveryError(error: unknown): NovaDeliveryError {
  return error instanceof NovaDeliveryError
    ? error
    : new NovaDeliveryError('unreachable', describeNetworkError(error), {
        retriable: true,
        cause: error,
      });
}

/**
 * `fetch failed: connect ECONNREFUSED 127.0.0.1:8774`: the error's message and its cause's (or
 * the cause's code). Errors are read by shape, as they may come from another realm.
 */
function describeNetworkError(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: unknown };
  if (typeof message !== 'string') return String(error);
  const { message: causeMessage, code } = (cause ?? {}) as { message?: unknown; code?: unknown };
  const detail =
    typeof causeMessage === 'string' && causeMessage !== ''
      ? causeMessage
      : typeof code === 'string'
        ? code
        : '';
  return detail === '' ? message : `${message}: ${detail}`;
}

/** The per-event answers of a 200 or 207 body, or null when it has none. */
function parseEventAnswers(body: string): NovaEventAnswer[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const events = (parsed as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return null;
  const answers = events.filter(
    (event): event is NovaEventAnswer => typeof event === 'object' && event !== null,
  );
  return answers.length === events.length && answers.every((event) => 'code' in event)
    ? answers
    : null;
}
