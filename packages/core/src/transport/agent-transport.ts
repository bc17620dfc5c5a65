import { type AgentNotificationListener } from './agent-notification';
import { type AgentServerApi } from './agent-server-api';

/**
 * One agent's connection to the server: the server calls, plus the notifications the server
 * fans out. Created by `AgentTransport.connect`.
 */
export interface AgentChannel extends AgentServerApi {
  /** The host the channel was opened for. Informational: requests still name their host. */
  readonly host: string;
  /**
   * Starts receiving notifications; returns a function that stops them. Every subscriber gets
   * its own copy of each payload. Never blocks.
   */
  subscribe(listener: AgentNotificationListener): () => void;
  /**
   * Closes the channel: listeners are dropped and later calls reject with `ChannelClosedError`.
   * Calls already in flight complete. Idempotent.
   */
  close(): void;
}

/**
 * How agents reach the server. The in-process transport is the embedded default; a message-bus
 * transport is another implementation of this interface: a client that serializes requests (see
 * `agentServerClient`) and a server loop that answers them (see `dispatchAgentCall`), plus a
 * fanout of `AgentNotification`s.
 */
export interface AgentTransport {
  /** Opens a channel for an agent on `host`. Never blocks; throws `ChannelClosedError` once closed. */
  connect(host: string): AgentChannel;
}
