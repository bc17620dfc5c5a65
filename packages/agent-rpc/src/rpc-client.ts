/** Options of one call. */
export interface RpcCallOptions {
  /**
   * How long to wait for the reply, in milliseconds; default the client's own timeout. A call
   * that gets no reply in time rejects with `RpcTimeoutError` (the server may still run it).
   */
  readonly timeoutMs?: number;
}

/**
 * The caller's end of a transport: sends requests to the server that listens on it. One client
 * serves one agent. Implementations: `InProcessTransport`'s clients; a message-bus transport's.
 */
export interface RpcClient {
  /**
   * Opens the connection. Resolves once calls can be sent; may block on the network. Rejects
   * with a typed `Ml2Error` when the transport cannot be reached. Idempotent.
   */
  connect(): Promise<void>;
  /**
   * Sends `args` to `method` and waits for the reply: resolves with the result, rejects with
   * `RemoteCallError` when the server raised, `RpcTimeoutError` when no reply came in time,
   * `ChannelClosedError` once the client is closed. Never blocks the event loop.
   */
  call(method: string, args: unknown, options?: RpcCallOptions): Promise<unknown>;
  /**
   * Sends `args` to `method` without waiting for any answer: resolves once the transport took
   * the request; a server error is never reported back. Rejects with `ChannelClosedError` once
   * closed.
   */
  cast(method: string, args: unknown): Promise<void>;
  /** Closes the connection; calls in flight reject with `ChannelClosedError`. Idempotent. */
  close(): Promise<void>;
}
