import { BadRequest } from '@ml2ts/driver-api';
import {
  AGENT_SERVER_METHODS,
  type AgentServerApi,
  type AgentServerMethod,
} from './agent-server-api';
import { RemoteCallError, toWireError, type WireError } from './remote-call-error';

/** A reply as it crosses a transport: the result, or the error the server threw. */
export type WireReply = { ok: true; result?: unknown } | { ok: false; error: WireError };

/**
 * Carries one call to the server: the method name and the request as JSON; resolves with the
 * reply as JSON (a `WireReply`). This is all a transport must implement for calls. Rejects only
 * when the transport itself fails (not for server errors, which travel in the reply).
 */
export type WireSend = (method: AgentServerMethod, request: string) => Promise<string>;

/**
 * The agent side of any transport: an `AgentServerApi` whose every call serializes its request
 * to JSON, hands it to `send`, and parses the reply, so no object is shared with the server
 * (Dates arrive as ISO strings, `undefined` keys vanish). A server error is thrown as a
 * `RemoteCallError` with the server error's type and status.
 */
export function agentServerClient(send: WireSend): AgentServerApi {
  const call = async (method: AgentServerMethod, request: unknown): Promise<unknown> => {
    const reply = JSON.parse(await send(method, JSON.stringify(request))) as WireReply;
    if (!reply.ok) throw new RemoteCallError(method, reply.error);
    return reply.result;
  };
  // Every method has the same shape (one request in, one JSON result out), so the client is
  // built from the method list rather than written out seven times.
  const client: Partial<Record<AgentServerMethod, (request: unknown) => Promise<unknown>>> = {};
  for (const method of AGENT_SERVER_METHODS) {
    client[method] = (request) => call(method, request);
  }
  return client as unknown as AgentServerApi;
}

/**
 * The server side of any transport: parses the request JSON, runs the named method on `api`,
 * and answers the reply JSON. Never rejects: an unknown method or malformed JSON answers a
 * `BadRequest` error reply, and a server error answers its type, status and message. May block
 * as long as the method does.
 */
export async function dispatchAgentCall(
  api: AgentServerApi,
  method: string,
  request: string,
): Promise<string> {
  try {
    if (!(AGENT_SERVER_METHODS as readonly string[]).includes(method)) {
      throw new BadRequest('agent call', `'${method}' is not an agent server method`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(request);
    } catch {
      throw new BadRequest('agent call', `the request of '${method}' is not JSON`);
    }
    const handler = api[method as AgentServerMethod] as (request: unknown) => Promise<unknown>;
    const result = await handler.call(api, parsed);
    return JSON.stringify({ ok: true, result } satisfies WireReply);
  } catch (error) {
    return JSON.stringify({ ok: false, error: toWireError(error) } satisfies WireReply);
  }
}
