import { type IpAddress } from './ip-address';
import { type IpCidr } from './ip-cidr';

/**
 * The modified EUI-64 address of a MAC address in an IPv6 prefix, as stateless address
 * autoconfiguration (SLAAC) forms it: the interface id is the MAC with `ff:fe` inserted in the
 * middle and the universal/local bit (0x02 of the first octet) flipped, added to the prefix's
 * network address (`fa:16:3e:11:22:33` in `2001:db8::/64` is `2001:db8::f816:3eff:fe11:2233`).
 * `macAddress` is lower-case colon form (as ports store it); `prefix` an IPv6 CIDR, /64 for
 * autoconfigured subnets. Throws `RangeError` for anything else. Pure.
 */
export function eui64Address(prefix: IpCidr, macAddress: string): IpAddress {
  if (prefix.version !== 6) throw new RangeError(`EUI-64 needs an IPv6 prefix`);
  const octets = macAddress.split(':');
  if (octets.length !== 6 || !octets.every((octet) => /^[0-9a-f]{2}$/.test(octet))) {
    throw new RangeError(`${macAddress} is not a MAC address in lower-case colon form`);
  }
  const [a, b, c, d, e, f] = octets.map((octet) => BigInt(Number.parseInt(octet, 16)));
  const interfaceId = [a ^ 0x02n, b, c, 0xffn, 0xfen, d, e, f].reduce(
    (value, octet) => (value << 8n) | octet,
    0n,
  );
  return { version: 6, value: prefix.network + interfaceId };
}
