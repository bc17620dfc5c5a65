import { Ml2Error } from '@ml2ts/driver-api';

/** A request at an API version the server does not speak (another major, or a newer minor). */
export class UnsupportedVersion extends Ml2Error {
  constructor(
    readonly method: string,
    readonly requestedVersion: string,
    readonly serverVersion: string,
  ) {
    super(
      'UnsupportedVersion',
      400,
      `The server speaks agent RPC ${serverVersion} and cannot answer ${method} at version ${requestedVersion}; upgrade the server, or run an agent of the server's version.`,
    );
  }
}
