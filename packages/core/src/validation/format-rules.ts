import { AttributeLimits, InvalidAttribute } from '@ml2ts/driver-api';
import { normalizeMacAddress } from '../support/mac-address';
import { isUuidLike } from '../support/uuid-like';
import { invalidValue, quoted, type Rule } from './rule';

/** A UUID, with or without dashes, e.g. `0f0e...-...`. */
export const uuidRule: Rule<string> = {
  expected: 'a UUID such as 5b0e7c64-3f0a-4f59-9d0c-7d6f0e0c1a11',
  check(value, path) {
    if (typeof value !== 'string' || !isUuidLike(value)) {
      throw invalidValue(path, this.expected, value);
    }
    return value;
  },
};

/**
 * A reference to a stored resource by id: a non-empty string that fits the 36-character id
 * column. Whether it exists is the operation's business (a 404), not validation's.
 */
export const idRule: Rule<string> = {
  expected: `a resource id (a non-empty string of at most ${AttributeLimits.ID_MAX_LENGTH} characters)`,
  check(value, path) {
    if (typeof value !== 'string' || value === '' || value.length > AttributeLimits.ID_MAX_LENGTH) {
      throw invalidValue(path, this.expected, value);
    }
    return value;
  },
};

/**
 * A unicast or multicast 48-bit MAC address in colon, dash or dotless notation, returned in
 * lower-case colon form. All-zero and broadcast addresses are refused.
 */
export const macAddressRule: Rule<string> = {
  expected: 'a MAC address such as fa:16:3e:12:34:56',
  check(value, path) {
    const normalized =
      typeof value === 'string' && value.length <= 32 ? normalizeMacAddress(value) : null;
    if (normalized === null) throw invalidValue(path, this.expected, value);
    return normalized;
  },
};

/** The 32-bit value of a canonical dotted-quad IPv4 address, or null. */
export function canonicalIpv4Value(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    // Canonical: decimal, no leading zeros (`10.0.0.05` is refused, not read as 10.0.0.5).
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/**
 * An IPv4 address in canonical dotted-quad form. Non-canonical spellings of an address
 * (`10.0.0.05`) are refused, so one address is always stored as one string.
 */
export const ipv4AddressRule: Rule<string> = {
  expected: 'an IPv4 address such as 10.0.0.5',
  check(value, path) {
    if (
      typeof value !== 'string' ||
      value.length > AttributeLimits.ADDRESS_MAX_LENGTH ||
      canonicalIpv4Value(value) === null
    ) {
      throw invalidValue(path, this.expected, value);
    }
    return value;
  },
};

/**
 * An IPv4 CIDR in canonical form: the network address and a prefix length 0..32. One with host
 * bits set is refused, naming the CIDR to use instead (`10.0.0.1/24` -> `10.0.0.0/24`).
 */
export const ipv4CidrRule: Rule<string> = {
  expected: 'an IPv4 CIDR such as 10.0.0.0/24',
  check(value, path) {
    if (typeof value !== 'string' || value.length > AttributeLimits.ADDRESS_MAX_LENGTH) {
      throw invalidValue(path, this.expected, value);
    }
    const [address, prefixText, extra] = value.split('/');
    const base = canonicalIpv4Value(address);
    if (
      extra !== undefined ||
      prefixText === undefined ||
      !/^(0|[1-9]\d?)$/.test(prefixText) ||
      Number(prefixText) > 32 ||
      base === null
    ) {
      throw invalidValue(path, this.expected, value);
    }
    const size = 2 ** (32 - Number(prefixText));
    const network = base - (base % size);
    if (network !== base) {
      const recommended = `${ipv4Text(network)}/${prefixText}`;
      throw new InvalidAttribute(
        path,
        `${path} ${quoted(value)} has host bits set; use ${recommended}`,
      );
    }
    return value;
  },
};

/** An IPv4 address or CIDR (allowed address pairs may name either). */
export const ipv4AddressOrCidrRule: Rule<string> = {
  expected: 'an IPv4 address or CIDR',
  check(value, path) {
    if (typeof value === 'string' && value.includes('/')) return ipv4CidrRule.check(value, path);
    try {
      return ipv4AddressRule.check(value, path);
    } catch {
      throw invalidValue(path, this.expected, value);
    }
  },
};

function ipv4Text(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
