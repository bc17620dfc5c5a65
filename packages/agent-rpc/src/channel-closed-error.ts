import { Ml2Error } from '@ml2ts/driver-api';

/** A call, cast or subscription on a client, channel or transport that was closed. */
export class ChannelClosedError extends Ml2Error {
  constructor(host: string) {
    super('ChannelClosed', 503, `The agent channel for host ${host} is closed.`);
  }
}
