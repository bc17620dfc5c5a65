import { Ml2Error } from '@ml2ts/driver-api';

/**
 * 500: the broker refused one operation on a live connection: declaring a queue or exchange that
 * already exists with other settings (`PRECONDITION_FAILED`), one the user may not touch
 * (`ACCESS_REFUSED`), or a publish it rejected. Thrown (as a rejection) by `listen`, `subscribe`,
 * `connect`, casts and publishes; the connection itself stays up. The message names the operation,
 * the broker's words and what to check; the original error is its `cause`.
 */
export class TransportOperationFailed extends Ml2Error {
  /** Stable code for programs: `ML2TS_TRANSPORT_OPERATION_FAILED`. */
  readonly code = 'ML2TS_TRANSPORT_OPERATION_FAILED';

  constructor(
    /** What was being done: `declaring queue q-plugin`, `publishing to neutron`. */
    readonly operation: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      'TransportOperationFailed',
      500,
      `The message bus refused ${operation}: ${detail}`,
      options,
    );
  }
}
