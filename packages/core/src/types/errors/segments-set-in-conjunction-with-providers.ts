import { Ml2Error } from '@ml2ts/driver-api';

/**
 * 400: a create-network request carries both `provider:*` attributes and a `segments` list.
 * Neutron's type name and message; an `InvalidInput` in Neutron's hierarchy.
 */
export class SegmentsSetInConjunctionWithProviders extends Ml2Error {
  constructor() {
    super(
      'SegmentsSetInConjunctionWithProviders',
      400,
      'Segments and provider values cannot both be set.',
    );
  }
}
