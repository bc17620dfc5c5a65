import { Ml2Error } from '@ml2ts/driver-api';

/**
 * A call whose reply did not arrive in time (Neutron's `MessagingTimeout`). The server may still
 * have run it: callers retry only idempotent calls.
 */
export class RpcTimeoutError extends Ml2Error {
  constructor(
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(
      'MessagingTimeout',
      504,
      `Timed out after ${timeoutMs} ms waiting for a reply to ${method}; check that the server is running and reachable.`,
    );
  }
}
