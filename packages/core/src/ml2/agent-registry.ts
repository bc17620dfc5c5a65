import {
  AgentNotFound,
  type AgentUpdateRequest,
  type AgentView,
  type Clock,
  InvalidAttribute,
  type Logger,
  ReportStateResult,
} from '@ml2ts/driver-api';
import { type AgentStateReport } from '@ml2ts/agent-rpc';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';
import { canonicalJson } from '../support/canonical-json';
import { type IdGenerator } from '@ml2ts/driver-api';
import {
  agentListFilterRule,
  type CheckedAgentState,
  agentStateRule,
  agentTimeRule,
  agentUpdateRule,
  booleanRule,
  optionalArgument,
  resourceIdRule,
  withDefault,
} from '../validation';
import { AgentReportBatcher } from './agent-report-batcher';
import { OPERATION_LOGGER, parameter, publicOperation } from './public-operation';
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
 * administrator's operations on agents. Every method is a `@publicOperation`: arguments are
 * checked before any database work (400 naming the attribute), anything unforeseen is a 500
 * `InternalServerError` naming the operation.
 */
export class AgentRegistry {
  /** The engine's logger, which the operation guard reports unexpected errors to. */
  readonly [OPERATION_LOGGER]: Logger;
  /** Reports whose agent time is older than this are stale and ignored. */
  private readonly serverStartedAt: Date;
  private readonly batcher: AgentReportBatcher;

  constructor(
    private readonly repositories: Repositories,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly logger: Logger,
    private readonly agentDownTime: number,
    private readonly enableNewAgents: boolean,
    private readonly listener: AgentReportListener | null,
  ) {
    this[OPERATION_LOGGER] = logger;
    this.serverStartedAt = clock.now();
    this.batcher = new AgentReportBatcher(repositories, ids, agentDownTime * 1000, enableNewAgents);
  }

  /**
   * Handles one `report_state`. Returns `new`, `alive` or `revived`, or null when the report is
   * stale (its `time` is older than the server's start) and was ignored. The heartbeat time is
   * the server's clock at arrival, never `time`. Reports arriving together are written in one
   * batch (see `AgentReportBatcher`). Throws `InvalidAttribute` (400) for a malformed report
   * (see `agentStateRule`: unknown keys, wrong types, oversized values) or `time`; nothing is
   * written then.
   */
  @publicOperation(
    'report_state',
    parameter('agent_state', agentStateRule),
    parameter('time', optionalArgument(agentTimeRule)),
  )
  async reportState(
    report: AgentStateReport | CheckedAgentState,
    time?: string,
  ): Promise<ReportStateResult | null> {
    const configurations = canonicalJson(report.configurations ?? {});
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
    // The batcher stores a null availability_zone as "no zone", as it stores an absent one.
    const outcome = await this.batcher.submit(report as AgentStateReport, configurations, now);
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
  private async writeAgentRow(work: (unit: UnitOfWork) => Promise<void>): Promise<void> {
    await this.repositories.transaction(work);
  }

  /** Every agent, with liveness computed now; an unknown filter key is a 400. */
  @publicOperation('list_agents', parameter('', withDefault({}, agentListFilterRule)))
  async list(filter: { host?: string; agentType?: string } = {}): Promise<AgentView[]> {
    const rows = await this.repositories.read((unit) => unit.agents.list(filter));
    const now = this.clock.now();
    return rows.map((row) => toAgentView(row, now, this.agentDownTime));
  }

  /** One agent; throws `AgentNotFound` (404). */
  @publicOperation('get_agent', parameter('agent_id', resourceIdRule))
  async get(agentId: string): Promise<AgentView> {
    const row = await this.repositories.read((unit) => unit.agents.find(agentId));
    if (!row) throw new AgentNotFound(agentId);
    return toAgentView(row, this.clock.now(), this.agentDownTime);
  }

  /**
   * The administrator's switch. Binding ignores it: only liveness counts, as in Neutron.
   * Throws `AgentNotFound` (404).
   */
  @publicOperation(
    'update_agent',
    parameter('agent_id', resourceIdRule),
    parameter('admin_state_up', booleanRule),
  )
  async setAdminState(agentId: string, adminStateUp: boolean): Promise<AgentView> {
    await this.writeAgentRow(async (unit) => {
      if (!(await unit.agents.setAdminState(agentId, adminStateUp))) {
        throw new AgentNotFound(agentId);
      }
    });
    return this.get(agentId);
  }

  /**
   * The administrator's update: `admin_state_up` (binding ignores it, as in Neutron) and
   * `description` (null clears it); an absent attribute is left alone. Throws `AgentNotFound`
   * (404), or `InvalidAttribute` (400) for any other attribute, before anything is written.
   */
  @publicOperation(
    'update_agent',
    parameter('agent_id', resourceIdRule),
    parameter('', agentUpdateRule),
  )
  async update(agentId: string, request: AgentUpdateRequest): Promise<AgentView> {
    await this.writeAgentRow(async (unit) => {
      const changes = { adminStateUp: request.admin_state_up, description: request.description };
      if (!(await unit.agents.updateAdministrative(agentId, changes))) {
        throw new AgentNotFound(agentId);
      }
    });
    return this.get(agentId);
  }

  /** Removes an agent row; throws `AgentNotFound` (404). */
  @publicOperation('delete_agent', parameter('agent_id', resourceIdRule))
  async delete(agentId: string): Promise<void> {
    await this.writeAgentRow(async (unit) => {
      if (!(await unit.agents.delete(agentId))) throw new AgentNotFound(agentId);
    });
  }
}

/** Agents send UTC `%Y-%m-%dT%H:%M:%S.%f` without a zone. */
function parseAgentTime(time: string): Date {
  const withZone = /[zZ]|[+-]\d\d:\d\d$/.test(time) ? time : `${time}Z`;
  const parsed = new Date(withZone.replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(parsed.getTime())) {
    throw new InvalidAttribute('time', `time '${time}' is not an ISO 8601 UTC timestamp`);
  }
  return parsed;
}
