import { type JobKind, type RestJobKind } from './bench-cases';
import { type LatencySummary } from './statistics';

/** One run of a binding flow (engine or floor) at one size. */
export interface BindingMeasurement {
  kind: 'binding';
  job: JobKind;
  /** Ports created and bound. */
  size: number;
  /** Wall time of the whole loop (create and bind of every port). */
  elapsedMs: number;
  /** `size` / elapsed seconds. */
  portsPerSecond: number;
  /** The bind call: `updatePort` with the host (create-bind) or `createPort` with the host. */
  bindLatencyMs: LatencySummary;
  /** The preceding `createPort` without host (create-bind flows only). */
  createLatencyMs: LatencySummary | null;
}

/** One round of the heartbeat storm. */
export interface StormRound {
  elapsedMs: number;
  reportsPerSecond: number;
}

/** One run of the heartbeat storm. */
export interface StormMeasurement {
  kind: 'storm';
  job: 'heartbeat-storm';
  /** Agents reporting. */
  size: number;
  /** Every agent's first report (`start_flag`), all fired at once. */
  firstReports: StormRound;
  /** Time after the last first report until `agents.list` showed every agent alive. */
  aliveAfterLastReportMs: number;
  /** Time from the storm's start until `agents.list` showed every agent alive. */
  aliveAfterStartMs: number;
  /** The next round: one heartbeat per agent, all fired at once. */
  heartbeats: StormRound;
}

/** One pass of N one-call creates with host, with some concurrency. */
export interface CreatePass {
  /** Wall time from the first request to the last answer. */
  elapsedMs: number;
  /** Ports / elapsed seconds. */
  portsPerSecond: number;
  /** Each create, from its call to its checked answer. */
  latencyMs: LatencySummary;
}

/**
 * One run of a REST job: `size` ports created with host over HTTP by `clients` concurrent
 * keep-alive clients, and, in the same child process before it, the same creates through the
 * library (`createPort` in-process) with the same concurrency, on a database of their own.
 */
export interface RestMeasurement {
  kind: 'rest';
  job: RestJobKind;
  size: number;
  /** Concurrent clients (HTTP connections; in-process callers for the library pass). */
  clients: number;
  /** Over HTTP: each latency from sending the request to the parsed, checked answer. */
  rest: CreatePass;
  /** The library path in the same job: the ratio's denominator. */
  library: CreatePass;
}

/** What one child process measured, with the process's peak resident set size. */
export type Measurement = (BindingMeasurement | StormMeasurement | RestMeasurement) & {
  /** `process.resourceUsage().maxRSS` of the child at the end, in KiB. */
  maxRssKiB: number;
};
