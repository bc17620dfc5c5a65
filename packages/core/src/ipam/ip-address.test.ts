import fc from 'fast-check';
import {
  canonicalIpAddress,
  formatIpAddress,
  type IpAddress,
  maxAddressValue,
  parseIpAddress,
  parseIpv4Address,
  parseIpv6Address,
} from './ip-address';

const v6 = (value: bigint): IpAddress => ({ version: 6, value });

/** Any IPv6 value, with zero groups made likely (so `::` runs of every length turn up). */
const ipv6Value = fc
  .array(fc.oneof(fc.constant(0), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff })), {
    minLength: 8,
    maxLength: 8,
  })
  .map((groups) => groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n));

const ipv4Value = fc.bigInt({ min: 0n, max: maxAddressValue(4) });

/** The eight groups of an IPv6 value. */
function groupsOf(value: bigint): number[] {
  return [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) =>
    Number((value >> shift) & 0xffffn),
  );
}

describe('IPv4 addresses', () => {
  it.each([
    ['0.0.0.0', 0n],
    ['192.0.2.1', 0xc0000201n],
    ['255.255.255.255', 0xffffffffn],
  ])('reads %s', (text, value) => {
    expect(parseIpv4Address(text)).toEqual({ version: 4, value });
    expect(formatIpAddress({ version: 4, value })).toBe(text);
  });

  it.each(['10.0.0.05', '256.0.0.1', '1.2.3', '1.2.3.4.5', '1..2.3', ' 1.2.3.4', '1.2.3.-4', ''])(
    'refuses %j',
    (text) => {
      expect(parseIpAddress(text)).toBeNull();
    },
  );
});

describe('IPv6 addresses', () => {
  it.each([
    ['::', 0n],
    ['::1', 1n],
    ['2001:db8::1', 0x20010db8000000000000000000000001n],
    ['2001:DB8:0:0:0:0:0:1', 0x20010db8000000000000000000000001n],
    ['2001:0db8:0000::0001', 0x20010db8000000000000000000000001n],
    ['1:2:3:4:5:6:7::', 0x00010002000300040005000600070000n],
    ['::ffff:192.0.2.1', 0xffffc0000201n],
    ['64:ff9b::192.0.2.1', 0x0064ff9b0000000000000000c0000201n],
    ['fe80::f816:3eff:fe11:2233', 0xfe80000000000000f8163efffe112233n],
  ])('reads %s', (text, value) => {
    expect(parseIpv6Address(text)).toEqual(v6(value));
    expect(parseIpAddress(text)).toEqual(v6(value));
  });

  it.each([
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '12345::',
    ':1::',
    '1::2:',
    'g::1',
    'fe80::1%eth0',
    '1.2.3.4::',
    '::1.2.3.4:5',
    '::1.2.3.04',
    '::1.2.3.4.5',
    '1:2:3:4:5:6:7:1.2.3.4',
  ])('refuses %j', (text) => {
    expect(parseIpv6Address(text)).toBeNull();
  });

  it.each([
    [0n, '::'],
    [1n, '::1'],
    [0x20010db8000000000000000000000001n, '2001:db8::1'],
    // A single zero group is not compressed; the first of two equal runs is.
    [0x20010db8000000010001000100010001n, '2001:db8:0:1:1:1:1:1'],
    [0x20010000000000010000000000010001n, '2001::1:0:0:1:1'],
    [0x20010000000000010000000000000001n, '2001:0:0:1::1'],
    [0x00010000000000000001000000000000n, '1::1:0:0:0'],
    // IPv4-mapped and -compatible addresses end in a dotted quad.
    [0xffffc0000201n, '::ffff:192.0.2.1'],
    [0xc0000201n, '::192.0.2.1'],
    [0x20010db8000000000000ffffc0000201n, '2001:db8::ffff:c000:201'],
  ])('writes %s as %s', (value, text) => {
    expect(formatIpAddress(v6(value))).toBe(text);
  });

  it('gives every spelling of an address one canonical text', () => {
    expect(canonicalIpAddress('2001:0DB8::0:1')).toBe('2001:db8::1');
    expect(canonicalIpAddress('10.0.0.1')).toBe('10.0.0.1');
    expect(canonicalIpAddress('nope')).toBeNull();
  });
});

describe('address text, for any address', () => {
  it('reads back what it writes (IPv4)', () => {
    fc.assert(
      fc.property(ipv4Value, (value) => {
        const text = formatIpAddress({ version: 4, value });
        expect(parseIpAddress(text)).toEqual({ version: 4, value });
      }),
    );
  });

  it('reads back what it writes, and writes it once canonically (IPv6)', () => {
    fc.assert(
      fc.property(ipv6Value, (value) => {
        const text = formatIpAddress(v6(value));
        expect(parseIpAddress(text)).toEqual(v6(value));
        expect(canonicalIpAddress(text)).toBe(text);
        expect(text).toBe(text.toLowerCase());
        expect(text.split('::').length).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('reads every spelling of an IPv6 address as that address', () => {
    fc.assert(
      fc.property(
        ipv6Value,
        fc.boolean(),
        fc.boolean(),
        fc.nat({ max: 7 }),
        (value, upper, padded, runStart) => {
          let groups = groupsOf(value).map((group) => {
            const hex = group.toString(16);
            return padded ? hex.padStart(4, '0') : hex;
          });
          // Compress some run of zero groups (not necessarily the longest) with `::`.
          let text = groups.join(':');
          let end = runStart;
          while (end < 8 && groupsOf(value)[end] === 0) end += 1;
          if (end > runStart) {
            groups = [...groups.slice(0, runStart), '', ...groups.slice(end)];
            text = groups.join(':');
            if (runStart === 0) text = `:${text}`;
            if (end === 8) text = `${text}:`;
          }
          expect(parseIpv6Address(upper ? text.toUpperCase() : text)).toEqual(v6(value));
        },
      ),
    );
  });
});
