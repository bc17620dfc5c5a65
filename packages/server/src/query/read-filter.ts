import { formatIpNetwork, networkAddress, parseIpNetwork } from './ip-network';
import { InvalidFilterValue } from './list-query-error';
import { type FilterValue, type ListFilter } from './list-query';
import { parseInteger, stripWhitespace } from './parse-integer';
import { type AttributeDescription } from './resource-description';
import { sanitizeMacAddress } from './sanitize-mac-address';

/** The spellings of true and of false a boolean filter takes (after trimming, any case). */
const TRUE_TEXTS = new Set(['1', 't', 'true', 'on', 'y', 'yes']);
const FALSE_TEXTS = new Set(['0', 'f', 'false', 'off', 'n', 'no']);

/** The protocol names a security group rule filter takes, as its error message lists them. */
// prettier-ignore
const PROTOCOL_NAMES = [
  'ah', 'dccp', 'egp', 'esp', 'gre', 'hopopt', 'icmp', 'igmp', 'ip', 'ipip', 'ipv6-encap',
  'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', 'ospf', 'pgm',
  'rsvp', 'sctp', 'tcp', 'udp', 'udplite', 'vrrp',
];
const PROTOCOL_LIST = `[None, ${PROTOCOL_NAMES.map((name) => `'${name}'`).join(', ')}]`;

const ETHERTYPES = ['IPv4', 'IPv6'];

function invalidInput(attribute: string, value: string, reason: string): InvalidFilterValue {
  return new InvalidFilterValue(
    attribute,
    value,
    'InvalidInput',
    `Invalid input for operation: ${reason}.`,
  );
}

/** `value` as a boolean filter reads it, or a 400 `InvalidInput`. */
export function readBoolean(attribute: string, value: string): boolean {
  const text = stripWhitespace(value).toLowerCase();
  if (TRUE_TEXTS.has(text)) return true;
  if (FALSE_TEXTS.has(text)) return false;
  throw invalidInput(attribute, value, `'${value}' cannot be converted to boolean`);
}

function readInteger(attribute: string, value: string): number {
  const parsed = parseInteger(value);
  if (parsed === undefined) throw invalidInput(attribute, value, `'${value}' is not an integer`);
  return Number(parsed);
}

function readCidr(attribute: string, value: string): string {
  const network = parseIpNetwork(value);
  if (network === undefined)
    throw invalidInput(attribute, value, `${value} is not in a CIDR format`);
  return formatIpNetwork(networkAddress(network));
}

function readIpPrefix(attribute: string, value: string): string | null {
  if (value === '') return null;
  const network = parseIpNetwork(value);
  if (network === undefined) {
    throw new InvalidFilterValue(
      attribute,
      value,
      'InvalidCIDR',
      `Invalid CIDR ${value} given as IP prefix.`,
    );
  }
  return formatIpNetwork(network);
}

function readProtocol(attribute: string, value: string): string {
  const number = parseInteger(value);
  if (number !== undefined ? number >= 0n && number <= 255n : false) return value;
  if (number === undefined && PROTOCOL_NAMES.includes(value.toLowerCase())) {
    return value.toLowerCase();
  }
  throw new InvalidFilterValue(
    attribute,
    value,
    'SecurityGroupRuleInvalidProtocol',
    `Security group rule protocol ${value} not supported. Only protocol values ${PROTOCOL_LIST} ` +
      'and integer representations [0 to 255] are supported.',
  );
}

function readPortNumber(attribute: string, value: string): number {
  const number = parseInteger(value);
  if (number !== undefined && number >= 0n && number <= 65535n) return Number(number);
  throw new InvalidFilterValue(
    attribute,
    value,
    'SecurityGroupInvalidPortValue',
    `Invalid value for port ${value}`,
  );
}

function readEthertype(attribute: string, value: string): string {
  const found = ETHERTYPES.find((one) => one.toLowerCase() === value.toLowerCase());
  if (found !== undefined) return found;
  throw new InvalidFilterValue(
    attribute,
    value,
    'SecurityGroupRuleInvalidEtherType',
    `Security group rule for ethertype '${value}' not supported. Allowed values are ` +
      "['IPv4', 'IPv6'].",
  );
}

/** `key=value` split at the first `=`, both sides trimmed; a 400 when there is no key. */
function readKeyValue(attribute: string, value: string): [string, string] {
  const equals = value.indexOf('=');
  const key = stripWhitespace(equals < 0 ? value : value.slice(0, equals));
  if (equals < 0 || key === '') {
    throw invalidInput(attribute, value, `'${value}' is not of the form <key>=[value]`);
  }
  return [key, stripWhitespace(value.slice(equals + 1))];
}

function readFixedIps(attribute: string, values: readonly string[]): ListFilter | null {
  // A bare `fixed_ips` flag (`fixed_ips=True`, as some clients send) asks for nothing.
  if (values.length === 1 && values[0] === 'True') return null;
  const ipAddresses = new Set<string>();
  const subnetIds = new Set<string>();
  for (const value of values) {
    const [key, wanted] = readKeyValue(attribute, value);
    if (key === 'ip_address') ipAddresses.add(wanted);
    else if (key === 'subnet_id') subnetIds.add(wanted);
  }
  return {
    attribute,
    rule: 'fixed-ips',
    ipAddresses: [...ipAddresses],
    subnetIds: [...subnetIds],
  };
}

function distinctTags(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((value) => value.split(',')))];
}

/** One value read by `rule`. */
function readValue(attribute: AttributeDescription, value: string): FilterValue {
  const name = attribute.name;
  switch (attribute.filter) {
    case 'boolean':
    case 'first-boolean':
      return readBoolean(name, value);
    case 'integer':
    case 'segment-integer':
      return readInteger(name, value);
    case 'integer-text': {
      const parsed = parseInteger(value);
      return parsed === undefined ? null : Number(parsed);
    }
    case 'mac':
      return sanitizeMacAddress(value);
    case 'cidr':
      return readCidr(name, value);
    case 'ip-prefix':
      return readIpPrefix(name, value);
    case 'protocol':
      return readProtocol(name, value);
    case 'port-number':
      return readPortNumber(name, value);
    case 'ethertype':
      return readEthertype(name, value);
    default:
      return value;
  }
}

/**
 * The filter `values` (every value of the key, in query order) make on `attribute`, read by its
 * rule; null when they ask for nothing (`fixed_ips=True`). Throws `InvalidFilterValue` (a 400)
 * for the first value its rule cannot read. `first-boolean` reads only the first value.
 */
export function readFilter(
  attribute: AttributeDescription,
  values: readonly string[],
): ListFilter | null {
  const rule = attribute.filter;
  if (rule === null) return null;
  if (rule === 'fixed-ips') return readFixedIps(attribute.name, values);
  if (rule === 'tags' || rule === 'tags-any' || rule === 'not-tags' || rule === 'not-tags-any') {
    return { attribute: attribute.name, rule, values: distinctTags(values) };
  }
  const read = rule === 'first-boolean' ? values.slice(0, 1) : values;
  return { attribute: attribute.name, rule, values: read.map((one) => readValue(attribute, one)) };
}
