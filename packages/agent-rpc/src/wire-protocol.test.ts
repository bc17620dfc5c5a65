import { PortNotFound } from '@ml2ts/driver-api';
import { AGENT_SERVER_METHODS, type AgentServerApi } from './agent-server-api';
import { RemoteCallError } from './remote-call-error';
import { agentServerClient, dispatchAgentCall, type WireReply } from './wire-protocol';

/** A server whose every method records its request and answers `{ method }`. */
function recordingServer(calls: Array<[string, unknown]>): AgentServerApi {
  const server: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const method of AGENT_SERVER_METHODS) {
    server[method] = async (request) => {
      calls.push([method, request]);
      return { method };
    };
  }
  return server as unknown as AgentServerApi;
}

describe('wire protocol', () => {
  it('routes every method by name through send and dispatch', async () => {
    const calls: Array<[string, unknown]> = [];
    const server = recordingServer(calls);
    const sent: string[] = [];
    const client = agentServerClient(async (method, request) => {
      sent.push(method);
      return dispatchAgentCall(server, method, request);
    });
    for (const method of AGENT_SERVER_METHODS) {
      const call = client[method] as (request: unknown) => Promise<unknown>;
      expect(await call({ device: 'd1' })).toEqual({ method });
    }
    expect(sent).toEqual(AGENT_SERVER_METHODS);
    expect(calls).toEqual(AGENT_SERVER_METHODS.map((method) => [method, { device: 'd1' }]));
  });

  it('answers an unknown method or a malformed request with a BadRequest reply', async () => {
    const server = recordingServer([]);
    const unknown = JSON.parse(await dispatchAgentCall(server, 'dropTables', '{}')) as WireReply;
    expect(unknown).toEqual({
      ok: false,
      error: expect.objectContaining({ type: 'BadRequest', http_status: 400 }),
    });
    const malformed = JSON.parse(
      await dispatchAgentCall(server, 'reportState', '{not json'),
    ) as WireReply;
    expect(malformed).toMatchObject({ ok: false, error: { type: 'BadRequest' } });
  });

  it('turns a server error into RemoteCallError on the client, and keeps null results', async () => {
    const server = {
      ...recordingServer([]),
      updateDeviceUp: async () => {
        throw new PortNotFound('p1');
      },
      reportState: async () => null,
    } as AgentServerApi;
    const client = agentServerClient((method, request) =>
      dispatchAgentCall(server, method, request),
    );
    await expect(client.reportState({ agent_state: {} as never })).resolves.toBeNull();
    const error = await client.updateDeviceUp({ device: 'p1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RemoteCallError);
    expect(error).toMatchObject({
      type: 'PortNotFound',
      httpStatus: 404,
      method: 'updateDeviceUp',
      message: 'Port p1 could not be found.',
    });
  });
});
