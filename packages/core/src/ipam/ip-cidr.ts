import {
  addressBits,
  formatIpAddress,
  type IpAddress,
  type IpVersion,
  maxAddressValue,
  parseIpAddress,
} from './ip-address';

/** A CIDR: a network address (host bits clear) and a prefix length. */
export interface IpCidr {
  readonly version: IpVersion;
  /** The network address's value: the first address of the CIDR. */
  readonly network: bigint;
  /** 0..32 for IPv4, 0..128 for IPv6. */
  readonly prefix: number;
}

/** An address with a prefix length as written (`10.0.0.1/24`): host bits may be set. */
export interface IpPrefix {
  readonly address: IpAddress;
  readonly prefix: number;
}

/**
 * Parses `address/prefix` as written: an address (see `parseIpAddress`), a slash and a decimal
 * prefix length without leading zeros that fits the address's version. Host bits may be set.
 * Null for anything else. Pure.
 */
export function parseIpPrefix(text: string): IpPrefix | null {
  const slash = text.indexOf('/');
  if (slash === -1) return null;
  const prefixText = text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefixText)) return null;
  const address = parseIpAddress(text.slice(0, slash));
  const prefix = Number(prefixText);
  if (address === null || prefix > addressBits(address.version)) return null;
  return { address, prefix };
}

/** The CIDR holding `address` with `prefix` bits of network: host bits cleared. Pure. */
export function cidrOf(address: IpAddress, prefix: number): IpCidr {
  return {
    version: address.version,
    network: address.value & netmask(address.version, prefix),
    prefix,
  };
}

/**
 * Parses a CIDR (see `parseIpPrefix`), clearing host bits: `10.0.0.1/24` reads as
 * `10.0.0.0/24`. For CIDRs ml2ts stored or checked; null for anything that is not one. Pure.
 */
export function parseCidr(text: string): IpCidr | null {
  const parsed = parseIpPrefix(text);
  return parsed === null ? null : cidrOf(parsed.address, parsed.prefix);
}

/** True when `prefix` has host bits set (`10.0.0.1/24`). Pure. */
export function hasHostBits(prefix: IpPrefix): boolean {
  return cidrOf(prefix.address, prefix.prefix).network !== prefix.address.value;
}

/** The canonical text of a CIDR: its network address (see `formatIpAddress`), `/`, prefix. */
export function formatCidr(cidr: IpCidr): string {
  return `${formatIpAddress({ version: cidr.version, value: cidr.network })}/${cidr.prefix}`;
}

/** The number of addresses of the CIDR. Pure. */
export function cidrSize(cidr: IpCidr): bigint {
  return 1n << BigInt(addressBits(cidr.version) - cidr.prefix);
}

/** The value of the CIDR's last address (IPv4: its broadcast address). Pure. */
export function lastAddressValue(cidr: IpCidr): bigint {
  return cidr.network + cidrSize(cidr) - 1n;
}

/** True when `address` is of the CIDR's version and inside it. Pure. */
export function cidrContains(cidr: IpCidr, address: IpAddress): boolean {
  return (
    address.version === cidr.version &&
    (address.value & netmask(cidr.version, cidr.prefix)) === cidr.network
  );
}

/**
 * True when two CIDRs share an address: same version, and the shorter prefix's network holds
 * the other's network. Pure.
 */
export function cidrsOverlap(first: IpCidr, second: IpCidr): boolean {
  if (first.version !== second.version) return false;
  const shorter = Math.min(first.prefix, second.prefix);
  const mask = netmask(first.version, shorter);
  return (first.network & mask) === (second.network & mask);
}

/** The mask with the first `prefix` bits of a `version` address set. */
function netmask(version: IpVersion, prefix: number): bigint {
  const hostBits = BigInt(addressBits(version) - prefix);
  return maxAddressValue(version) ^ ((1n << hostBits) - 1n);
}

/** True when two CIDRs in text share an address (false when either does not parse). Pure. */
export function cidrTextsOverlap(first: string, second: string): boolean {
  const a = parseCidr(first);
  const b = parseCidr(second);
  return a !== null && b !== null && cidrsOverlap(a, b);
}
