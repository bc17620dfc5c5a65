import { Ml2Error } from '@ml2ts/driver-api';

/**
 * A free allocation row (VLAN, VNI, GRE key) was chosen, but another unit of work claimed it
 * between the choice and the conditional update. The whole unit of work should be retried
 * (Neutron retries it up to 20 times); when it is not, this reaches the API caller as Neutron's
 * terminal error, 503 `NoNetworkFoundInMaximumAllowedAttempts`.
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
