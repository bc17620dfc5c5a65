import { type WireError } from './remote-call-error';

/**
 * The version of the agent RPC API this package speaks, `major.minor`. A server answers a call
 * whose version has the same major and a minor not above its own, and refuses any other with
 * `UnsupportedVersion`, so an older agent keeps working against a newer server.
 */
export const AGENT_RPC_VERSION = '1.0';

/** How a request expects to be answered. */
export type RpcKind = 'call' | 'cast';

/**
 * One request as it crosses a transport: what a message bus carries, serialized as JSON. Every
 * field is plain data, so that any transport can route it without knowing the API.
 */
export interface RpcRequestEnvelope {
  /** The `AgentServerApi` method to run. */
  readonly method: string;
  /** The API version the caller speaks (`AGENT_RPC_VERSION` of its side). */
  readonly version: string;
  /** Unique per request; the reply carries it back. */
  readonly request_id: string;
  /** `call` waits for a reply; `cast` gets none. */
  readonly kind: RpcKind;
  /** The method's single argument. */
  readonly args: unknown;
}

/** The answer to a `call`: the result, or the error the server raised. */
export type RpcReplyEnvelope =
  | { readonly request_id: string; readonly ok: true; readonly result?: unknown }
  | { readonly request_id: string; readonly ok: false; readonly error: WireError };

/**
 * True when a server speaking `serverVersion` can answer a call made at `requestedVersion`:
 * the same major version and a minor not above the server's. Malformed versions are never
 * compatible.
 */
export function isCompatibleVersion(serverVersion: string, requestedVersion: string): boolean {
  const server = parseVersion(serverVersion);
  const requested = parseVersion(requestedVersion);
  if (!server || !requested) return false;
  return server.major === requested.major && requested.minor <= server.minor;
}

function parseVersion(version: string): { major: number; minor: number } | null {
  const match = /^(\d+)\.(\d+)$/.exec(typeof version === 'string' ? version : '');
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}
