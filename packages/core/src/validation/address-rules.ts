import { AttributeLimits, InvalidAttribute } from '@ml2ts/driver-api';
import { formatIpAddress, parseIpAddress } from '../ipam/ip-address';
import { cidrOf, formatCidr, hasHostBits, parseIpPrefix } from '../ipam/ip-cidr';
import { invalidValue, quoted, type Rule } from './rule';

/**
 * An IPv4 or IPv6 address, returned in canonical form. IPv4 must already be canonical (dotted
 * quad without leading zeros: `10.0.0.05` is refused, as it reads differently elsewhere); IPv6
 * may be spelled any valid way (`2001:DB8:0::1`) and comes back compressed and lower case
 * (`2001:db8::1`), so one address is always stored as one string.
 */
export const ipAddressRule: Rule<string> = {
  expected: 'an IP address such as 10.0.0.5 or 2001:db8::5',
  check(value, path) {
    const address =
      typeof value === 'string' && value.length <= AttributeLimits.ADDRESS_MAX_LENGTH
        ? parseIpAddress(value)
        : null;
    if (address === null) throw invalidValue(path, this.expected, value);
    return formatIpAddress(address);
  },
};

/**
 * An IPv4 or IPv6 CIDR, returned in canonical form. An IPv4 CIDR must be canonical and have no
 * host bits set (`10.0.0.1/24` is refused, naming `10.0.0.0/24`); an IPv6 CIDR may be spelled
 * any valid way and comes back compressed, lower case, host bits cleared (`2001:DB8::1/64` is
 * `2001:db8::/64`).
 */
export const ipCidrRule: Rule<string> = {
  expected: 'a CIDR such as 10.0.0.0/24 or 2001:db8::/64',
  check(value, path) {
    const prefix =
      typeof value === 'string' && value.length <= AttributeLimits.ADDRESS_MAX_LENGTH
        ? parseIpPrefix(value)
        : null;
    if (prefix === null) throw invalidValue(path, this.expected, value);
    const cidr = formatCidr(cidrOf(prefix.address, prefix.prefix));
    if (prefix.address.version === 4 && hasHostBits(prefix)) {
      throw new InvalidAttribute(path, `${path} ${quoted(value)} has host bits set; use ${cidr}`);
    }
    return cidr;
  },
};
