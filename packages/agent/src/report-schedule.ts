import { ConfigurationError } from '@ml2ts/driver-api';
import { type RandomSource } from '@ml2ts/driver-api';

/** Neutron's default `report_interval`, seconds. */
export const DEFAULT_REPORT_INTERVAL = 30;
/** Neutron's default `agent_down_time` (the server's liveness window), seconds. */
export const DEFAULT_AGENT_DOWN_TIME = 75;

/** How the agent spreads its reports. All values in seconds. */
export interface ReportTiming {
  /** `report_interval`: 30 by default; 0 disables reporting. */
  reportInterval?: number;
  /** The server's `agent_down_time` (75 by default): bounds the jitter. */
  agentDownTime?: number;
  /** Upper bound of the random delay before the first report. */
  initialReportDelayMax?: number;
  /** Upper bound of the random offset (±) added to each interval. */
  reportJitterMax?: number;
}

/**
 * When an agent reports. A deliberate deviation from Neutron, whose agents report at
 * fixed intervals from start-up, so agents that start together report together forever: ml2ts
 * agents wait a random delay in [0, `initialReportDelayMax`] before the first report, and each
 * later interval is `reportInterval` ± a random offset of at most `reportJitterMax`.
 *
 * Both bounds are at most a quarter of the margin `agentDownTime − reportInterval`, so the
 * longest gap between two reports (`reportInterval + reportJitterMax`) stays well inside the
 * liveness window, and a quickly restarted agent is back before it looks dead. Defaults:
 * `min(reportInterval / 2, margin / 4)` for the initial delay (11.25 s with 30 s / 75 s) and
 * `min(reportInterval / 10, margin / 4)` for the jitter (3 s); no jitter when the margin is 0.
 */
export class ReportSchedule {
  /** `report_interval` in milliseconds (0: reporting disabled). */
  readonly intervalMs: number;
  /** Upper bound of the initial delay, milliseconds. */
  readonly initialDelayMaxMs: number;
  /** Upper bound of the per-interval offset (±), milliseconds. */
  readonly jitterMaxMs: number;

  /** Throws `ConfigurationError` for a negative value or a bound above the allowed maximum. */
  constructor(timing: ReportTiming = {}) {
    const interval = timing.reportInterval ?? DEFAULT_REPORT_INTERVAL;
    const downTime = timing.agentDownTime ?? DEFAULT_AGENT_DOWN_TIME;
    nonNegative('reportInterval', interval);
    if (!Number.isFinite(downTime) || downTime <= 0) {
      throw new ConfigurationError('agentDownTime', downTime, 'must be a number of seconds > 0');
    }
    const bound = Math.max(0, (downTime - interval) / 4);
    const initial = timing.initialReportDelayMax ?? Math.min(interval / 2, bound);
    const jitter = timing.reportJitterMax ?? Math.min(interval / 10, bound);
    withinBound('initialReportDelayMax', initial, bound, downTime, interval);
    withinBound('reportJitterMax', jitter, bound, downTime, interval);
    if (jitter > interval / 2) {
      throw new ConfigurationError(
        'reportJitterMax',
        jitter,
        `must be at most half of reportInterval (${interval / 2} s)`,
      );
    }
    this.intervalMs = Math.round(interval * 1000);
    this.initialDelayMaxMs = Math.round(initial * 1000);
    this.jitterMaxMs = Math.round(jitter * 1000);
  }

  /** False when `report_interval` is 0. */
  get enabled(): boolean {
    return this.intervalMs > 0;
  }

  /** A random delay before the first report, in [0, initialDelayMaxMs]. */
  initialDelay(random: RandomSource): number {
    return random.nextInt(this.initialDelayMaxMs + 1);
  }

  /** The time from one report's start to the next: interval ± jitter, milliseconds. */
  nextInterval(random: RandomSource): number {
    return this.intervalMs + random.nextInt(2 * this.jitterMaxMs + 1) - this.jitterMaxMs;
  }
}

function nonNegative(option: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigurationError(option, value, 'must be a number of seconds ≥ 0');
  }
}

function withinBound(
  option: string,
  value: number,
  bound: number,
  downTime: number,
  interval: number,
): void {
  nonNegative(option, value);
  if (value > bound) {
    throw new ConfigurationError(
      option,
      value,
      `must be at most (agentDownTime ${downTime} − reportInterval ${interval}) / 4 = ${bound} s, so reports stay well inside the liveness window`,
    );
  }
}
