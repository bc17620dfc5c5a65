import { VERSIONED_OBJECT_NAMESPACE, type VersionedObjectPrimitive } from '@ml2ts/agent-rpc';

/**
 * The versions of the objects nested inside the ones agents cache (a port's bindings, levels,
 * fixed IPs and address pairs; a network's segments; a subnet's pools, DNS servers and routes),
 * as Neutron 21's agents expect them whatever version of the outer object they asked for.
 */
export const NESTED_OBJECT_VERSIONS = {
  PortBinding: '1.0',
  PortBindingLevel: '1.1',
  NetworkSegment: '1.0',
  IPAllocation: '1.0',
  AllowedAddressPair: '1.0',
  IPAllocationPool: '1.0',
  DNSNameServer: '1.0',
  Route: '1.0',
} as const;

/**
 * One versioned object: `name` at `version` in the `versionedobjects` namespace, carrying
 * `data`, with no `versioned_object.changes` (ml2ts sends the whole current state). Pure.
 */
export function versionedObject(
  name: string,
  version: string,
  data: Record<string, unknown>,
): VersionedObjectPrimitive {
  return {
    'versioned_object.name': name,
    'versioned_object.namespace': VERSIONED_OBJECT_NAMESPACE,
    'versioned_object.version': version,
    'versioned_object.data': data,
  };
}

/**
 * Sets `data[key]` to `value` unless `value` is null: an object Neutron loads from its database
 * leaves out every column that holds NULL (the field stays unset), while fields it computes are
 * always there. ml2ts follows the same rule for its own nullable columns. Mutates `data`.
 */
export function setUnlessNull(data: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== null && value !== undefined) data[key] = value;
}

/**
 * `value` as JSON text in the form Neutron's servers write a dictionary field of a versioned
 * object (`binding:profile`, `binding:vif_details`): `, ` and `: ` between items, keys in their
 * order, every character outside printable ASCII escaped as `\uXXXX`. Agents parse it back, so
 * only the form differs from `JSON.stringify`. Pure; undefined and functions become `null`.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (Number.isFinite(value)) return JSON.stringify(value);
      return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    case 'bigint':
      return value.toString();
    case 'object':
      if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
      return `{${Object.entries(value as Record<string, unknown>)
        .map(([key, item]) => `${quoted(key)}: ${pythonJsonDumps(item)}`)
        .join(', ')}}`;
    default:
      return 'null';
  }
}

/** A JSON string literal with everything outside ` `..`~` escaped. */
function quoted(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
