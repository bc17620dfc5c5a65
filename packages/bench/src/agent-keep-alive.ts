import { type Ml2Plugin } from '@ml2ts/core';
import { agentTimestamp, ovsAgentReport } from './ovs-agent-report';

/** A live OVS agent reports about every 30 s; the benchmark's agent reports more often. */
const HEARTBEAT_INTERVAL_MS = 10_000;

/**
 * The one OVS agent of the binding cases. A long measurement outlasts `agent_down_time`, so
 * `beatIfDue` sends a heartbeat when the last one is `HEARTBEAT_INTERVAL_MS` old, as the real
 * agent would; otherwise ports would fail to bind to a dead agent halfway through.
 */
export class AgentKeepAlive {
  private lastBeat = 0;

  constructor(
    private readonly plugin: Ml2Plugin,
    /** The agent's host. */
    readonly host: string,
  ) {}

  /** The agent's first report (`start_flag`). Runs its own unit of work. */
  async start(): Promise<void> {
    await this.plugin.rpc.reportState(ovsAgentReport(this.host, 1, true), agentTimestamp());
    this.lastBeat = performance.now();
  }

  /**
   * Sends a heartbeat when one is due; otherwise returns at once. Runs its own unit of work.
   * Concurrent callers send one heartbeat between them: the first claims it before it waits.
   */
  async beatIfDue(): Promise<void> {
    const now = performance.now();
    if (now - this.lastBeat < HEARTBEAT_INTERVAL_MS) return;
    this.lastBeat = now;
    await this.plugin.rpc.reportState(ovsAgentReport(this.host, 1, false), agentTimestamp());
  }
}
