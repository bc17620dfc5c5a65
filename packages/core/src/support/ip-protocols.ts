/**
 * The IP protocols security group rules name, as Neutron knows them: each name with its
 * number, in Neutron's order (which its error messages list). `icmpv6` is the older name of
 * `ipv6-icmp`.
 */
export const IP_PROTOCOL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['ah', 51],
  ['dccp', 33],
  ['egp', 8],
  ['esp', 50],
  ['gre', 47],
  ['hopopt', 0],
  ['icmp', 1],
  ['igmp', 2],
  ['ip', 0],
  ['ipip', 4],
  ['ipv6-encap', 41],
  ['ipv6-frag', 44],
  ['ipv6-icmp', 58],
  ['icmpv6', 58],
  ['ipv6-nonxt', 59],
  ['ipv6-opts', 60],
  ['ipv6-route', 43],
  ['ospf', 89],
  ['pgm', 113],
  ['rsvp', 46],
  ['sctp', 132],
  ['tcp', 6],
  ['udp', 17],
  ['udplite', 136],
  ['vrrp', 112],
]);

/** Every protocol name a rule takes, in Neutron's order. */
export const IP_PROTOCOL_NAMES: readonly string[] = [...IP_PROTOCOL_NUMBERS.keys()];

/** The protocols whose rules may give a port range (DCCP, SCTP, TCP, UDP, UDP-Lite). */
export const PORT_PROTOCOL_NAMES: readonly string[] = ['dccp', 'sctp', 'tcp', 'udp', 'udplite'];

/** The numbers of `PORT_PROTOCOL_NAMES`. */
const PORT_PROTOCOL_NUMBERS: ReadonlySet<number> = new Set([33, 132, 6, 17, 136]);

/** ICMP and ICMPv6, whose rules give a type and a code instead of ports. */
const ICMP_NUMBERS: ReadonlySet<number> = new Set([1, 58]);

/** The protocols only IPv6 carries, by name and by number as text. */
const IPV6_ONLY_PROTOCOLS: ReadonlySet<string> = new Set([
  'ipv6-encap',
  'ipv6-frag',
  'ipv6-icmp',
  'icmpv6',
  'ipv6-nonxt',
  'ipv6-opts',
  'ipv6-route',
  '41',
  '44',
  '58',
  '59',
  '60',
  '43',
]);

/** Each number's canonical name (the last name listed for it; `icmpv6` is never canonical). */
const NAME_OF_NUMBER: ReadonlyMap<number, string> = new Map(
  [...IP_PROTOCOL_NUMBERS]
    .filter(([name]) => name !== 'icmpv6')
    .map(([name, number]) => [number, name]),
);

/** What kind of port range a protocol takes. */
export type PortRangeKind = 'ports' | 'icmp' | 'none';

/**
 * The number of a rule's protocol: a name through the table, or the number its text is. Pure;
 * `protocol` is a checked protocol (a known name, or the decimal text of 0..255).
 */
export function protocolNumber(protocol: string): number {
  return IP_PROTOCOL_NUMBERS.get(protocol) ?? Number(protocol);
}

/** Whether `protocol` takes ports, an ICMP type and code, or neither. Pure. */
export function portRangeKind(protocol: string): PortRangeKind {
  const number = protocolNumber(protocol);
  if (PORT_PROTOCOL_NUMBERS.has(number)) return 'ports';
  return ICMP_NUMBERS.has(number) ? 'icmp' : 'none';
}

/** True for the protocols only IPv6 carries (`ipv6-icmp`, `ipv6-frag`, `58`, ...). Pure. */
export function isIpv6OnlyProtocol(protocol: string): boolean {
  return IPV6_ONLY_PROTOCOLS.has(protocol);
}

/**
 * A protocol as rules are compared: `name/number`, so that `tcp` and `6` are the same protocol.
 * A number without a name stands for both. Pure.
 */
export function protocolIdentity(protocol: string): string {
  const named = IP_PROTOCOL_NUMBERS.get(protocol);
  if (named !== undefined) return `${protocol}/${named}`;
  const name = NAME_OF_NUMBER.get(Number(protocol));
  return name === undefined ? `${protocol}/${protocol}` : `${name}/${protocol}`;
}
