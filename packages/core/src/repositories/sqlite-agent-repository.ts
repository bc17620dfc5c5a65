import { type Agent, fromSqliteDatetime, preparedStatement, toSqliteDatetime } from '@ml2ts/store';
import { type AgentHeartbeatRow } from './agent-repository';
import { EntityAgentRepository } from './entity-agent-repository';

interface AgentRow {
  id: string;
  agent_type: string;
  binary: string;
  topic: string;
  host: string;
  availability_zone: string | null;
  admin_state_up: number;
  created_at: string;
  started_at: string;
  heartbeat_timestamp: string;
  description: string | null;
  configurations: string;
  resource_versions: string | null;
  load: number;
}

/**
 * `AgentRepository` on SQLite: heartbeats and the binding's read of a host's agents as prepared
 * statements on the store's single connection; the administrator's reads and writes through the
 * entity manager, as on every database.
 */
export class SqliteAgentRepository extends EntityAgentRepository {
  /** Reports of one batch share their arrival millisecond: each instant is formatted once. */
  private lastInstant = Number.NaN;
  private lastText = '';

  override async findByTypeAndHost(
    agentType: string,
    host: string,
  ): Promise<AgentHeartbeatRow | null> {
    const row = preparedStatement(
      this.manager,
      `SELECT id, "binary", topic, admin_state_up, created_at, started_at, heartbeat_timestamp,
              availability_zone, configurations, resource_versions, load
         FROM agents WHERE agent_type = ? AND host = ?`,
    ).get(agentType, host) as
      | {
          id: string;
          binary: string;
          topic: string;
          admin_state_up: number;
          created_at: string;
          started_at: string;
          heartbeat_timestamp: string;
          availability_zone: string | null;
          configurations: string;
          resource_versions: string | null;
          load: number;
        }
      | undefined;
    if (!row) return null;
    return {
      id: row.id,
      agentType,
      host,
      binary: row.binary,
      topic: row.topic,
      availabilityZone: row.availability_zone,
      adminStateUp: row.admin_state_up === 1,
      createdAt: fromSqliteDatetime(row.created_at),
      startedAt: fromSqliteDatetime(row.started_at),
      heartbeat: fromSqliteDatetime(row.heartbeat_timestamp),
      configurations: row.configurations,
      resourceVersions: row.resource_versions,
      load: row.load,
    };
  }

  override async insert(row: AgentHeartbeatRow): Promise<void> {
    preparedStatement(
      this.manager,
      `INSERT INTO agents (id, agent_type, "binary", topic, host, availability_zone,
         admin_state_up, created_at, started_at, heartbeat_timestamp, description, configurations,
         resource_versions, load)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    ).run(
      row.id,
      row.agentType,
      row.binary,
      row.topic,
      row.host,
      row.availabilityZone,
      row.adminStateUp ? 1 : 0,
      this.datetime(row.createdAt),
      this.datetime(row.startedAt),
      this.datetime(row.heartbeat),
      row.configurations,
      row.resourceVersions,
      row.load,
    );
  }

  override async updateHeartbeat(row: AgentHeartbeatRow): Promise<boolean> {
    const result = preparedStatement(
      this.manager,
      `UPDATE agents SET "binary" = ?, topic = ?, availability_zone = ?, started_at = ?,
         heartbeat_timestamp = ?, configurations = ?, resource_versions = ?, load = ?
       WHERE id = ?`,
    ).run(
      row.binary,
      row.topic,
      row.availabilityZone,
      this.datetime(row.startedAt),
      this.datetime(row.heartbeat),
      row.configurations,
      row.resourceVersions,
      row.load,
      row.id,
    );
    return result.changes === 1;
  }

  override async onHost(host: string): Promise<Agent[]> {
    const rows = preparedStatement(
      this.manager,
      `SELECT id, agent_type, "binary", topic, host, availability_zone, admin_state_up, created_at,
              started_at, heartbeat_timestamp, description, configurations, resource_versions, load
         FROM agents WHERE host = ?`,
    ).all(host) as AgentRow[];
    return rows.map((row) => ({
      id: row.id,
      agentType: row.agent_type,
      binary: row.binary,
      topic: row.topic,
      host: row.host,
      availabilityZone: row.availability_zone,
      adminStateUp: row.admin_state_up === 1,
      createdAt: fromSqliteDatetime(row.created_at),
      startedAt: fromSqliteDatetime(row.started_at),
      heartbeatTimestamp: fromSqliteDatetime(row.heartbeat_timestamp),
      description: row.description,
      configurations: row.configurations,
      resourceVersions: row.resource_versions,
      load: row.load,
    }));
  }

  private datetime(date: Date): string {
    const instant = date.getTime();
    if (instant !== this.lastInstant) {
      this.lastInstant = instant;
      this.lastText = toSqliteDatetime(date);
    }
    return this.lastText;
  }
}
