import { Ml2Error } from '@ml2ts/driver-api';

/** Why the message bus could not be reached, for programs; the message says it in words. */
export type TransportUnreachableReason =
  /** No broker accepted a TCP connection (refused, unknown host, timed out, network down). */
  | 'network'
  /** A broker refused the user name or password. */
  | 'credentials'
  /** The virtual host does not exist, or the user has no permission on it. */
  | 'vhost'
  /** The connection was lost and did not come back within the operation's time limit. */
  | 'disconnected'
  /** The broker took a message but did not confirm it in time (a resource alarm blocks it). */
  | 'unconfirmed'
  /** The broker spoke something other than AMQP 0-9-1, or closed the connection at once. */
  | 'protocol';

/**
 * 503: the message bus cannot be reached: thrown (as a rejection) by `connect`, `listen`,
 * `subscribe`, and by casts and publishes that could not be handed to a broker within their time
 * limit. Never carries a raw amqplib error as its message: it names the transport URL without
 * passwords, what went wrong, and what to check. The original error is its `cause`.
 */
export class TransportUnreachable extends Ml2Error {
  /** Stable code for programs: `ML2TS_TRANSPORT_UNREACHABLE`. */
  readonly code = 'ML2TS_TRANSPORT_UNREACHABLE';

  constructor(
    /** The transport URL, passwords redacted. */
    readonly redactedUrl: string,
    readonly reason: TransportUnreachableReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      'TransportUnreachable',
      503,
      `The message bus at ${redactedUrl} cannot be reached: ${detail}`,
      options,
    );
  }
}
