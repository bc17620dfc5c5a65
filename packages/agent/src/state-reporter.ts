import { type Logger, ReportStateResult } from '@ml2ts/driver-api';
import { type AgentServerApi, type AgentStateReport } from '@ml2ts/agent-rpc';
import { type IdGenerator, type RandomSource } from '@ml2ts/driver-api';
import { type AgentObserver } from './agent-event';
import { formatAgentTime } from './format-agent-time';
import { type ReportSchedule } from './report-schedule';
import { type Scheduler, type TimerHandle } from './scheduler';

/** What one report achieved. */
export type ReportOutcome =
  { sent: true; status: ReportStateResult | null } | { sent: false; error: unknown };

/** What a `StateReporter` is built from. */
export interface StateReporterParts {
  server: AgentServerApi;
  schedule: ReportSchedule;
  scheduler: Scheduler;
  random: RandomSource;
  ids: IdGenerator;
  logger: Logger;
  observer: AgentObserver;
  /** `call` reacts to `revived`; `cast` (SR-IOV) never sees the answer. */
  mode: 'call' | 'cast';
  /** The agent's state, rebuilt before each report (fresh configurations and device count). */
  state: () => AgentStateReport;
  /** Sent with every report until one succeeds. */
  resourceVersions: Readonly<Record<string, string>>;
  /** Checked after each successful report: once true, `start_flag` is no longer sent. */
  isStarted: () => boolean;
  /** The server answered `revived` (call mode only): the agent must resync all its devices. */
  onRevived: () => void;
}

/**
 * The agent's heartbeat: `report_state` with `start_flag` until the agent is started
 * and a report succeeded, `resource_versions` until a report succeeded, a fresh `uuid` each time
 * and the agent's clock as `time`. Runs on the scheduler: first report after the schedule's
 * initial delay, then every interval (± jitter) measured from the previous report's start; never
 * two at once. A failed report is logged and the next tick tries again.
 */
export class StateReporter {
  private startFlag = true;
  private resourceVersionsSent = false;
  private failing = false;
  private timer: TimerHandle | null = null;
  private stopped = false;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(private readonly parts: StateReporterParts) {}

  /** True while reports carry `start_flag`. */
  get sendsStartFlag(): boolean {
    return this.startFlag;
  }

  /** Starts the timer (nothing when `report_interval` is 0). Never blocks. */
  start(): void {
    if (!this.parts.schedule.enabled || this.stopped || this.timer) return;
    this.arm(this.parts.schedule.initialDelay(this.parts.random));
  }

  /** Stops the timer and waits for a report in flight. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    await this.inFlight;
  }

  /** Sends one report now, outside the schedule (which is not moved). Never rejects. */
  reportNow(): Promise<ReportOutcome> {
    const report = this.inFlight.then(() => this.report());
    this.inFlight = report;
    return report;
  }

  private arm(delayMs: number): void {
    this.timer = this.parts.scheduler.setTimer(delayMs, () => this.tick());
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    const started = this.parts.scheduler.now().getTime();
    await this.reportNow();
    if (this.stopped) return;
    const elapsed = this.parts.scheduler.now().getTime() - started;
    this.arm(Math.max(0, this.parts.schedule.nextInterval(this.parts.random) - elapsed));
  }

  private async report(): Promise<ReportOutcome> {
    const { parts } = this;
    let state: AgentStateReport | undefined;
    let status: ReportStateResult | null;
    try {
      state = { ...parts.state(), uuid: parts.ids.uuid() };
      if (this.startFlag) state.start_flag = true;
      if (!this.resourceVersionsSent) state.resource_versions = { ...parts.resourceVersions };
      status = await parts.server.reportState({
        agent_state: state,
        time: formatAgentTime(parts.scheduler.now()),
      });
    } catch (error) {
      this.failing = true;
      parts.logger.error('Failed reporting state!', { host: state?.host, error: String(error) });
      parts.observer({ type: 'reportFailed', at: parts.scheduler.now(), error: String(error) });
      return { sent: false, error };
    }
    if (this.failing) {
      this.failing = false;
      parts.logger.info('Successfully reported state after a previous failure.', {
        host: state.host,
      });
    }
    this.resourceVersionsSent = true;
    if (this.startFlag && parts.isStarted()) this.startFlag = false;
    parts.observer({
      type: 'reported',
      at: parts.scheduler.now(),
      status: parts.mode === 'call' ? status : null,
      startFlag: state.start_flag === true,
    });
    if (parts.mode === 'call' && status === ReportStateResult.REVIVED) {
      parts.logger.info('Agent has just been revived. Doing a full sync.', { host: state.host });
      parts.onRevived();
    }
    return { sent: true, status: parts.mode === 'call' ? status : null };
  }
}
