const MAC_PATTERN = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/**
 * Normalizes a MAC address to lower-case colon form, or returns null when it is not a valid
 * unicast-or-multicast 48-bit address in colon, dash or dotless notation.
 */
export function normalizeMacAddress(value: string): string | null {
  const lower = value.trim().toLowerCase().replace(/-/g, ':');
  const colon = /^[0-9a-f]{12}$/.test(lower) ? lower.match(/../g)!.join(':') : lower;
  if (!MAC_PATTERN.test(colon)) return null;
  if (colon === '00:00:00:00:00:00' || colon === 'ff:ff:ff:ff:ff:ff') return null;
  return colon;
}
