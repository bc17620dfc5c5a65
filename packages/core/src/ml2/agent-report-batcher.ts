import { type IdGenerator, ReportStateResult } from '@ml2ts/driver-api';
import { type AgentStateReport } from '@ml2ts/agent-rpc';
import { isUniqueViolation } from '@ml2ts/store';
import { type AgentHeartbeatRow } from '../repositories/agent-repository';
import { type AgentRepository } from '../repositories/agent-repository';
import { type Repositories } from '../repositories/unit-of-work';

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

/** An agent row as one batch keeps it while it works through its reports. */
interface AgentState extends AgentHeartbeatRow {
  /** The row is in the database (read from it, or inserted by this batch). */
  exists: boolean;
  /** A report of this batch changed the row: it must be written. */
  changed: boolean;
}

/** At most this many reports share one transaction, so other work is never held up for long. */
export const MAX_REPORTS_PER_BATCH = 2000;

/**
 * Coalesces agent heartbeats: reports arriving in the same turn of the event loop (a storm of
 * restarting agents) are written in one transaction per batch; the latest report per agent
 * wins, while each report still gets the exact answer it would have got alone (`new`, `alive`
 * or `revived`, judged at its own arrival time, in arrival order). Nothing that changes an
 * answer is dropped. Nothing is cached between batches: each batch reads its agents' rows, so
 * what other processes did to them counts.
 */
export class AgentReportBatcher {
  private pending: PendingReport[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly repositories: Repositories,
    private readonly ids: IdGenerator,
    private readonly agentDownTimeMs: number,
    private readonly enableNewAgents: boolean,
  ) {}

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
        await this.write(batch);
      } catch {
        // Nothing of the batch was written. Each report is judged alone: written in a
        // transaction of its own, so one that cannot be stored fails by itself.
        for (const item of batch) await this.writeAlone(item).catch(item.reject);
      }
    }
    this.flushing = null;
  }

  /**
   * Writes one report in a transaction of its own. When another process registered the same
   * agent between this report's read and its insert (a unique violation), the report is judged
   * again against that row, once.
   */
  private async writeAlone(item: PendingReport): Promise<void> {
    try {
      await this.write([item]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.write([item]);
    }
  }

  /** Writes `batch` in one transaction and answers its reports; rejects with nothing written. */
  private async write(batch: readonly PendingReport[]): Promise<void> {
    const outcomes = await this.repositories.transaction(async (unit) =>
      this.writeBatch(unit.agents, batch),
    );
    batch.forEach((item, index) => item.resolve(outcomes[index]));
  }

  /**
   * Inside the batch's transaction: reads each agent's row from the database (the table is the
   * truth, whatever another process did since the last batch; an agent's later reports in the
   * same batch reuse the row), judges every report at its own arrival, then writes each changed
   * row once.
   */
  private async writeBatch(
    agents: AgentRepository,
    batch: readonly PendingReport[],
  ): Promise<ReportOutcome[]> {
    const states = new Map<string, AgentState>();
    const outcomes: ReportOutcome[] = [];
    for (const { report, configurations, arrival } of batch) {
      const key = `${report.agent_type}\u0000${report.host}`;
      let state = states.get(key);
      if (!state) {
        const row = await agents.findByTypeAndHost(report.agent_type, report.host);
        if (row) {
          state = { ...row, exists: true, changed: false };
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
    for (const state of states.values()) {
      if (!state.changed) continue;
      // A row another process deleted after it was read here is written again, not lost.
      if (!state.exists || !(await agents.updateHeartbeat(state))) await agents.insert(state);
    }
    return outcomes;
  }
}
