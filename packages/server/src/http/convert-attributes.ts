import { invalidAttributeValue } from '../errors';

/** How Neutron's API converts one attribute before validating it. */
type Converter = (value: unknown, name: string) => unknown;

/**
 * `true`/`false` also as the strings `true`, `false`, `1`, `0` (any case) and the integers 1
 * and 0, as clients of Neutron's API send them. Anything else is a 400.
 */
export const toBoolean: Converter = (value, name) => {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (text === 'true' || text === '1' || text === 1) return true;
  if (text === 'false' || text === '0' || text === 0) return false;
  throw invalidAttributeValue(name, `'${String(value)}' cannot be converted to boolean`);
};

/** Integers also as decimal strings (`"101"`), as the openstack CLI sends them. */
export const toInteger: Converter = (value, name) => {
  if (typeof value === 'number' || value === null) return value;
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number(value);
  throw invalidAttributeValue(name, `'${String(value)}' is not an integer`);
};

/**
 * A port number also as decimal text (`"22"`), as Neutron's API takes it; anything else passes
 * on for the engine to refuse (400 `SecurityGroupInvalidPortValue`).
 */
export const toPortNumber: Converter = (value) =>
  typeof value === 'string' && /^\s*\d{1,5}\s*$/.test(value) ? Number(value) : value;

/** The converters of one resource's attributes, by attribute name. */
export type AttributeConverters = Readonly<Record<string, Converter>>;

const providerConverters: AttributeConverters = { 'provider:segmentation_id': toInteger };

/** Each collection's converted attributes (those absent here pass through unchanged). */
export const ATTRIBUTE_CONVERTERS: Readonly<Record<string, AttributeConverters>> = {
  network: {
    admin_state_up: toBoolean,
    shared: toBoolean,
    'router:external': toBoolean,
    vlan_transparent: toBoolean,
    port_security_enabled: toBoolean,
    mtu: toInteger,
    ...providerConverters,
  },
  subnet: { ip_version: toInteger, enable_dhcp: toBoolean },
  port: { admin_state_up: toBoolean, port_security_enabled: toBoolean },
  segment: { segmentation_id: toInteger },
  agent: { admin_state_up: toBoolean },
  security_group: { stateful: toBoolean },
  security_group_rule: { port_range_min: toPortNumber, port_range_max: toPortNumber },
};

function convertWith(
  converters: AttributeConverters,
  attributes: Record<string, unknown>,
): Record<string, unknown> {
  const converted: Record<string, unknown> = { ...attributes };
  for (const [name, convert] of Object.entries(converters)) {
    if (converted[name] !== undefined) converted[name] = convert(converted[name], name);
  }
  return converted;
}

/**
 * A create or update body's attributes with Neutron's conversions applied (booleans and
 * integers given as strings, the provider attributes of each `segments` entry); a value that
 * cannot be converted is a 400 naming the attribute. Pure.
 */
export function convertAttributes(
  resource: string,
  attributes: Record<string, unknown>,
): Record<string, unknown> {
  const converted = convertWith(ATTRIBUTE_CONVERTERS[resource] ?? {}, attributes);
  if (resource === 'network' && Array.isArray(converted.segments)) {
    converted.segments = converted.segments.map((segment: unknown) =>
      typeof segment === 'object' && segment !== null && !Array.isArray(segment)
        ? convertWith(providerConverters, segment as Record<string, unknown>)
        : segment,
    );
  }
  return converted;
}
