/** Parses dotted IPv4 to a number, or null. */
export function parseIpv4(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Parses `a.b.c.d/n` into network address and prefix length, or null. */
export function parseIpv4Cidr(cidr: string): { network: number; prefix: number } | null {
  const [address, prefixText, extra] = cidr.split('/');
  if (extra !== undefined || prefixText === undefined || !/^\d{1,2}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const value = parseIpv4(address);
  if (value === null || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  return { network: value - (value % size), prefix };
}

/** True when `address` lies inside `cidr`. */
export function ipv4InCidr(address: string, cidr: string): boolean {
  const parsed = parseIpv4Cidr(cidr);
  const value = parseIpv4(address);
  if (!parsed || value === null) return false;
  return value - parsed.network >= 0 && value - parsed.network < 2 ** (32 - parsed.prefix);
}

/** True when two IPv4 CIDRs share at least one address (one contains the other's network). */
export function ipv4CidrsOverlap(first: string, second: string): boolean {
  const a = parseIpv4Cidr(first);
  const b = parseIpv4Cidr(second);
  if (!a || !b) return false;
  const shorter = Math.min(a.prefix, b.prefix);
  const size = 2 ** (32 - shorter);
  return Math.floor(a.network / size) === Math.floor(b.network / size);
}
