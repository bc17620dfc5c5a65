import { Ml2Error } from '@ml2ts/driver-api';

/**
 * A free id (VLAN, VNI, GRE key) was chosen, but concurrent units of work inserted the chosen
 * id first on every attempt the random claim allows. Each lost insert was rolled back to its
 * savepoint, so the caller's transaction is still usable; the whole unit of work may simply be
 * retried. When it is not, this reaches the API caller as the terminal error, 503
 * `NoNetworkFoundInMaximumAllowedAttempts`.
 */
export class SegmentAllocationRaceLost extends Ml2Error {
  constructor() {
    super(
      'NoNetworkFoundInMaximumAllowedAttempts',
      503,
      'Unable to create the network. No available network found in maximum allowed attempts.',
    );
  }
}
