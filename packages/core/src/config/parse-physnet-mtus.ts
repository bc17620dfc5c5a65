import { ConfigurationError } from '@ml2ts/driver-api';
import { parseInteger } from './parse-integer';

const ALLOWED =
  'entries must be "physnet:mtu" with a non-empty physnet named once and an integer mtu >= 0';

/**
 * Parses `[ml2] physical_network_mtus` into physical network → MTU, in configuration order.
 *
 * Pure and synchronous. Throws a `ConfigurationError` naming `option` and the bad entry for an
 * entry that is not a string, is not `physnet:mtu`, has an empty physnet, names a physnet a
 * second time, or has an MTU that is not an integer >= 0.
 */
export function parsePhysnetMtus(
  entries: readonly unknown[],
  option = 'ml2.physical_network_mtus',
): Map<string, number> {
  const mtus = new Map<string, number>();
  for (const entry of entries) {
    if (typeof entry !== 'string') throw new ConfigurationError(option, entry, ALLOWED);
    const fields = entry.split(':');
    if (fields.length !== 2) throw new ConfigurationError(option, entry, ALLOWED);
    const physnet = fields[0].trim();
    const mtu = parseInteger(fields[1]);
    if (physnet === '' || mtus.has(physnet) || mtu === null || mtu < 0) {
      throw new ConfigurationError(option, entry, ALLOWED);
    }
    mtus.set(physnet, mtu);
  }
  return mtus;
}
