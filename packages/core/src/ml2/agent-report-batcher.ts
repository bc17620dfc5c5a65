import { ReportStateResult } from '@ml2ts/driver-api';
import { fromSqliteDatetime, preparedStatement, type Store, toSqliteDatetime } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { type IdGenerator } from '@ml2ts/driver-api';
import { type AgentStateReport } from '@ml2ts/agent-rpc';

/** One accepted report waiting for its batch. */
interface PendingReport {
  report: AgentStateReport;
  /** Canonical JSON of the reported configurations. */
  configurations: string;
  /** Server time the report arrived: its heartbeat. */
  arrival: Date;
  resolve: (outcome: ReportOutcome) => void;
  reject: (error: unknown) => void;
}

/** What a report did to its agent row. */
export interface ReportOutcome {
  result: ReportStateResult;
  agentId: string;
  adminStateUp: boolean;
}

/** An agent row as the batch keeps it in memory. */
interface AgentState {
  id: string;
  exists: boolean;
  changed: boolean;
  agentType: string;
  host: string;
  binary: string;
  topic: string;
  availabilityZone: string | null;
  adminStateUp: boolean;
  createdAt: Date;
  startedAt: Date;
  heartbeat: Date;
  configurations: string;
  resourceVersions: string | null;
  load: number;
}

/** At most this many reports share one transaction, so other work is never held up for long. */
export const MAX_REPORTS_PER_BATCH = 2000;

/**
 * Coalesces agent heartbeats: reports arriving in the same turn of the event loop (a storm of
 * restarting agents) are written in one transaction per batch with prepared statements; the
 * latest report per agent wins, while each report still gets the exact answer it would have got
 * alone (`new`, `alive` or `revived`, judged at its own arrival time, in arrival order). Nothing
 * that changes an answer is dropped.
 */
export class AgentReportBatcher {
  private pending: PendingReport[] = [];
  private flushing: Promise<void> | null = null;
  /**
   * Agent rows as this process last wrote or read them, so a heartbeat costs one UPDATE. Only
   * the registry writes agent rows; it calls `forget` when it changes one another way.
   */
  private readonly known = new Map<string, AgentState>();

  constructor(
    private readonly store: Store,
    private readonly ids: IdGenerator,
    private readonly agentDownTimeMs: number,
    private readonly enableNewAgents: boolean,
  ) {}

  /** Drops the cached agent rows (after an agent row was changed outside the batches). */
  forget(): void {
    this.known.clear();
  }

  /** Queues a validated report; resolves once its batch is committed. */
  submit(report: AgentStateReport, configurations: string, arrival: Date): Promise<ReportOutcome> {
    return new Promise<ReportOutcome>((resolve, reject) => {
      this.pending.push({ report, configurations, arrival, resolve, reject });
      this.flushing ??= new Promise<void>((started) => setImmediate(started)).then(() =>
        this.drain(),
      );
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_REPORTS_PER_BATCH);
      try {
        const outcomes = await this.store.transaction(async (manager) =>
          this.writeBatch(manager, batch),
        );
        batch.forEach((item, index) => item.resolve(outcomes[index]));
      } catch (error) {
        this.known.clear(); // rows changed in memory were rolled back in the database
        for (const item of batch) item.reject(error);
      }
    }
    this.flushing = null;
  }

  private writeBatch(manager: EntityManager, batch: readonly PendingReport[]): ReportOutcome[] {
    const select = preparedStatement(
      manager,
      `SELECT id, admin_state_up, created_at, started_at, heartbeat_timestamp, availability_zone,
              resource_versions, load
         FROM agents WHERE agent_type = ? AND host = ?`,
    );
    const states = new Map<string, AgentState>();
    const outcomes: ReportOutcome[] = [];
    for (const { report, configurations, arrival } of batch) {
      const key = `${report.agent_type}\u0000${report.host}`;
      let state = states.get(key) ?? this.known.get(key);
      if (state) {
        states.set(key, state);
      } else {
        const row = select.get(report.agent_type, report.host) as
          | {
              id: string;
              admin_state_up: number;
              created_at: string;
              started_at: string;
              heartbeat_timestamp: string;
              availability_zone: string | null;
              resource_versions: string | null;
              load: number;
            }
          | undefined;
        if (row) {
          state = {
            id: row.id,
            exists: true,
            changed: false,
            agentType: report.agent_type,
            host: report.host,
            binary: report.binary,
            topic: report.topic,
            availabilityZone: row.availability_zone,
            adminStateUp: row.admin_state_up === 1,
            createdAt: fromSqliteDatetime(row.created_at),
            startedAt: fromSqliteDatetime(row.started_at),
            heartbeat: fromSqliteDatetime(row.heartbeat_timestamp),
            configurations,
            resourceVersions: row.resource_versions,
            load: row.load,
          };
          states.set(key, state);
        }
      }
      let result: ReportStateResult;
      if (!state) {
        state = {
          id: this.ids.uuid(),
          exists: false,
          changed: true,
          agentType: report.agent_type,
          host: report.host,
          binary: report.binary,
          topic: report.topic,
          availabilityZone: report.availability_zone ?? null,
          adminStateUp: this.enableNewAgents,
          createdAt: arrival,
          startedAt: arrival,
          heartbeat: arrival,
          configurations,
          resourceVersions:
            report.resource_versions !== undefined
              ? JSON.stringify(report.resource_versions)
              : null,
          load: report.load ?? 0,
        };
        states.set(key, state);
        result = ReportStateResult.NEW;
      } else {
        const alive = arrival.getTime() - state.heartbeat.getTime() <= this.agentDownTimeMs;
        result = alive ? ReportStateResult.ALIVE : ReportStateResult.REVIVED;
        state.changed = true;
        state.binary = report.binary;
        state.topic = report.topic;
        state.configurations = configurations;
        if (report.availability_zone !== undefined)
          state.availabilityZone = report.availability_zone;
        if (report.resource_versions !== undefined) {
          state.resourceVersions = JSON.stringify(report.resource_versions);
        }
        if (report.load !== undefined) state.load = report.load;
        state.heartbeat = arrival;
        if (report.start_flag) state.startedAt = arrival;
      }
      outcomes.push({ result, agentId: state.id, adminStateUp: state.adminStateUp });
    }
    const insert = preparedStatement(
      manager,
      `INSERT INTO agents (id, agent_type, "binary", topic, host, availability_zone, admin_state_up,
         created_at, started_at, heartbeat_timestamp, description, configurations, resource_versions, load)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    );
    const update = preparedStatement(
      manager,
      `UPDATE agents SET "binary" = ?, topic = ?, availability_zone = ?, started_at = ?,
         heartbeat_timestamp = ?, configurations = ?, resource_versions = ?, load = ?
       WHERE id = ?`,
    );
    // Reports of one turn share their arrival millisecond: format each instant once.
    let lastInstant = Number.NaN;
    let lastText = '';
    const datetime = (date: Date): string => {
      const instant = date.getTime();
      if (instant !== lastInstant) {
        lastInstant = instant;
        lastText = toSqliteDatetime(date);
      }
      return lastText;
    };
    for (const [key, state] of states) {
      this.known.set(key, state);
      if (!state.changed) continue;
      state.changed = false;
      if (state.exists) {
        update.run(
          state.binary,
          state.topic,
          state.availabilityZone,
          datetime(state.startedAt),
          datetime(state.heartbeat),
          state.configurations,
          state.resourceVersions,
          state.load,
          state.id,
        );
      } else {
        insert.run(
          state.id,
          state.agentType,
          state.binary,
          state.topic,
          state.host,
          state.availabilityZone,
          state.adminStateUp ? 1 : 0,
          datetime(state.createdAt),
          datetime(state.startedAt),
          datetime(state.heartbeat),
          state.configurations,
          state.resourceVersions,
          state.load,
        );
        state.exists = true;
      }
    }
    return outcomes;
  }
}
