import { Ml2Error } from '@ml2ts/driver-api';

/**
 * An error the REST layer raises itself (a malformed body, a bad query, an unknown path), as
 * opposed to the engine's. It is an `Ml2Error`, so whatever answers engine errors answers it
 * too: `httpStatus` with `{"NeutronError": {type, message, detail}}`.
 */
export class NeutronApiError extends Ml2Error {
  /** The body's `detail`; empty unless the error has more to say than its message. */
  readonly detail: string;

  /** `type` is the error name clients see (`HTTPBadRequest`, `InvalidInput`, ...). */
  constructor(httpStatus: number, type: string, message: string, detail = '') {
    super(type, httpStatus, message);
    this.detail = detail;
  }
}
