/** The `agent_state` an L2 agent reports on every heartbeat. */
export interface AgentStateReport {
  agent_type: string;
  binary: string;
  host: string;
  topic: string;
  configurations?: Record<string, unknown>;
  /** Set until the agent considers itself started; resets `started_at`. */
  start_flag?: boolean;
  resource_versions?: Record<string, unknown>;
  availability_zone?: string;
  load?: number;
  /** Per-report id, for log correlation only. */
  uuid?: string;
}
