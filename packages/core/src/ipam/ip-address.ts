/** The IP versions ml2ts handles. */
export type IpVersion = 4 | 6;

/** An IP address: its version and its value as an unsigned integer of 32 or 128 bits. */
export interface IpAddress {
  readonly version: IpVersion;
  readonly value: bigint;
}

/** The number of bits of an address of `version`. Pure. */
export function addressBits(version: IpVersion): number {
  return version === 4 ? 32 : 128;
}

/** The largest address value of `version` (all bits set). Pure. */
export function maxAddressValue(version: IpVersion): bigint {
  return (1n << BigInt(addressBits(version))) - 1n;
}

/**
 * Parses an IPv4 address in canonical dotted-quad form: four decimal octets 0..255 without
 * leading zeros (`10.0.0.05` is refused, as it reads differently elsewhere). Null otherwise. Pure.
 */
export function parseIpv4Address(text: string): IpAddress | null {
  const value = dottedQuadValue(text);
  return value === null ? null : { version: 4, value };
}

/**
 * Parses an IPv6 address in any of its text forms: eight groups of 1..4 hex digits in either
 * case, at most one `::` standing for one or more zero groups, and optionally the last 32 bits
 * as a canonical dotted quad (`::ffff:192.0.2.1`). Zone ids (`fe80::1%eth0`) are refused. Null
 * for anything else. Pure.
 */
export function parseIpv6Address(text: string): IpAddress | null {
  if (text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (head === null || tail === null) return null;
  // A dotted quad may only end the address.
  const last = halves.length === 2 ? tail : head;
  const all = [...head, ...tail];
  const quads = all.filter((group) => typeof group !== 'number');
  if (quads.length > 1 || (quads.length === 1 && last.at(-1) !== quads[0])) return null;
  const width = all.reduce<number>((sum, group) => sum + (typeof group === 'number' ? 1 : 2), 0);
  if (halves.length === 1 ? width !== 8 : width > 7) return null;
  const zeros = halves.length === 2 ? 8 - width : 0;
  let value = 0n;
  const push = (group: number | { ipv4: bigint }) => {
    value =
      typeof group === 'number' ? (value << 16n) | BigInt(group) : (value << 32n) | group.ipv4;
  };
  head.forEach(push);
  for (let index = 0; index < zeros; index += 1) value <<= 16n;
  tail.forEach(push);
  return { version: 6, value };
}

/**
 * Parses an address of either version: IPv4 in canonical dotted-quad form, IPv6 in any text form
 * (see `parseIpv6Address`). Null for anything else. Pure.
 */
export function parseIpAddress(text: string): IpAddress | null {
  return text.includes(':') ? parseIpv6Address(text) : parseIpv4Address(text);
}

/**
 * The canonical text of an address, as ml2ts stores and shows it: IPv4 dotted quad; IPv6 in
 * lower case without leading zeros, the longest run of two or more zero groups (the first of
 * equal runs) written `::`, and the last 32 bits as a dotted quad for IPv4-compatible
 * (`::192.0.2.1`) and IPv4-mapped (`::ffff:192.0.2.1`) addresses. Pure.
 */
export function formatIpAddress(address: IpAddress): string {
  if (address.version === 4) return dottedQuad(address.value);
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) {
    groups.push(Number((address.value >> shift) & 0xffffn));
  }
  const run = longestZeroRun(groups);
  if (run.start === 0 && (run.length === 6 || (run.length === 5 && groups[5] === 0xffff))) {
    const prefix = run.length === 6 ? '::' : '::ffff:';
    return prefix + dottedQuad(address.value & 0xffffffffn);
  }
  const hex = groups.map((group) => group.toString(16));
  if (run.length < 2) return hex.join(':');
  const before = hex.slice(0, run.start).join(':');
  const after = hex.slice(run.start + run.length).join(':');
  return `${before}::${after}`;
}

/** The canonical text of `text` read as an address (see `formatIpAddress`), or null. Pure. */
export function canonicalIpAddress(text: string): string | null {
  const address = parseIpAddress(text);
  return address === null ? null : formatIpAddress(address);
}

/** The value of a canonical dotted quad, or null. */
function dottedQuadValue(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function dottedQuad(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/**
 * The groups of one side of `::`: 16-bit numbers, and an embedded dotted quad as 32 bits. Null
 * when a group is empty, too long or not hex.
 */
function groupsOf(side: string): Array<number | { ipv4: bigint }> | null {
  if (side === '') return [];
  const groups: Array<number | { ipv4: bigint }> = [];
  for (const group of side.split(':')) {
    if (group.includes('.')) {
      const ipv4 = dottedQuadValue(group);
      if (ipv4 === null) return null;
      groups.push({ ipv4 });
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) {
      groups.push(Number.parseInt(group, 16));
    } else {
      return null;
    }
  }
  return groups;
}

/** The first longest run of zero groups. */
function longestZeroRun(groups: readonly number[]): { start: number; length: number } {
  let best = { start: -1, length: 0 };
  let start = -1;
  for (let index = 0; index <= groups.length; index += 1) {
    if (index < groups.length && groups[index] === 0) {
      if (start === -1) start = index;
    } else if (start !== -1) {
      if (index - start > best.length) best = { start, length: index - start };
      start = -1;
    }
  }
  return best;
}
