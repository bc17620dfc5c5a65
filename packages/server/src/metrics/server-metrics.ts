import { type EngineEvents } from '@ml2ts/core';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The names of the server's own metrics (the Node process metrics keep their usual names). */
export const METRIC_NAMES = {
  httpRequests: 'ml2ts_http_requests_total',
  httpRequestDuration: 'ml2ts_http_request_duration_seconds',
  portBindings: 'ml2ts_port_bindings_total',
  portBindingFailureReasons: 'ml2ts_port_binding_failure_reasons_total',
  agentReports: 'ml2ts_agent_reports_total',
  portStatusChanges: 'ml2ts_port_status_changes_total',
} as const;

/** Upper bounds of the request latency histogram's buckets, in seconds: 0.5 ms to 5 s. */
export const HTTP_DURATION_BUCKETS_SECONDS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/** The `route` label of a request no route matched (a 404 of an unknown path). */
export const UNMATCHED_ROUTE = 'unmatched';

/** One answered HTTP request, as the request metrics see it. */
export interface ObservedRequest {
  readonly method: string;
  /** The route's pattern (`/v2.0/ports/:id`), `UNMATCHED_ROUTE` when none matched. */
  readonly route: string;
  readonly statusCode: number;
  /** From the request's arrival to its answer. */
  readonly seconds: number;
}

/** What a `ServerMetrics` collects besides its own metrics. */
export interface ServerMetricsOptions {
  /** The Node process metrics (CPU, memory, event loop, GC, handles); default true. */
  readonly processMetrics?: boolean;
}

/**
 * The metrics of one server, in a registry of its own: servers in one process never share a
 * counter. Route and status labels come from route patterns and the engine's bounded vocabularies
 * (outcomes, vif types, reason codes, agent types, port statuses), so their number stays bounded.
 */
export class ServerMetrics {
  /** This server's registry; nothing is registered in prom-client's global one. */
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'method' | 'route' | 'status_code'>;
  private readonly httpDuration: Histogram<'method' | 'route'>;
  private readonly portBindings: Counter<'outcome' | 'vif_type'>;
  private readonly failureReasons: Counter<'reason'>;
  private readonly agentReports: Counter<'agent_type' | 'result'>;
  private readonly statusChanges: Counter<'from' | 'to'>;

  constructor(options: ServerMetricsOptions = {}) {
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: METRIC_NAMES.httpRequests,
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status_code'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: METRIC_NAMES.httpRequestDuration,
      help: 'Time from an HTTP request to its answer, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: [...HTTP_DURATION_BUCKETS_SECONDS],
      registers,
    });
    this.portBindings = new Counter({
      name: METRIC_NAMES.portBindings,
      help: 'Port binding results committed, by outcome (bound, binding_failed) and vif_type.',
      labelNames: ['outcome', 'vif_type'],
      registers,
    });
    this.failureReasons = new Counter({
      name: METRIC_NAMES.portBindingFailureReasons,
      help: 'Failed port bindings by reason code; a failure with several reasons counts under each.',
      labelNames: ['reason'],
      registers,
    });
    this.agentReports = new Counter({
      name: METRIC_NAMES.agentReports,
      help: 'Agent state reports (heartbeats), by agent type and result (new, alive, revived, stale, rejected).',
      labelNames: ['agent_type', 'result'],
      registers,
    });
    this.statusChanges = new Counter({
      name: METRIC_NAMES.portStatusChanges,
      help: 'Port status changes, by the status before and after.',
      labelNames: ['from', 'to'],
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Counts an answered request and its latency. */
  observeRequest(request: ObservedRequest): void {
    const { method, route } = request;
    this.httpRequests.inc({ method, route, status_code: String(request.statusCode) });
    this.httpDuration.observe({ method, route }, request.seconds);
  }

  /** Counts a committed binding result and, for a failure, each of its reasons. */
  countBinding(event: EngineEvents['portBound']): void {
    this.portBindings.inc({ outcome: event.outcome, vif_type: event.vifType });
    if (event.outcome !== 'binding_failed') return;
    for (const reason of event.reasons) this.failureReasons.inc({ reason });
  }

  /** Counts an agent's report and what it was answered (or `stale`, `rejected`). */
  countAgentReport(agentType: string, result: string): void {
    this.agentReports.inc({ agent_type: agentType, result });
  }

  /** Counts a port's status change. */
  countStatusChange(change: EngineEvents['portStatusChanged']): void {
    this.statusChanges.inc({ from: change.from, to: change.to });
  }

  /** The Prometheus text exposition of every metric of this server. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** The content type of `render`'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
