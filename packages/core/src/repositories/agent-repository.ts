import { type Agent } from '@ml2ts/store';

/** An agent row as a heartbeat reads and writes it. */
export interface AgentHeartbeatRow {
  id: string;
  agentType: string;
  host: string;
  binary: string;
  topic: string;
  availabilityZone: string | null;
  adminStateUp: boolean;
  createdAt: Date;
  startedAt: Date;
  heartbeat: Date;
  /** Canonical JSON of the reported configurations. */
  configurations: string;
  resourceVersions: string | null;
  load: number;
}

/**
 * The agents table. The table is the truth: every heartbeat reads its row
 * here, so an agent deleted or set admin-down by another process is seen at its next report.
 * One instance serves one unit of work; every method runs inside the caller's transaction and
 * opens none. A throw is the database's error; the caller's unit of work rolls back.
 */
export interface AgentRepository {
  /** The row of the agent of this type on this host, or null. */
  findByTypeAndHost(agentType: string, host: string): Promise<AgentHeartbeatRow | null>;
  /** Inserts a new agent row (description empty). */
  insert(row: AgentHeartbeatRow): Promise<void>;
  /**
   * Writes what a heartbeat changes (binary, topic, availability zone, start and heartbeat
   * times, configurations, resource versions, load). False when the row is gone.
   */
  updateHeartbeat(row: AgentHeartbeatRow): Promise<boolean>;
  /** The agents registered on a host, every type. */
  onHost(host: string): Promise<Agent[]>;
  /** Every agent matching the given criteria, by host and type. */
  list(filter: { readonly host?: string; readonly agentType?: string }): Promise<Agent[]>;
  /** One agent, or null. */
  find(agentId: string): Promise<Agent | null>;
  /** Writes the administrator's switch; false when the agent is gone. */
  setAdminState(agentId: string, adminStateUp: boolean): Promise<boolean>;
  /**
   * Writes the administrator's attributes that `changes` gives (an absent one is left alone);
   * false when the agent is gone.
   */
  updateAdministrative(
    agentId: string,
    changes: { readonly adminStateUp?: boolean; readonly description?: string | null },
  ): Promise<boolean>;
  /** Deletes an agent row; false when it was gone. */
  delete(agentId: string): Promise<boolean>;
}
