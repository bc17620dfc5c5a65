import { attributeValue } from './attribute-value';
import { type FixedIpsFilter, type ListFilter, type ValueFilter } from './list-query';

/** The network attributes a provider filter reads on the network or on each of its segments. */
const PROVIDER_ATTRIBUTES = [
  'provider:network_type',
  'provider:physical_network',
  'provider:segmentation_id',
];

function stringList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function equalsAny(filter: ValueFilter, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  return filter.values.some((wanted) => wanted !== null && wanted === value);
}

function matchesFixedIps(filter: FixedIpsFilter, item: object): boolean {
  const fixedIps = stringList(attributeValue(item, filter.attribute)).filter(
    (one): one is Record<string, unknown> => typeof one === 'object' && one !== null,
  );
  const hasAddress =
    filter.ipAddresses.length === 0 ||
    fixedIps.some((ip) => filter.ipAddresses.includes(ip.ip_address as string));
  const hasSubnet =
    filter.subnetIds.length === 0 ||
    fixedIps.some((ip) => filter.subnetIds.includes(ip.subnet_id as string));
  return hasAddress && hasSubnet;
}

function matchesTags(filter: ValueFilter, item: object): boolean {
  const tags = stringList(attributeValue(item, 'tags'));
  const all = filter.values.every((tag) => tags.includes(tag));
  const any = filter.values.some((tag) => tags.includes(tag));
  switch (filter.rule) {
    case 'tags':
      return all;
    case 'tags-any':
      return any;
    case 'not-tags':
      return !all;
    default:
      return !any;
  }
}

function matchesOne(filter: ValueFilter, item: object): boolean {
  const value = attributeValue(item, filter.attribute);
  switch (filter.rule) {
    case 'mac':
      return typeof value === 'string' && equalsAny(filter, value.toLowerCase());
    case 'contains':
      return stringList(value).some((one) => equalsAny(filter, one));
    case 'tags':
    case 'tags-any':
    case 'not-tags':
    case 'not-tags-any':
      return matchesTags(filter, item);
    default:
      return equalsAny(filter, value);
  }
}

/**
 * Whether a network passes its provider filters: the network itself when it shows provider
 * attributes, else one of its `segments`, must match every provider filter; a network with
 * neither passes.
 */
function matchesProvider(filters: readonly ValueFilter[], item: object): boolean {
  if (filters.length === 0) return true;
  const record = item as Record<string, unknown>;
  let segments: unknown[];
  if (PROVIDER_ATTRIBUTES.some((name) => record[name] !== null && record[name] !== undefined)) {
    segments = [record];
  } else if (Array.isArray(record.segments)) {
    segments = record.segments;
  } else {
    return true;
  }
  return segments.some(
    (segment) =>
      typeof segment === 'object' &&
      segment !== null &&
      filters.every((filter) =>
        equalsAny(filter, (segment as Record<string, unknown>)[filter.attribute]),
      ),
  );
}

/** Whether `item` matches every filter (see `FilterRule` for each rule's meaning). */
export function matchesFilters(filters: readonly ListFilter[], item: object): boolean {
  const provider: ValueFilter[] = [];
  for (const filter of filters) {
    if (filter.rule === 'fixed-ips') {
      if (!matchesFixedIps(filter, item)) return false;
    } else if (filter.rule === 'segment' || filter.rule === 'segment-integer') {
      provider.push(filter);
    } else if (!matchesOne(filter, item)) {
      return false;
    }
  }
  return matchesProvider(provider, item);
}
