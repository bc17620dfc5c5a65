import { BadRequest, type IdGenerator, randomIdGenerator } from '@ml2ts/driver-api';
import {
  AGENT_SERVER_METHODS,
  type AgentServerApi,
  type AgentServerMethod,
} from './agent-server-api';
import { toWireError } from './remote-call-error';
import {
  AGENT_RPC_VERSION,
  isCompatibleVersion,
  type RpcKind,
  type RpcReplyEnvelope,
  type RpcRequestEnvelope,
} from './rpc-envelope';
import { type RpcCallOptions, type RpcClient } from './rpc-client';
import { UnsupportedVersion } from './unsupported-version';

/**
 * Serializes one request into its envelope's JSON. `args` goes through `JSON.stringify`, so no
 * object is shared with the receiver (Dates become ISO strings, `undefined` keys vanish).
 */
export function encodeRequest(
  method: string,
  args: unknown,
  kind: RpcKind,
  ids: IdGenerator = randomIdGenerator,
  version: string = AGENT_RPC_VERSION,
): string {
  const envelope: RpcRequestEnvelope = { method, version, request_id: ids.uuid(), kind, args };
  return JSON.stringify(envelope);
}

/**
 * The server side of any transport: parses one request envelope, checks its version and
 * method, runs the method on `api`, and answers the reply envelope as JSON; null for a cast.
 * Never rejects: a malformed envelope, an unknown method or an unsupported version answers a
 * typed error reply (`BadRequest`, `UnsupportedVersion`), and a server error answers its type,
 * status and message. May block as long as the method does.
 */
export async function dispatchRequest(
  api: AgentServerApi,
  requestJson: string,
  serverVersion: string = AGENT_RPC_VERSION,
): Promise<string | null> {
  let envelope: Partial<RpcRequestEnvelope> = {};
  try {
    try {
      envelope = JSON.parse(requestJson) as Partial<RpcRequestEnvelope>;
    } catch {
      throw new BadRequest('agent call', 'the request is not JSON');
    }
    if (envelope === null || typeof envelope !== 'object' || typeof envelope.method !== 'string') {
      throw new BadRequest('agent call', 'the request envelope names no method');
    }
    const { method } = envelope;
    if (!isCompatibleVersion(serverVersion, String(envelope.version))) {
      throw new UnsupportedVersion(method, String(envelope.version), serverVersion);
    }
    if (!(AGENT_SERVER_METHODS as readonly string[]).includes(method)) {
      throw new BadRequest('agent call', `'${method}' is not an agent server method`);
    }
    const handler = api[method as AgentServerMethod] as (request: unknown) => Promise<unknown>;
    const result = await handler.call(api, envelope.args);
    if (envelope.kind === 'cast') return null;
    return JSON.stringify({
      request_id: String(envelope.request_id),
      ok: true,
      result,
    } satisfies RpcReplyEnvelope);
  } catch (error) {
    if (envelope?.kind === 'cast') return null;
    return JSON.stringify({
      request_id: String(envelope?.request_id),
      ok: false,
      error: toWireError(error),
    } satisfies RpcReplyEnvelope);
  }
}

/**
 * The agent side of any transport: an `AgentServerApi` whose every method is a `call` on
 * `client` (with `options`, such as a timeout). A server error rejects as `RemoteCallError`
 * with the server error's type and status.
 */
export function agentServerClient(client: RpcClient, options?: RpcCallOptions): AgentServerApi {
  // Every method has the same shape (one request in, one JSON result out), so the client is
  // built from the method list rather than written out once per method.
  const api: Partial<Record<AgentServerMethod, (request: unknown) => Promise<unknown>>> = {};
  for (const method of AGENT_SERVER_METHODS) {
    api[method] = (request) => client.call(method, request, options);
  }
  return api as unknown as AgentServerApi;
}
