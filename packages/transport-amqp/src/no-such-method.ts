import { Ml2Error } from '@ml2ts/driver-api';

/**
 * 400: a request for a method no endpoint of the topic serves (at a version some endpoint
 * speaks). Raised by `OsloRpcServer`'s dispatcher; on the wire it is the failure Python agents
 * know as the dispatcher's `NoSuchMethod`.
 */
export class NoSuchMethod extends Ml2Error {
  constructor(readonly method: string) {
    super('NoSuchMethod', 400, `No endpoint on this topic serves the RPC method ${method}`);
  }
}
