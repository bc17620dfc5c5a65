import { ConfigurationError } from '@ml2ts/driver-api';
import { parseInteger } from './parse-integer';

/** The largest VXLAN or Geneve VNI (24 bits). */
export const MAX_VNI = 16777215;
/** The largest GRE key (32 bits). */
export const MAX_GRE_ID = 4294967295;

/**
 * Parses tunnel id ranges (`[ml2_type_vxlan] vni_ranges`, `[ml2_type_geneve] vni_ranges`,
 * `[ml2_type_gre] tunnel_id_ranges`): each entry `min:max` with `lowest <= min <= max <=
 * highest`. Returns the ranges in configuration order; overlapping ranges are kept as given.
 *
 * Pure and synchronous. Throws a `ConfigurationError` naming `option` and the bad entry for an
 * entry that is not a string, is not two integers separated by `:`, leaves the bounds or has
 * its minimum above its maximum.
 */
export function parseTunnelRanges(
  entries: readonly unknown[],
  lowest: number,
  highest: number,
  option: string,
): Array<[number, number]> {
  const allowed = `entries must be "min:max" with ${lowest} <= min <= max <= ${highest}`;
  const ranges: Array<[number, number]> = [];
  for (const entry of entries) {
    if (typeof entry !== 'string') throw new ConfigurationError(option, entry, allowed);
    const fields = entry.split(':');
    if (fields.length !== 2) throw new ConfigurationError(option, entry, allowed);
    const min = parseInteger(fields[0]);
    const max = parseInteger(fields[1]);
    if (min === null || max === null || min < lowest || max > highest || min > max) {
      throw new ConfigurationError(option, entry, allowed);
    }
    ranges.push([min, max]);
  }
  return ranges;
}
