/**
 * `allocateForInstance` was asked for a host the compute side has no data plane for: nothing
 * was created on the server.
 */
export class ComputeHostNotFoundError extends Error {
  readonly host: string;

  constructor(host: string, known: readonly string[]) {
    super(
      `Compute host '${host}' is not known to the compute side (known hosts: ${known.length > 0 ? known.join(', ') : 'none'}).`,
    );
    this.name = 'ComputeHostNotFoundError';
    this.host = host;
  }
}
