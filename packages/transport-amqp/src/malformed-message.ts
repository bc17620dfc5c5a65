import { Ml2Error } from '@ml2ts/driver-api';

/**
 * 400: a message off the bus that is not an oslo message ml2ts can read: not JSON, not an
 * object, an envelope of another major version, a request without a method, a reply without a
 * message id. Thrown synchronously by the decoders; the servers and clients log it and drop the
 * message (it never reaches a caller).
 */
export class MalformedMessage extends Ml2Error {
  constructor(detail: string) {
    super('MalformedMessage', 400, `Malformed message on the bus: ${detail}.`);
  }
}
