import { type AgentView } from '@ml2ts/driver-api';
import { agentTime } from './neutron-time';

/** An agent as `GET /v2.0/agents` shows it (Neutron's `agent` extension). */
export type AgentBody = {
  id: string;
  agent_type: string;
  binary: string;
  host: string;
  topic: string;
  admin_state_up: boolean;
  alive: boolean;
  availability_zone: string | null;
  configurations: Record<string, unknown>;
  created_at: string;
  started_at: string;
  heartbeat_timestamp: string;
  description: string | null;
  resources_synced: boolean | null;
};

/** The agent's API body; liveness is the engine's, computed when the agent was read. */
export function presentAgent(agent: AgentView): AgentBody {
  const stored = agent as AgentView & {
    availabilityZone?: string | null;
    description?: string | null;
    resourcesSynced?: boolean | null;
  };
  return {
    admin_state_up: agent.adminStateUp,
    agent_type: agent.agentType,
    alive: agent.alive,
    availability_zone: stored.availabilityZone ?? null,
    binary: agent.binary,
    configurations: { ...agent.configurations },
    created_at: agentTime(agent.createdAt),
    description: stored.description ?? null,
    heartbeat_timestamp: agentTime(agent.heartbeatTimestamp),
    host: agent.host,
    id: agent.id,
    resources_synced: stored.resourcesSynced ?? null,
    started_at: agentTime(agent.startedAt),
    topic: agent.topic,
  };
}
