/** The spellings of a MAC address a filter accepts, each capturing its hex groups. */
const MAC_FORMS: readonly RegExp[] = [
  /^([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})$/i,
  /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i,
  /^([0-9a-f]{6})[:-]([0-9a-f]{6})$/i,
  /^([0-9a-f]{12})$/i,
];

/**
 * A MAC address filter value in the form ports show (`fa:16:3e:8d:fa:2c`): `FA-16-3E-8D-FA-2C`,
 * `fa16.3e8d.fa2c`, `fa163e8dfa2c` and single-digit groups (`a:b:c:d:e:f`) are rewritten; any
 * other text is returned unchanged (it then matches no port).
 */
export function sanitizeMacAddress(value: string): string {
  for (const form of MAC_FORMS) {
    const match = form.exec(value.trim());
    if (match === null) continue;
    const groups = match.slice(1);
    const hex =
      groups.length === 6
        ? groups.map((group) => group.padStart(2, '0')).join('')
        : groups.join('');
    return (hex.toLowerCase().match(/../g) ?? []).join(':');
  }
  return value;
}
