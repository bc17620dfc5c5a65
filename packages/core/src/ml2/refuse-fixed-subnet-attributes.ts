import { AttributeNotUpdatable, type SubnetUpdateRequest } from '@ml2ts/driver-api';
import { type Subnet } from '@ml2ts/store';

/**
 * Throws `AttributeNotUpdatable` for the first attribute of a subnet update that would change
 * what cannot change after create: `cidr`, `network_id`, `ip_version` or `segment_id`. Absent
 * attributes and values equal to the stored ones are accepted.
 */
export function refuseFixedSubnetAttributes(request: SubnetUpdateRequest, subnet: Subnet): void {
  const fixed: Array<[keyof SubnetUpdateRequest, unknown]> = [
    ['cidr', subnet.cidr],
    ['network_id', subnet.networkId],
    ['ip_version', subnet.ipVersion],
    ['segment_id', subnet.segmentId],
  ];
  for (const [attribute, stored] of fixed) {
    const value = request[attribute];
    if (value !== undefined && value !== stored) {
      throw new AttributeNotUpdatable('subnet', attribute);
    }
  }
}
