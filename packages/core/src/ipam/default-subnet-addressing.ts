import { type AddressRange } from './address-range';
import { type IpAddress, maxAddressValue } from './ip-address';
import { cidrSize, type IpCidr, lastAddressValue } from './ip-cidr';

/**
 * The gateway a subnet gets when none is given: the first address after the network address
 * (`192.0.2.1` for `192.0.2.0/24`, `2001:db8::1` for `2001:db8::/64`). Null only where there is
 * no such address (`255.255.255.255/32`). Pure.
 */
export function defaultGatewayIp(cidr: IpCidr): IpAddress | null {
  const value = cidr.network + 1n;
  return value > maxAddressValue(cidr.version) ? null : { version: cidr.version, value };
}

/**
 * The allocation pools a subnet gets when none are given: every address after the network
 * address, up to the last address (IPv6) or the one before it (IPv4, whose last address is the
 * broadcast address), without the gateway, as one or two ranges. A one-address CIDR is its own
 * pool; a CIDR with no address between those bounds (an IPv4 /31, an IPv6 /127) has none.
 * `gateway` may lie anywhere (outside the CIDR it changes nothing). Pure.
 */
export function defaultAllocationPools(cidr: IpCidr, gateway: IpAddress | null): AddressRange[] {
  const { version } = cidr;
  if (cidrSize(cidr) === 1n) return [{ version, first: cidr.network, last: cidr.network }];
  const first = cidr.network + 1n;
  const last = lastAddressValue(cidr) - (version === 4 ? 1n : 0n);
  if (first >= last) return [];
  if (
    gateway === null ||
    gateway.version !== version ||
    gateway.value < first ||
    gateway.value > last
  ) {
    return [{ version, first, last }];
  }
  const ranges: AddressRange[] = [];
  if (gateway.value > first) ranges.push({ version, first, last: gateway.value - 1n });
  if (gateway.value < last) ranges.push({ version, first: gateway.value + 1n, last });
  return ranges;
}
