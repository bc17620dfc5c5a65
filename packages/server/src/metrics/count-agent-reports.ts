import { type AgentRpc } from '@ml2ts/core';
import { AgentType } from '@ml2ts/driver-api';

/** The result label of a report the engine ignored as stale (it answered null). */
export const STALE_REPORT = 'stale';
/** The result label of a report the engine rejected (it threw). */
export const REJECTED_REPORT = 'rejected';
/** The agent type label of a rejected report whose type is none of the known ones. */
export const OTHER_AGENT_TYPE = 'other';

/** Told of every report: the agent's type and the result label. */
export type AgentReportCounter = (agentType: string, result: string) => void;

const KNOWN_AGENT_TYPES: readonly string[] = Object.values(AgentType);

/**
 * Counts the agents' state reports at the server: the engine emits no event for them, so this
 * wraps `rpc.reportState` (on the instance, which every in-process caller and agent transport
 * goes through) and tells `count` of each report once it is answered: `new`, `alive` or
 * `revived`, `stale` for an ignored report, `rejected` for one that threw (its type then
 * `other` unless it is a known agent type, to keep the labels bounded). The report's answer and
 * errors pass through unchanged. Returns the function that stops counting; wrappers stacked
 * later (another server over the same engine) keep working after it.
 */
export function countAgentReports(rpc: AgentRpc, count: AgentReportCounter): () => void {
  const hadOwn = Object.prototype.hasOwnProperty.call(rpc, 'reportState');
  const previous = rpc.reportState;
  let counting = true;
  const wrapper: AgentRpc['reportState'] = async (report, time) => {
    let result: Awaited<ReturnType<AgentRpc['reportState']>>;
    try {
      result = await previous.call(rpc, report, time);
    } catch (error) {
      if (counting) count(rejectedAgentType(report), REJECTED_REPORT);
      throw error;
    }
    if (counting) count(String(report.agent_type), result ?? STALE_REPORT);
    return result;
  };
  rpc.reportState = wrapper;
  return () => {
    counting = false;
    if (rpc.reportState !== wrapper) return;
    if (hadOwn) rpc.reportState = previous;
    else delete (rpc as Partial<Pick<AgentRpc, 'reportState'>>).reportState;
  };
}

function rejectedAgentType(report: unknown): string {
  const type = (report as { agent_type?: unknown } | null | undefined)?.agent_type;
  return typeof type === 'string' && KNOWN_AGENT_TYPES.includes(type) ? type : OTHER_AGENT_TYPE;
}
