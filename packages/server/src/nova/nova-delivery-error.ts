/** Why one request to Nova failed. */
export type NovaFailureKind =
  /** No answer: connection refused or reset, name not resolved, ... */
  | 'unreachable'
  /** No answer within the request timeout. */
  | 'timeout'
  /** Nova answered with an error status. */
  | 'http-status';

/**
 * One request to Nova's server external events API failed. `retriable` says whether trying
 * again may help: no answer, or a 500, 502, 503 or 504. Raised and handled inside the notifier;
 * it reaches the log and `NovaDeliveryOutcome`, never the engine.
 */
export class NovaDeliveryError extends Error {
  readonly kind: NovaFailureKind;
  /** The HTTP status, for `http-status`. */
  readonly status: number | undefined;
  readonly retriable: boolean;

  constructor(
    kind: NovaFailureKind,
    message: string,
    options: { status?: number; retriable: boolean; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NovaDeliveryError';
    this.kind = kind;
    this.status = options.status;
    this.retriable = options.retriable;
  }
}
