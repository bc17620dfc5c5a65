import { Ml2Error } from '@ml2ts/driver-api';

/**
 * 400: a create-network `segments` list holds the same fully specified segment (type, physical
 * network, segmentation id) twice. Neutron's type name and message.
 */
export class SegmentsContainDuplicateEntry extends Ml2Error {
  constructor() {
    super('SegmentsContainDuplicateEntry', 400, 'Duplicate segment entry in request.');
  }
}
