import { Limits, VifType } from '@ml2ts/driver-api';
import {
  type DriverCapabilities,
  type VifDetailValueType,
  type VifTypeCapability,
} from '@ml2ts/driver-api';

/** The rule the driver API gives a well-known vif_details key (see `VifDetails`). */
interface WellKnownKey {
  readonly types: readonly VifDetailValueType[];
  /** The only values a string may take. */
  readonly values?: readonly string[];
  /** What a string must look like, and how to say it. */
  readonly pattern?: { readonly regex: RegExp; readonly meaning: string };
}

/**
 * The vif_details keys the driver API types, with the JSON types it allows. A driver that uses
 * one of these keys must give it this type (`vlan` is a string of digits, never a number).
 */
export const WELL_KNOWN_VIF_DETAILS: Readonly<Record<string, WellKnownKey>> = {
  port_filter: { types: ['boolean'] },
  ovs_hybrid_plug: { types: ['boolean', 'null'] },
  vlan: { types: ['string'], pattern: { regex: /^\d+$/, meaning: 'a VLAN id in decimal digits' } },
  macvtap_source: { types: ['string'] },
  macvtap_mode: { types: ['string'] },
  physical_interface: { types: ['string'] },
  bridge_name: { types: ['string'] },
  connectivity: { types: ['string'], values: ['l2', 'l3', 'legacy'] },
  datapath_type: { types: ['string'] },
  vhostuser_mode: { types: ['string'], values: ['server', 'client'] },
  vhostuser_socket: { types: ['string'] },
  vhostuser_ovs_plug: { types: ['boolean'] },
};

/** The key the engine computes when a port is read; drivers never set it. */
export const ENGINE_VIF_DETAILS_KEY = 'bound_drivers';

/** vif_type values that mean "not bound"; no driver may declare or set them. */
export const RESERVED_VIF_TYPES: readonly string[] = [
  VifType.UNBOUND,
  VifType.BINDING_FAILED,
  VifType.DISTRIBUTED,
];

/** The JSON type of `value`, or null when it is not a JSON value (undefined, NaN, a Date...). */
export function jsonTypeOf(value: unknown): VifDetailValueType | null {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isFinite(value) ? 'number' : null;
    case 'object': {
      const prototype = Object.getPrototypeOf(value) as unknown;
      return prototype === Object.prototype || prototype === null ? 'object' : null;
    }
    default:
      return null;
  }
}

/** Where inside `value` something is not JSON, or null when all of it is. */
export function nonJsonPath(value: unknown, path: string): string | null {
  const type = jsonTypeOf(value);
  if (type === null) return path;
  if (type === 'array') {
    for (const [index, item] of (value as unknown[]).entries()) {
      const found = nonJsonPath(item, `${path}[${index}]`);
      if (found !== null) return found;
    }
  }
  if (type === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const found = nonJsonPath(item, `${path}.${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}

function typesOf(spec: VifTypeCapability['details'][string]): readonly VifDetailValueType[] {
  return typeof spec.type === 'string' ? [spec.type] : spec.type;
}

/**
 * Everything wrong with `details` set together with `vifType`: not a plain JSON object, longer
 * than 4095 characters serialized, `bound_drivers` set, a well-known key of the wrong type, a key
 * the declaration does not list, a declared key missing or of another type. Empty when the
 * details are fine. Pure; never throws.
 */
export function vifDetailsProblems(
  vifType: string,
  details: unknown,
  capability: VifTypeCapability | undefined,
): string[] {
  const problems: string[] = [];
  if (jsonTypeOf(details) !== 'object') {
    return [`vif_details of ${vifType} must be a plain object, not ${describeValue(details)}`];
  }
  const entries = Object.entries(details as Record<string, unknown>);
  const notJson = nonJsonPath(details, 'vif_details');
  if (notJson !== null) {
    problems.push(`${notJson} is not a JSON value (undefined, NaN, a class instance...)`);
  } else {
    const length = JSON.stringify(details).length;
    if (length > Limits.MAX_VIF_DETAILS_LENGTH) {
      problems.push(
        `vif_details serialize to ${length} characters; at most ${Limits.MAX_VIF_DETAILS_LENGTH} are allowed`,
      );
    }
  }
  for (const [key, value] of entries) {
    if (key === ENGINE_VIF_DETAILS_KEY) {
      problems.push(`${key} is computed by the engine when a port is read; drivers never set it`);
      continue;
    }
    const known = WELL_KNOWN_VIF_DETAILS[key];
    const type = jsonTypeOf(value);
    if (known) {
      if (type === null || !known.types.includes(type)) {
        problems.push(
          `${key} must be ${known.types.join(' or ')} (driver API VifDetails), not ${describeValue(value)}`,
        );
      } else if (known.values && !known.values.includes(value as string)) {
        problems.push(
          `${key} must be one of ${known.values.join(', ')}, not ${describeValue(value)}`,
        );
      } else if (known.pattern && !known.pattern.regex.test(value as string)) {
        problems.push(`${key} must be ${known.pattern.meaning}, not ${describeValue(value)}`);
      }
    }
    if (capability === undefined) continue;
    const spec = capability.details[key];
    if (spec === undefined) {
      problems.push(`${key} is not declared for vif_type ${vifType}`);
    } else if (type === null || !typesOf(spec).includes(type)) {
      problems.push(
        `${key} is declared ${typesOf(spec).join(' or ')} for vif_type ${vifType}, but is ${describeValue(value)}`,
      );
    }
  }
  for (const [key, spec] of Object.entries(capability?.details ?? {})) {
    if (!spec.optional && !Object.hasOwn(details as object, key)) {
      problems.push(`${key} is declared required for vif_type ${vifType}, but is missing`);
    }
  }
  return problems;
}

/**
 * Everything wrong with the vif types a declaration lists: a reserved vif_type (`unbound`,
 * `binding_failed`, `distributed`), `bound_drivers` declared, a well-known key declared with a
 * type the driver API does not allow, a `when` naming an undeclared vnic type. Pure.
 */
export function vifDeclarationProblems(capabilities: DriverCapabilities): string[] {
  const problems: string[] = [];
  const vnicTypes = capabilities.vnicTypes.map((entry) =>
    typeof entry === 'string' ? entry : entry.vnicType,
  );
  for (const [vifType, capability] of Object.entries(capabilities.vifTypes)) {
    if (vifType === '' || RESERVED_VIF_TYPES.includes(vifType)) {
      problems.push(`vif_type "${vifType}" is reserved for ports that are not bound`);
    }
    for (const [key, spec] of Object.entries(capability.details)) {
      if (key === ENGINE_VIF_DETAILS_KEY) {
        problems.push(`${vifType}: ${key} is computed by the engine and cannot be declared`);
        continue;
      }
      const known = WELL_KNOWN_VIF_DETAILS[key];
      const declared = typesOf(spec);
      const foreign = declared.filter((type) => known && !known.types.includes(type));
      if (foreign.length > 0) {
        problems.push(
          `${vifType}: ${key} is declared ${declared.join(' or ')}, but the driver API types it ${known.types.join(' or ')}`,
        );
      }
    }
    const when = capability.when?.vnicType;
    if (when !== undefined && !vnicTypes.includes(when)) {
      problems.push(`${vifType}: "when" names vnic type ${when}, which is not declared`);
    }
  }
  return problems;
}

function describeValue(value: unknown): string {
  const type = jsonTypeOf(value);
  if (type === null) {
    if (value === undefined) return 'undefined';
    if (typeof value === 'number') return `the number ${String(value)}`;
    return `a ${typeof value === 'object' ? (value?.constructor?.name ?? 'object') : typeof value}`;
  }
  return `the ${type} ${JSON.stringify(value)}`;
}
