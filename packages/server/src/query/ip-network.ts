import { parseInteger, stripWhitespace } from './parse-integer';

/** An IP address with a prefix length, as filters on addresses and CIDRs read them. */
export interface IpNetwork {
  readonly version: 4 | 6;
  /** The address's bytes (4 or 16), host bits included. */
  readonly bytes: readonly number[];
  /** The prefix length (32 or 128 when none was given). */
  readonly prefixLength: number;
}

/**
 * An IPv4 address in dotted form: one to four decimal parts of at most 255 (leading zeros
 * allowed), missing trailing parts being zero (`10.1` is `10.1.0.0`).
 */
function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part) || Number(part) > 255) return undefined;
    bytes.push(Number(part));
  }
  while (bytes.length < 4) bytes.push(0);
  return bytes;
}

/** An IPv6 address: hextets with at most one `::`, optionally ending in a dotted IPv4 address. */
function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const words = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const groups = half.split(':');
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i];
      if (i === groups.length - 1 && group.includes('.')) {
        const v4 = /^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(group) ? parseIpv4(group) : undefined;
        if (v4 === undefined) return undefined;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) {
        out.push(parseInt(group, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = words(halves[0]);
  const tail = halves.length === 2 ? words(halves[1]) : [];
  if (head === undefined || tail === undefined) return undefined;
  let all: number[];
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return undefined;
    all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    all = head;
  }
  return all.flatMap((word) => [word >> 8, word & 0xff]);
}

/** The prefix length a dotted mask stands for: a netmask (`255.255.255.0`) or a hostmask. */
function maskLength(text: string): number | undefined {
  const bytes = parseIpv4(text);
  if (bytes === undefined || text.split('.').length !== 4) return undefined;
  const bits = bytes.map((byte) => byte.toString(2).padStart(8, '0')).join('');
  if (/^1*0*$/.test(bits)) return bits.indexOf('0') < 0 ? 32 : bits.indexOf('0');
  if (/^0*1*$/.test(bits)) return bits.indexOf('1') < 0 ? 32 : bits.indexOf('1');
  return undefined;
}

/**
 * `text` read as an address or a CIDR (`10.0.0.5`, `10.0.0.0/24`, `10.0.0.0/255.255.255.0`,
 * `fe80::1/64`), or undefined when it is neither. Surrounding whitespace is ignored.
 */
export function parseIpNetwork(text: string): IpNetwork | undefined {
  const stripped = stripWhitespace(text);
  const slash = stripped.split('/');
  if (slash.length > 2) return undefined;
  const address = stripWhitespace(slash[0]);
  const version = address.includes(':') ? 6 : 4;
  const bytes = version === 6 ? parseIpv6(address) : parseIpv4(address);
  if (bytes === undefined || address === '') return undefined;
  const maxLength = version === 6 ? 128 : 32;
  if (slash.length === 1) return { version, bytes, prefixLength: maxLength };
  const prefixText = stripWhitespace(slash[1]);
  let prefixLength: number | undefined;
  if (version === 4 && prefixText.includes('.')) {
    prefixLength = maskLength(prefixText);
  } else {
    const parsed = parseInteger(prefixText);
    if (parsed !== undefined && parsed >= 0n && parsed <= BigInt(maxLength)) {
      prefixLength = Number(parsed);
    }
  }
  if (prefixLength === undefined) return undefined;
  return { version, bytes, prefixLength };
}

/** The network of `network`: its host bits cleared. */
export function networkAddress(network: IpNetwork): IpNetwork {
  const bytes = network.bytes.map((byte, index) => {
    const keep = Math.max(0, Math.min(8, network.prefixLength - index * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
  return { ...network, bytes };
}

/** An IPv6 address in its shortest form, the way the C library writes it. */
function formatIpv6(bytes: readonly number[]): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestLength < 2) bestStart = -1;
  const dottedTail =
    bestStart === 0 && (bestLength === 6 || (bestLength === 5 && words[5] === 0xffff));
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (bestStart >= 0 && i >= bestStart && i < bestStart + bestLength) {
      if (i === bestStart) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && dottedTail) {
      out += bytes.slice(12).join('.');
      break;
    }
    out += words[i].toString(16);
  }
  if (bestStart >= 0 && bestStart + bestLength === 8) out += ':';
  return out;
}

/** The address of `network` in canonical form: dotted IPv4, shortest lower-case IPv6. */
export function formatIpAddress(network: IpNetwork): string {
  return network.version === 4 ? network.bytes.join('.') : formatIpv6(network.bytes);
}

/** `network` as `address/prefix` in canonical form (`10.0.0.5/24`, `fe80::/64`). */
export function formatIpNetwork(network: IpNetwork): string {
  return `${formatIpAddress(network)}/${network.prefixLength}`;
}
