import {
  AGENT_SERVER_METHODS,
  type AgentNotification,
  type AgentServerApi,
  type AgentServerMethod,
} from '@ml2ts/agent-rpc';

/**
 * `api` with one addition: a report that was taken (not ignored as stale) and carries the
 * agent's `resource_versions` is told to the other servers as an `agentResourceVersions`
 * notification, after it was handled, as Neutron's servers tell each other. Every other call
 * goes to `api` unchanged. `publish` must not throw.
 */
export function reportingResourceVersions(
  api: AgentServerApi,
  publish: (notification: AgentNotification) => void,
): AgentServerApi {
  const wrapped: Partial<Record<AgentServerMethod, (request: unknown) => Promise<unknown>>> = {};
  for (const method of AGENT_SERVER_METHODS) {
    wrapped[method] = (request) =>
      (api[method] as (request: unknown) => Promise<unknown>).call(api, request);
  }
  const reporting = wrapped as unknown as AgentServerApi;
  reporting.reportState = async (request) => {
    const result = await api.reportState(request);
    const state = request.agent_state;
    const versions = state.resource_versions;
    if (result !== null && versions && Object.keys(versions).length > 0) {
      publish({
        type: 'agentResourceVersions',
        agent_host: state.host,
        agent_type: state.agent_type,
        version_map: Object.fromEntries(
          Object.entries(versions).map(([name, version]) => [name, String(version)]),
        ),
      });
    }
    return result;
  };
  return reporting;
}
