import fc from 'fast-check';
import { addressBits, type IpAddress, type IpVersion, maxAddressValue } from './ip-address';
import {
  cidrContains,
  cidrOf,
  cidrsOverlap,
  cidrSize,
  cidrTextsOverlap,
  formatCidr,
  hasHostBits,
  lastAddressValue,
  parseCidr,
  parseIpPrefix,
} from './ip-cidr';

/** The first `prefix` bits of `value` as a string of 0s and 1s: the reference for containment. */
function leadingBits(version: IpVersion, value: bigint, prefix: number): string {
  return value.toString(2).padStart(addressBits(version), '0').slice(0, prefix);
}

const address = (version: IpVersion) =>
  fc
    .bigInt({ min: 0n, max: maxAddressValue(version) })
    .map((value): IpAddress => ({ version, value }));

const prefixed = (version: IpVersion) =>
  fc.tuple(address(version), fc.integer({ min: 0, max: addressBits(version) }));

describe('CIDRs', () => {
  it.each([
    ['10.0.0.0/24', 4, 0x0a000000n, 24, 256n],
    ['10.0.0.1/24', 4, 0x0a000000n, 24, 256n],
    ['0.0.0.0/0', 4, 0n, 0, 2n ** 32n],
    ['2001:db8::/64', 6, 0x20010db8000000000000000000000000n, 64, 2n ** 64n],
    ['2001:DB8::1/64', 6, 0x20010db8000000000000000000000000n, 64, 2n ** 64n],
    ['::1/128', 6, 1n, 128, 1n],
  ])('reads %s', (text, version, network, prefix, size) => {
    const cidr = parseCidr(text);
    expect(cidr).toEqual({ version, network, prefix });
    expect(cidrSize(cidr!)).toBe(size);
  });

  it.each([
    '10.0.0.0',
    '10.0.0.0/33',
    '10.0.0.0/024',
    '10.0.0.0/',
    '/24',
    '::/129',
    '10.0.0.0/2 4',
  ])('refuses %j', (text) => {
    expect(parseCidr(text)).toBeNull();
  });

  it('writes CIDRs canonically and tells host bits apart', () => {
    expect(formatCidr(parseCidr('2001:DB8:0::5/64')!)).toBe('2001:db8::/64');
    expect(hasHostBits(parseIpPrefix('10.0.0.1/24')!)).toBe(true);
    expect(hasHostBits(parseIpPrefix('10.0.0.0/24')!)).toBe(false);
    expect(lastAddressValue(parseCidr('10.0.0.0/24')!)).toBe(0x0a0000ffn);
  });

  it('never overlaps across IP versions, or when a CIDR does not parse', () => {
    expect(cidrTextsOverlap('0.0.0.0/1', '::/1')).toBe(false);
    expect(cidrTextsOverlap('10.0.0.0/8', '10.1.0.0/16')).toBe(true);
    expect(cidrTextsOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
    expect(cidrTextsOverlap('2001:db8::/48', '2001:db8:0:1::/64')).toBe(true);
    expect(cidrTextsOverlap('garbage', '10.0.0.0/8')).toBe(false);
  });
});

describe.each([4, 6] as const)('IPv%s CIDRs, for any address and prefix', (version) => {
  it('contain exactly the addresses sharing their leading bits', () => {
    fc.assert(
      fc.property(prefixed(version), address(version), ([base, prefix], candidate) => {
        const cidr = cidrOf(base, prefix);
        const expected =
          leadingBits(version, candidate.value, prefix) ===
          leadingBits(version, base.value, prefix);
        expect(cidrContains(cidr, candidate)).toBe(expected);
        expect(cidrContains(cidr, base)).toBe(true);
        expect(cidrContains(cidr, { version, value: lastAddressValue(cidr) })).toBe(true);
      }),
    );
  });

  it('read back what they write', () => {
    fc.assert(
      fc.property(prefixed(version), ([base, prefix]) => {
        const cidr = cidrOf(base, prefix);
        expect(parseCidr(formatCidr(cidr))).toEqual(cidr);
        expect(lastAddressValue(cidr) - cidr.network + 1n).toBe(cidrSize(cidr));
      }),
    );
  });

  it('overlap exactly when one holds the other network', () => {
    fc.assert(
      fc.property(prefixed(version), prefixed(version), ([a, prefixA], [b, prefixB]) => {
        const first = cidrOf(a, prefixA);
        const second = cidrOf(b, prefixB);
        const expected =
          cidrContains(first, { version, value: second.network }) ||
          cidrContains(second, { version, value: first.network });
        expect(cidrsOverlap(first, second)).toBe(expected);
        expect(cidrsOverlap(second, first)).toBe(expected);
      }),
    );
  });
});
