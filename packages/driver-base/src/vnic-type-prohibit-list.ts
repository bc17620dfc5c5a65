import { ConfigurationError } from '@ml2ts/driver-api';

/**
 * Removes an administratively prohibited list of vnic types from a driver's supported list,
 * keeping the supported order. Runs at driver construction (start-up); pure, never blocks.
 *
 * Throws `ConfigurationError` naming `option` when an entry is not one of `supported`, or when
 * nothing would be left to support.
 */
export function applyVnicTypeProhibitList(
  supported: readonly string[],
  prohibited: readonly string[],
  option: string,
): readonly string[] {
  const unknown = prohibited.filter((vnicType) => !supported.includes(vnicType));
  if (unknown.length > 0) {
    throw new ConfigurationError(
      option,
      prohibited,
      `every entry must be a vnic type this driver supports (${supported.join(', ')}); ` +
        `not supported: ${unknown.join(', ')}`,
    );
  }
  const remaining = supported.filter((vnicType) => !prohibited.includes(vnicType));
  if (remaining.length === 0) {
    throw new ConfigurationError(
      option,
      prohibited,
      `it must leave at least one of the supported vnic types (${supported.join(', ')})`,
    );
  }
  return remaining;
}
