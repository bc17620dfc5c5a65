import {
  AGENT_SERVER_METHODS,
  type AgentServerApi,
  type AgentServerMethod,
  ChannelClosedError,
} from '@ml2ts/agent-rpc';

/**
 * An `AgentServerApi` that forwards every call to the channel `current()` returns at the time of
 * the call, so that an agent's parts can be built before its channel is opened. A call while no
 * channel is open rejects with `ChannelClosedError` naming `host`. Never blocks by itself.
 */
export function deferredAgentServer(
  current: () => AgentServerApi | null,
  host: string,
): AgentServerApi {
  const api: Partial<Record<AgentServerMethod, (request: unknown) => Promise<unknown>>> = {};
  for (const method of AGENT_SERVER_METHODS) {
    api[method] = async (request) => {
      const channel = current();
      if (!channel) throw new ChannelClosedError(host);
      return (channel[method] as (request: unknown) => Promise<unknown>)(request);
    };
  }
  return api as unknown as AgentServerApi;
}
