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

/**
 * A generated MAC address on `baseMac`: its first three octets are the base's, the fourth is
 * the base's too unless that is `00`, and the rest come from `random` (any MAC address, whose
 * later octets serve as the random part). Lower case; pure, never throws for valid inputs.
 */
export function macOnBase(baseMac: string, random: string): string {
  const base = baseMac.toLowerCase().split(':');
  const octets = random.toLowerCase().split(':');
  return [base[0], base[1], base[2], base[3] === '00' ? octets[3] : base[3], octets[4], octets[5]]
    .map((octet) => octet.padStart(2, '0'))
    .join(':');
}
