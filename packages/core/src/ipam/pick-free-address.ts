import { type RandomSource } from '@ml2ts/driver-api';
import { type AddressRange, rangeSize } from './address-range';
import { formatIpAddress, type IpAddress, parseIpAddress } from './ip-address';
import { randomBelow } from './random-below';
import { type SubnetAddressing } from './subnet-addressing';

/** What picking a free address reads of a subnet's allocations (`ipallocations`). */
export interface AllocationReader {
  /** The number of addresses ports hold on the subnet (pools or not). */
  countAllocations(subnetId: string): Promise<number>;
  /** Every address ports hold on the subnet, as stored text. */
  allocatedAddresses(subnetId: string): Promise<string[]>;
  /** True when a port holds `ipAddress` (canonical text) on the subnet. */
  isAllocated(subnetId: string, ipAddress: string): Promise<boolean>;
}

/** Tuning of `pickFreeAddress`; the defaults suit production, tests force either strategy. */
export interface PickOptions {
  /** Up to this many allocations on the subnet, the exact pick runs at once (it reads them). */
  readonly readLimit?: number;
  /** Random probes before falling back to the exact pick. */
  readonly maxProbes?: number;
  /** Probes are used only when at least this share of the pools' addresses may be free. */
  readonly probeMinFreeShare?: number;
}

/** Production tuning: probes all miss with probability at most 0.75^16 (about 1%). */
export const PICK_DEFAULTS: Required<PickOptions> = {
  readLimit: 1000,
  maxProbes: 16,
  probeMinFreeShare: 0.25,
};

/**
 * A free address of the subnet's allocation pools, chosen uniformly at random among the free
 * ones, without enumerating the pools (an IPv6 pool may hold 2^64 addresses); null when every
 * pool address is taken (or there are no pools). Free means: no port holds it on the subnet and
 * it is not in `exclude` (canonical texts the caller already chose). Two ways, both uniform:
 * - probes, when more than `readLimit` addresses are held and the pools are mostly free: a
 *   random pool address is looked up (one indexed query) and taken when free; after
 *   `maxProbes` taken ones, the exact pick decides.
 * - exact: every held address of the subnet is read (one query), the free count computed, and
 *   the k-th free address for a random k found by walking the pools in order past the held
 *   addresses below it: cost proportional to the held addresses, never to the pool size.
 * Inside the caller's transaction; writes nothing (the caller claims the address by writing the
 * port, and retries when another writer claimed it first). Throws the database's errors, and
 * `RangeError` for a random source answering outside what it was asked.
 */
export async function pickFreeAddress(
  reader: AllocationReader,
  subnet: SubnetAddressing,
  random: RandomSource,
  exclude: ReadonlySet<string>,
  options: PickOptions = {},
): Promise<IpAddress | null> {
  const tuning = { ...PICK_DEFAULTS, ...options };
  const pools = subnet.pools.filter((pool) => rangeSize(pool) > 0n);
  const size = pools.reduce((total, pool) => total + rangeSize(pool), 0n);
  if (size === 0n) return null;
  const held = await reader.countAllocations(subnet.id);
  const mayBeFree = size - BigInt(held + exclude.size);
  const probing =
    held > tuning.readLimit && Number(mayBeFree) >= Number(size) * tuning.probeMinFreeShare;
  if (probing) {
    for (let probe = 0; probe < tuning.maxProbes; probe += 1) {
      const candidate = locate(pools, randomBelow(random, size));
      const text = formatIpAddress(candidate);
      if (!exclude.has(text) && !(await reader.isAllocated(subnet.id, text))) return candidate;
    }
  }
  return exactPick(reader, subnet, pools, size, random, exclude);
}

/** The k-th free pool address for a random k below the free count (see `pickFreeAddress`). */
async function exactPick(
  reader: AllocationReader,
  subnet: SubnetAddressing,
  pools: readonly AddressRange[],
  size: bigint,
  random: RandomSource,
  exclude: ReadonlySet<string>,
): Promise<IpAddress | null> {
  const texts = [...(await reader.allocatedAddresses(subnet.id)), ...exclude];
  const taken = [
    ...new Set(
      texts
        .map(parseIpAddress)
        .filter((address): address is IpAddress => address?.version === subnet.cidr.version)
        .map((address) => address.value),
    ),
  ]
    .filter((value) => pools.some((pool) => value >= pool.first && value <= pool.last))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const free = size - BigInt(taken.length);
  if (free <= 0n) return null;
  let offset = randomBelow(random, free);
  for (const pool of pools) {
    const inPool = taken.filter((value) => value >= pool.first && value <= pool.last);
    const freeInPool = rangeSize(pool) - BigInt(inPool.length);
    if (offset >= freeInPool) {
      offset -= freeInPool;
      continue;
    }
    let candidate = pool.first + offset;
    for (const value of inPool) {
      if (value > candidate) break;
      candidate += 1n;
    }
    return { version: pool.version, value: candidate };
  }
  return null;
}

/** The address at `offset` when the pools' addresses are laid end to end, in order. */
function locate(pools: readonly AddressRange[], offset: bigint): IpAddress {
  let remaining = offset;
  for (const pool of pools) {
    const span = rangeSize(pool);
    if (remaining < span) return { version: pool.version, value: pool.first + remaining };
    remaining -= span;
  }
  throw new RangeError(`offset ${offset} lies beyond the pools`);
}
