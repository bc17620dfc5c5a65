/**
 * Reads a decimal integer written in a configuration entry (surrounding blanks allowed, an
 * optional sign, digits only). Returns null for anything else, including numbers too large to
 * be exact. Never throws.
 */
export function parseInteger(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}
