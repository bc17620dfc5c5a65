import { Ml2Error } from '@ml2ts/driver-api';

/** An error as it crosses a transport: the error's type name, HTTP status and message. */
export interface WireError {
  type: string;
  http_status: number;
  message: string;
}

/**
 * A server error carried back to the agent across a transport. It keeps the server error's type
 * name (`InvalidInput`, ...) and HTTP status; errors that were not `Ml2Error`s arrive as
 * `RemoteError` with status 500. `method` names the call that failed.
 */
export class RemoteCallError extends Ml2Error {
  constructor(
    readonly method: string,
    error: WireError,
  ) {
    super(error.type, error.http_status, error.message);
  }
}

/** The wire form of any thrown value. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Ml2Error) {
    return { type: error.type, http_status: error.httpStatus, message: error.message };
  }
  return {
    type: 'RemoteError',
    http_status: 500,
    message: error instanceof Error ? error.message : String(error),
  };
}
