import { AgentNotFound } from '@ml2ts/driver-api';
import { type ApiDependencies } from '../api-dependencies';
import { agentDescription } from '../query';
import { policyNotAuthorized, readOnlyAttribute } from '../errors';
import { type RequestContext } from '../http/request-context';
import { presentAgent } from '../presenters/present-agent';
import { type ResourceCollection } from '../routes/resource-routes';
import { couldBeId } from './visibility';

/** Agents are an admin's business (Neutron's default policy): others get a 403. */
function adminOnly(action: string, context: RequestContext): void {
  if (!context.isAdmin) throw policyNotAuthorized(action);
}

/** What `PUT /v2.0/agents/<id>` may change. */
const UPDATABLE = ['admin_state_up', 'description'];

/**
 * `/v2.0/agents`: the agents that reported (no POST: agents appear by reporting), with their
 * liveness on the server clock; admins may switch `admin_state_up`, set `description` and
 * delete an agent.
 */
export function agentsCollection({ plugin }: ApiDependencies): ResourceCollection {
  const find = async (id: string, context: RequestContext) => {
    adminOnly('get_agent', context);
    if (!couldBeId(id)) throw new AgentNotFound(id);
    return presentAgent(await plugin.agents.get(id));
  };
  return {
    singular: 'agent',
    plural: 'agents',
    description: agentDescription,
    async list(context) {
      adminOnly('get_agent', context);
      return (await plugin.agents.list()).map(presentAgent);
    },
    show: find,
    async update(id, attributes, context) {
      adminOnly('update_agent', context);
      const unknown = Object.keys(attributes).filter((key) => !UPDATABLE.includes(key));
      if (unknown.length > 0) throw readOnlyAttribute(unknown[0]);
      if (!couldBeId(id)) throw new AgentNotFound(id);
      return presentAgent(await plugin.agents.update(id, attributes));
    },
    async remove(id, context) {
      adminOnly('delete_agent', context);
      if (!couldBeId(id)) throw new AgentNotFound(id);
      await plugin.agents.delete(id);
    },
  };
}
