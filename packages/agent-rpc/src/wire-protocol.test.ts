import { PortNotFound } from '@ml2ts/driver-api';
import { AGENT_SERVER_METHODS, type AgentServerApi } from './agent-server-api';
import { RemoteCallError } from './remote-call-error';
import { type RpcClient } from './rpc-client';
import {
  AGENT_RPC_VERSION,
  isCompatibleVersion,
  type RpcReplyEnvelope,
  type RpcRequestEnvelope,
} from './rpc-envelope';
import { agentServerClient, dispatchRequest, encodeRequest } from './wire-protocol';

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

/** A client that dispatches every call straight to `server` through the envelopes. */
function directClient(server: AgentServerApi, version = AGENT_RPC_VERSION): RpcClient {
  const ids = { uuid: () => 'req-1', macAddress: () => '' };
  return {
    connect: async () => undefined,
    call: async (method, args) => {
      const reply = await dispatchRequest(
        server,
        encodeRequest(method, args, 'call', ids, version),
      );
      const envelope = JSON.parse(reply as string) as RpcReplyEnvelope;
      if (!envelope.ok) throw new RemoteCallError(method, envelope.error);
      return envelope.result;
    },
    cast: async () => undefined,
    close: async () => undefined,
  };
}

async function reply(server: AgentServerApi, request: unknown): Promise<RpcReplyEnvelope> {
  const json = typeof request === 'string' ? request : JSON.stringify(request);
  return JSON.parse((await dispatchRequest(server, json)) as string) as RpcReplyEnvelope;
}

describe('wire protocol', () => {
  it('puts method, version, request id, kind and arguments in the envelope', () => {
    const ids = { uuid: () => 'id-7', macAddress: () => '' };
    const envelope = JSON.parse(
      encodeRequest(
        'reportState',
        { at: new Date(Date.UTC(2026, 0, 1)), gone: undefined },
        'call',
        ids,
      ),
    ) as RpcRequestEnvelope;
    expect(envelope).toEqual({
      method: 'reportState',
      version: AGENT_RPC_VERSION,
      request_id: 'id-7',
      kind: 'call',
      args: { at: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('routes every method by name through the client and the dispatcher', async () => {
    const calls: Array<[string, unknown]> = [];
    const client = agentServerClient(directClient(recordingServer(calls)));
    for (const method of AGENT_SERVER_METHODS) {
      const call = client[method] as (request: unknown) => Promise<unknown>;
      expect(await call({ device: 'd1' })).toEqual({ method });
    }
    expect(calls).toEqual(AGENT_SERVER_METHODS.map((method) => [method, { device: 'd1' }]));
  });

  it('answers the request id it was given', async () => {
    const answer = await reply(recordingServer([]), {
      method: 'describeDevice',
      version: '1.0',
      request_id: 'abc',
      kind: 'call',
      args: {},
    });
    expect(answer).toEqual({ request_id: 'abc', ok: true, result: { method: 'describeDevice' } });
  });

  it('answers an unknown method, a missing method or malformed JSON with BadRequest', async () => {
    const server = recordingServer([]);
    for (const request of [
      { method: 'dropTables', version: '1.0', request_id: 'r', kind: 'call', args: {} },
      { version: '1.0', request_id: 'r', kind: 'call' },
      '{not json',
      'null',
    ]) {
      expect(await reply(server, request)).toMatchObject({
        ok: false,
        error: { type: 'BadRequest', http_status: 400 },
      });
    }
  });

  it('refuses a call at another major or a newer minor version with UnsupportedVersion', async () => {
    const calls: Array<[string, unknown]> = [];
    const server = recordingServer(calls);
    for (const version of ['2.0', '1.1', '0.9', 'one', undefined]) {
      expect(
        await reply(server, { method: 'describeDevice', version, request_id: 'r', kind: 'call' }),
      ).toMatchObject({ ok: false, error: { type: 'UnsupportedVersion', http_status: 400 } });
    }
    expect(calls).toEqual([]);
    const refused = await agentServerClient(directClient(server, '2.0'))
      .describeDevice({ device: 'd' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RemoteCallError);
    expect((refused as Error).message).toMatch(/speaks agent RPC 1\.0 .* version 2\.0/);
  });

  it('accepts the same major at an older or equal minor version', () => {
    expect(isCompatibleVersion('1.3', '1.0')).toBe(true);
    expect(isCompatibleVersion('1.3', '1.3')).toBe(true);
    expect(isCompatibleVersion('1.3', '1.4')).toBe(false);
    expect(isCompatibleVersion('1.3', '2.0')).toBe(false);
  });

  it('runs a cast and answers nothing, not even for an error', async () => {
    const calls: Array<[string, unknown]> = [];
    const server = recordingServer(calls);
    const cast = { method: 'updateDeviceUp', version: '1.0', request_id: 'r', kind: 'cast' };
    expect(await dispatchRequest(server, JSON.stringify({ ...cast, args: { device: 'x' } }))).toBe(
      null,
    );
    expect(calls).toEqual([['updateDeviceUp', { device: 'x' }]]);
    expect(await dispatchRequest(server, JSON.stringify({ ...cast, method: 'nope' }))).toBe(null);
  });

  it('turns a server error into RemoteCallError on the client, and keeps null results', async () => {
    const server = {
      ...recordingServer([]),
      updateDeviceUp: async () => {
        throw new PortNotFound('p1');
      },
      reportState: async () => null,
    } as AgentServerApi;
    const client = agentServerClient(directClient(server));
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
