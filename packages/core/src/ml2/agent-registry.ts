import {
  AgentNotFound,
  type AgentView,
  type Clock,
  InvalidInput,
  Limits,
  type Logger,
  ReportStateResult,
} from '@ml2ts/driver-api';
import { type AgentStateReport } from '@ml2ts/agent-rpc';
import { Agent, type Store } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { canonicalJson } from '../support/canonical-json';
import { type IdGenerator } from '@ml2ts/driver-api';
import { AgentReportBatcher } from './agent-report-batcher';
import { toAgentView } from './view-mappers';

/** The agent a report was about, as the report listener sees it. */
export interface ReportedAgent {
  agentId: string;
  agentType: string;
  host: string;
  adminStateUp: boolean;
}

/**
 * Called after a report's batch was committed, outside any transaction, before `reportState`
 * resolves. May block (revival rebinding does).
 */
export type AgentReportListener = (
  agent: ReportedAgent,
  result: ReportStateResult,
) => void | Promise<void>;

/**
 * The agents table: heartbeats, liveness on the server clock, and the
 * administrator's operations on agents.
 */
export class AgentRegistry {
  /** Reports whose agent time is older than this are stale and ignored. */
  private readonly serverStartedAt: Date;
  private readonly batcher: AgentReportBatcher;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly logger: Logger,
    private readonly agentDownTime: number,
    private readonly enableNewAgents: boolean,
    private readonly listener: AgentReportListener | null,
  ) {
    this.serverStartedAt = clock.now();
    this.batcher = new AgentReportBatcher(store, ids, agentDownTime * 1000, enableNewAgents);
  }

  /**
   * Handles one `report_state`. Returns `new`, `alive` or `revived`, or null when the report is
   * stale (its `time` is older than the server's start) and was ignored. The heartbeat time is
   * the server's clock at arrival, never `time`. Reports arriving together are written in one
   * batch (see `AgentReportBatcher`). Throws `InvalidInput` for a malformed report.
   */
  async reportState(report: AgentStateReport, time?: string): Promise<ReportStateResult | null> {
    const configurations = validateReport(report);
    const now = this.clock.now();
    if (time !== undefined) {
      const agentTime = parseAgentTime(time);
      if (
        report.start_flag &&
        Math.abs(now.getTime() - agentTime.getTime()) > this.agentDownTime * 1000
      ) {
        this.logger.error(
          'Agent clock differs from the server clock by more than agent_down_time',
          {
            host: report.host,
            agentType: report.agent_type,
            agentTime: time,
          },
        );
      }
      if (agentTime.getTime() < this.serverStartedAt.getTime()) {
        this.logger.debug('Ignoring a stale agent report', { host: report.host, time });
        return null;
      }
    }
    const outcome = await this.batcher.submit(report, configurations, now);
    if (this.listener) {
      await this.listener(
        {
          agentId: outcome.agentId,
          agentType: report.agent_type,
          host: report.host,
          adminStateUp: outcome.adminStateUp,
        },
        outcome.result,
      );
    }
    return outcome.result;
  }

  /** A write to an agent row outside the heartbeat batches, in a transaction of its own. */
  private async writeAgentRow(work: (manager: EntityManager) => Promise<void>): Promise<void> {
    await this.store.transaction(work);
  }

  /** Every agent, with liveness computed now. */
  async list(filter: { host?: string; agentType?: string } = {}): Promise<AgentView[]> {
    const where: Partial<Pick<Agent, 'host' | 'agentType'>> = {};
    if (filter.host !== undefined) where.host = filter.host;
    if (filter.agentType !== undefined) where.agentType = filter.agentType;
    const rows = await this.store.read((manager) =>
      manager.find(Agent, { where, order: { host: 'ASC', agentType: 'ASC' } }),
    );
    const now = this.clock.now();
    return rows.map((row) => toAgentView(row, now, this.agentDownTime));
  }

  /** One agent; throws `AgentNotFound` (404). */
  async get(agentId: string): Promise<AgentView> {
    const row = await this.store.read((manager) =>
      manager.findOne(Agent, { where: { id: agentId } }),
    );
    if (!row) throw new AgentNotFound(agentId);
    return toAgentView(row, this.clock.now(), this.agentDownTime);
  }

  /** The administrator's switch. Binding ignores it: only liveness counts, as in Neutron. */
  async setAdminState(agentId: string, adminStateUp: boolean): Promise<AgentView> {
    await this.writeAgentRow(async (manager) => {
      const result = await manager.update(Agent, { id: agentId }, { adminStateUp });
      if (!result.affected) throw new AgentNotFound(agentId);
    });
    return this.get(agentId);
  }

  /** Removes an agent row; throws `AgentNotFound` (404). */
  async delete(agentId: string): Promise<void> {
    await this.writeAgentRow(async (manager) => {
      const result = await manager.delete(Agent, { id: agentId });
      if (!result.affected) throw new AgentNotFound(agentId);
    });
  }
}

/** Checks a report and returns its configurations as canonical JSON. */
function validateReport(report: AgentStateReport): string {
  if (report === null || typeof report !== 'object') {
    throw new InvalidInput('agent_state must be an object');
  }
  for (const key of ['agent_type', 'binary', 'host', 'topic'] as const) {
    if (typeof report[key] !== 'string' || report[key] === '') {
      throw new InvalidInput(`agent_state.${key} must be a non-empty string`);
    }
  }
  const configurations: unknown = report.configurations ?? {};
  if (typeof configurations !== 'object' || Array.isArray(configurations)) {
    throw new InvalidInput('agent_state.configurations must be a JSON object');
  }
  const serialized = canonicalJson(configurations);
  if (serialized.length > Limits.MAX_AGENT_CONFIGURATIONS_LENGTH) {
    throw new InvalidInput(
      `agent_state.configurations exceeds ${Limits.MAX_AGENT_CONFIGURATIONS_LENGTH} characters`,
    );
  }
  return serialized;
}

/** Agents send UTC `%Y-%m-%dT%H:%M:%S.%f` without a zone. */
function parseAgentTime(time: string): Date {
  const withZone = /[zZ]|[+-]\d\d:\d\d$/.test(time) ? time : `${time}Z`;
  const parsed = new Date(withZone.replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(parsed.getTime())) {
    throw new InvalidInput(`time '${time}' is not an ISO 8601 UTC timestamp`);
  }
  return parsed;
}
