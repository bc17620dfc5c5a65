import { type AllocationPool } from '@ml2ts/driver-api';
import { formatIpAddress, type IpAddress, type IpVersion, parseIpAddress } from './ip-address';

/** An inclusive range of addresses of one version: an allocation pool, read. */
export interface AddressRange {
  readonly version: IpVersion;
  readonly first: bigint;
  readonly last: bigint;
}

/** The number of addresses of a range (0 when `last` is below `first`). Pure. */
export function rangeSize(range: AddressRange): bigint {
  return range.last >= range.first ? range.last - range.first + 1n : 0n;
}

/** True when `address` is of the range's version and inside it. Pure. */
export function rangeContains(range: AddressRange, address: IpAddress): boolean {
  return (
    address.version === range.version && address.value >= range.first && address.value <= range.last
  );
}

/** A range as `allocation_pools` shows it: canonical start and end addresses. Pure. */
export function toAllocationPool(range: AddressRange): AllocationPool {
  return {
    start: formatIpAddress({ version: range.version, value: range.first }),
    end: formatIpAddress({ version: range.version, value: range.last }),
  };
}

/**
 * A stored `allocation_pools` entry as a range; null when its addresses do not parse or differ
 * in version (never for what ml2ts wrote). Pure.
 */
export function fromAllocationPool(pool: AllocationPool): AddressRange | null {
  const start = parseIpAddress(pool.start);
  const end = parseIpAddress(pool.end);
  if (start === null || end === null || start.version !== end.version) return null;
  return { version: start.version, first: start.value, last: end.value };
}
