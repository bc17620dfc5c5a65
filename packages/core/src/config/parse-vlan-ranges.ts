import { ConfigurationError } from '@ml2ts/driver-api';
import { parseInteger } from './parse-integer';

/** The smallest VLAN id a range may hold. */
export const MIN_VLAN_TAG = 1;
/** The largest VLAN id a range may hold. */
export const MAX_VLAN_TAG = 4094;

const ALLOWED = `entries must be "physnet" (all VLANs ${MIN_VLAN_TAG}..${MAX_VLAN_TAG}) or "physnet:min:max" with ${MIN_VLAN_TAG} <= min <= max <= ${MAX_VLAN_TAG} and a non-empty physnet`;

/**
 * Parses `[ml2_type_vlan] network_vlan_ranges` into physical network → VLAN ranges.
 *
 * - `physnet:min:max` adds the range `[min, max]` to `physnet`; several ranges of one physnet
 *   accumulate in configuration order.
 * - A bare `physnet` means the whole range `[1, 4094]`: it replaces the explicit ranges given
 *   for that physnet, before or after it.
 * - Physical networks keep the order of their first entry (tenant VLANs are taken from them in
 *   that order).
 *
 * Pure and synchronous. Throws a `ConfigurationError` naming `option` and the bad entry for an
 * entry that is not a string, has the wrong number of fields, an empty physnet, a non-integer
 * id, an id outside 1..4094 or a minimum above its maximum.
 */
export function parseVlanRanges(
  entries: readonly unknown[],
  option = 'ml2_type_vlan.network_vlan_ranges',
): Map<string, Array<[number, number]>> {
  const ranges = new Map<string, Array<[number, number]>>();
  const wholeRange = new Set<string>();
  for (const entry of entries) {
    if (typeof entry !== 'string') throw new ConfigurationError(option, entry, ALLOWED);
    const fields = entry.trim().split(':');
    const physnet = fields[0].trim();
    if (physnet === '' || (fields.length !== 1 && fields.length !== 3)) {
      throw new ConfigurationError(option, entry, ALLOWED);
    }
    if (fields.length === 1) {
      ranges.set(physnet, [[MIN_VLAN_TAG, MAX_VLAN_TAG]]);
      wholeRange.add(physnet);
      continue;
    }
    const min = parseInteger(fields[1]);
    const max = parseInteger(fields[2]);
    if (min === null || max === null || min < MIN_VLAN_TAG || max > MAX_VLAN_TAG || min > max) {
      throw new ConfigurationError(option, entry, ALLOWED);
    }
    if (wholeRange.has(physnet)) continue;
    const list = ranges.get(physnet);
    if (list) list.push([min, max]);
    else ranges.set(physnet, [[min, max]]);
  }
  return ranges;
}
