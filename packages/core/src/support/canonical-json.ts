/**
 * Serializes JSON with object keys sorted at every depth, so that equal objects always produce
 * equal strings. The optimistic binding commit compares serialized profiles: without a
 * canonical form, `{"a":1,"b":2}` and `{"b":2,"a":1}` would look like a concurrent change.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  }
  return sorted;
}

/**
 * Parses a stored JSON object column: `''` and anything that is not a JSON object read back as
 * `{}` (the caller logs unparsable values).
 */
export function parseJsonObject(text: string): { value: Record<string, unknown>; valid: boolean } {
  if (text === '') return { value: {}, valid: true };
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return { value: parsed as Record<string, unknown>, valid: true };
    }
  } catch {
    // fall through: unparsable
  }
  return { value: {}, valid: false };
}
