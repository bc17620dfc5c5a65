import { type AllowedAddressPair } from '@ml2ts/driver-api';

/**
 * A port's `allowed_address_pairs` as its row stores them: JSON of `[{ip_address,
 * mac_address}]`, each pair without a `mac_address` given the port's MAC address `portMac` (as
 * it is when the pairs are written; a later MAC change leaves stored pairs alone). The request
 * rule has checked the entries' formats. Pure.
 */
export function storedAllowedAddressPairs(
  pairs: readonly AllowedAddressPair[],
  portMac: string,
): string {
  return JSON.stringify(
    pairs.map((pair) => ({
      ip_address: pair.ip_address,
      mac_address: pair.mac_address ?? portMac,
    })),
  );
}
