import { type AgentServerApi } from './agent-server-api';

/**
 * The server's end of a transport: takes requests from every agent and answers them with an
 * `AgentServerApi`. Requests at an unsupported version, for an unknown method or with a
 * malformed body are answered with a typed error, never dropped.
 */
export interface RpcServer {
  /**
   * Starts answering requests with `api`. Resolves once requests are being consumed; may block
   * on the network. Rejects when the transport cannot be reached, or when called twice.
   */
  listen(api: AgentServerApi): Promise<void>;
  /**
   * Stops taking requests; requests already taken are still answered before it resolves.
   * Idempotent.
   */
  close(): Promise<void>;
}
