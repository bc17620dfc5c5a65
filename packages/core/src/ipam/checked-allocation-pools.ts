import {
  type AllocationPool,
  GatewayConflictWithAllocationPools,
  InvalidAllocationPool,
  OutOfBoundsAllocationPool,
  OverlappingAllocationPools,
} from '@ml2ts/driver-api';
import { type AddressRange, rangeContains, toAllocationPool } from './address-range';
import { formatIpAddress, type IpAddress, parseIpAddress } from './ip-address';
import { formatCidr, type IpCidr, lastAddressValue } from './ip-cidr';

/**
 * Requested allocation pools checked against the subnet's CIDR, as ranges in the given order:
 * each pool's addresses are of the CIDR's version with the start not after the end (400
 * `InvalidAllocationPool`), lie after the network address and up to the last address (IPv6) or
 * before the broadcast address (IPv4) (400 `OutOfBoundsAllocationPool`), and share no address
 * with another pool (409 `OverlappingAllocationPools`, naming the first such pair). The
 * addresses are valid address text (the request rules checked them). Pure.
 */
export function checkedAllocationPools(
  pools: readonly AllocationPool[],
  cidr: IpCidr,
): AddressRange[] {
  const low = cidr.network + 1n;
  const high = lastAddressValue(cidr) - (cidr.version === 4 ? 1n : 0n);
  const ranges = pools.map((pool): AddressRange => {
    const start = parseIpAddress(pool.start);
    const end = parseIpAddress(pool.end);
    if (start === null || end === null) {
      throw new InvalidAllocationPool(pool, 'its start and end must be IP addresses');
    }
    if (start.version !== cidr.version || end.version !== cidr.version) {
      throw new InvalidAllocationPool(
        pool,
        `its addresses must be IPv${cidr.version} addresses, as the subnet ${formatCidr(cidr)} is`,
      );
    }
    if (start.value > end.value) {
      throw new InvalidAllocationPool(pool, 'its start lies after its end');
    }
    if (start.value < low || end.value > high) {
      const usable =
        low <= high
          ? `${text(cidr, low)}-${text(cidr, high)}`
          : 'no range: the subnet has no addresses for pools';
      throw new OutOfBoundsAllocationPool(pool, formatCidr(cidr), usable);
    }
    return { version: cidr.version, first: start.value, last: end.value };
  });
  const order = ranges
    .map((_, index) => index)
    .sort((a, b) => compare(ranges[a].first, ranges[b].first));
  for (let position = 1; position < order.length; position += 1) {
    const [before, after] = [order[position - 1], order[position]];
    if (ranges[after].first <= ranges[before].last) {
      const [first, second] = before < after ? [before, after] : [after, before];
      throw new OverlappingAllocationPools(pools[first], pools[second], formatCidr(cidr));
    }
  }
  return ranges;
}

/**
 * Throws 409 `GatewayConflictWithAllocationPools` when the gateway lies in one of the pools (the
 * first such pool is named). A null gateway conflicts with nothing. Pure.
 */
export function refuseGatewayInPools(
  gateway: IpAddress | null,
  ranges: readonly AddressRange[],
): void {
  if (gateway === null) return;
  const conflicting = ranges.find((range) => rangeContains(range, gateway));
  if (conflicting) {
    throw new GatewayConflictWithAllocationPools(
      formatIpAddress(gateway),
      toAllocationPool(conflicting),
    );
  }
}

function text(cidr: IpCidr, value: bigint): string {
  return formatIpAddress({ version: cidr.version, value });
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
