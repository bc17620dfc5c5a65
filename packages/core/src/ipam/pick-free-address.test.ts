import { type RandomSource } from '@ml2ts/driver-api';
import { fromAllocationPool } from './address-range';
import { formatIpAddress } from './ip-address';
import { parseCidr } from './ip-cidr';
import { type AllocationReader, pickFreeAddress, type PickOptions } from './pick-free-address';
import { type SubnetAddressing } from './subnet-addressing';

/** An in-memory `ipallocations` of one subnet that counts the queries made of it. */
class HeldAddresses implements AllocationReader {
  readonly queries = { count: 0, list: 0, lookup: 0 };
  constructor(readonly held: Set<string> = new Set()) {}
  async countAllocations(): Promise<number> {
    this.queries.count += 1;
    return this.held.size;
  }
  async allocatedAddresses(): Promise<string[]> {
    this.queries.list += 1;
    return [...this.held];
  }
  async isAllocated(_subnetId: string, ipAddress: string): Promise<boolean> {
    this.queries.lookup += 1;
    return this.held.has(ipAddress);
  }
}

function subnet(cidr: string, pools: Array<[string, string]>): SubnetAddressing {
  return {
    id: 'subnet-1',
    networkId: 'net-1',
    cidr: parseCidr(cidr)!,
    gateway: null,
    pools: pools.map(([start, end]) => fromAllocationPool({ start, end })!),
    autoAddress: false,
  };
}

const always = (pick: (bound: number) => number): RandomSource & { bounds: number[] } => {
  const bounds: number[] = [];
  return {
    bounds,
    nextInt: (bound) => {
      bounds.push(bound);
      return pick(bound);
    },
  };
};

async function pick(
  target: SubnetAddressing,
  held: HeldAddresses,
  random: RandomSource,
  options: PickOptions = {},
  exclude: Set<string> = new Set(),
): Promise<string | null> {
  const address = await pickFreeAddress(held, target, random, exclude, options);
  return address === null ? null : formatIpAddress(address);
}

describe('pickFreeAddress', () => {
  const small = subnet('10.0.0.0/29', [['10.0.0.2', '10.0.0.6']]);

  it('takes the k-th free address, k drawn below the free count', async () => {
    const held = new HeldAddresses(new Set(['10.0.0.2', '10.0.0.4']));
    const first = always(() => 0);
    expect(await pick(small, held, first)).toBe('10.0.0.3');
    expect(first.bounds).toEqual([3]);
    expect(
      await pick(
        small,
        held,
        always((bound) => bound - 1),
      ),
    ).toBe('10.0.0.6');
    expect(
      await pick(
        small,
        held,
        always(() => 1),
      ),
    ).toBe('10.0.0.5');
    // Few addresses held: one count and one read, no lookups.
    expect(held.queries).toEqual({ count: 3, list: 3, lookup: 0 });
  });

  it('walks the pools in order, skipping the addresses the caller already chose', async () => {
    const twoPools = subnet('10.0.0.0/24', [
      ['10.0.0.10', '10.0.0.11'],
      ['10.0.0.20', '10.0.0.21'],
    ]);
    const held = new HeldAddresses(new Set(['10.0.0.10', '10.0.0.99']));
    expect(
      await pick(
        twoPools,
        held,
        always(() => 1),
        {},
        new Set(['10.0.0.20']),
      ),
    ).toBe('10.0.0.21');
    expect(
      await pick(
        twoPools,
        held,
        always(() => 0),
      ),
    ).toBe('10.0.0.11');
  });

  it('is null once every pool address is held, without asking the random source', async () => {
    const random = always(() => 0);
    const full = new HeldAddresses(new Set(['2', '3', '4', '5', '6'].map((n) => `10.0.0.${n}`)));
    expect(await pick(small, full, random)).toBeNull();
    expect(await pick(subnet('10.0.0.0/31', []), new HeldAddresses(), random)).toBeNull();
    expect(random.bounds).toEqual([]);
  });

  it('probes random addresses of a big, mostly free subnet instead of reading its holders', async () => {
    const slash8 = subnet('10.0.0.0/8', [['10.0.0.2', '10.255.255.254']]);
    const held = new HeldAddresses(new Set(['10.0.0.2', '10.0.0.3']));
    const random = always(() => 2);
    expect(await pick(slash8, held, random, { readLimit: 1 })).toBe('10.0.0.4');
    expect(held.queries).toEqual({ count: 1, list: 0, lookup: 1 });
    expect(random.bounds).toEqual([2 ** 24 - 3]);
  });

  it('falls back to the exact pick when every probe hits a held address', async () => {
    const slash8 = subnet('10.0.0.0/8', [['10.0.0.2', '10.255.255.254']]);
    const held = new HeldAddresses(new Set(['10.0.0.2', '10.0.0.3']));
    expect(
      await pick(
        slash8,
        held,
        always(() => 0),
        { readLimit: 1, maxProbes: 4 },
      ),
    ).toBe('10.0.0.4');
    expect(held.queries).toEqual({ count: 1, list: 1, lookup: 4 });
  });

  it('reads holders at once when the pools are mostly full, however many there are', async () => {
    const held = new HeldAddresses(new Set(['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']));
    expect(
      await pick(
        small,
        held,
        always(() => 0),
        { readLimit: 1 },
      ),
    ).toBe('10.0.0.6');
    expect(held.queries.lookup).toBe(0);
  });

  it('picks in an IPv6 /64 without enumerating it', async () => {
    const slash64 = subnet('2001:db8::/64', [['2001:db8::2', '2001:db8::ffff:ffff:ffff:ffff']]);
    const held = new HeldAddresses(new Set(['2001:db8::2']));
    expect(
      await pick(
        slash64,
        held,
        always(() => 0),
      ),
    ).toBe('2001:db8::3');
    expect(
      await pick(
        slash64,
        held,
        always((bound) => bound - 1),
      ),
    ).toMatch(/^2001:db8::/);
    expect(held.queries.lookup).toBe(0);
    // Probing (the /64 is mostly free): three 32-bit draws give 2^64 + 2^32 + 1, modulo the
    // pool size 2^64 - 2, past the pool's first address.
    expect(
      await pick(
        slash64,
        held,
        always(() => 1),
        { readLimit: 0 },
      ),
    ).toBe('2001:db8::1:0:5');
    expect(held.queries.lookup).toBe(1);
  });
});
