import { AttributeNotUpdatable, type SubnetUpdateRequest } from '@ml2ts/driver-api';
import { type Subnet } from '@ml2ts/store';

/**
 * Throws `AttributeNotUpdatable` for the first attribute of a subnet update that would change
 * what cannot change after create: `cidr`, `network_id`, `ip_version`, `segment_id`,
 * `ipv6_address_mode`, `ipv6_ra_mode` or `subnetpool_id`. Absent attributes and values equal to
 * the stored ones are accepted (the request rules made addresses and CIDRs canonical, as they
 * are stored).
 */
export function refuseFixedSubnetAttributes(request: SubnetUpdateRequest, subnet: Subnet): void {
  const fixed: Array<[keyof SubnetUpdateRequest, unknown]> = [
    ['cidr', subnet.cidr],
    ['network_id', subnet.networkId],
    ['ip_version', subnet.ipVersion],
    ['segment_id', subnet.segmentId],
    ['ipv6_address_mode', subnet.ipv6AddressMode],
    ['ipv6_ra_mode', subnet.ipv6RaMode],
    ['subnetpool_id', null],
  ];
  for (const [attribute, stored] of fixed) {
    const value = request[attribute];
    if (value !== undefined && value !== stored) {
      throw new AttributeNotUpdatable('subnet', attribute);
    }
  }
}
