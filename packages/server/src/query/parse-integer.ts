/**
 * The characters that count as surrounding whitespace when a query value is read as a number
 * or a boolean: ASCII whitespace, the information separators, NEL and the Unicode spaces.
 */
const WHITESPACE =
  '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const SURROUNDING_WHITESPACE = new RegExp(`^${WHITESPACE}+|${WHITESPACE}+$`, 'g');

/** `text` without surrounding whitespace (in the sense above). */
export function stripWhitespace(text: string): string {
  return text.replace(SURROUNDING_WHITESPACE, '');
}

/** A decimal integer: a sign, then ASCII digits with single underscores between them. */
const INTEGER = /^[+-]?[0-9]+(?:_[0-9]+)*$/;

/**
 * `text` read as a decimal integer the way Neutron reads integer query values (`' 12 '`, `'+3'`,
 * `'007'`, `'1_000'` are integers; `''`, `'1.0'`, `'0x1'` are not), or undefined. Exact at
 * any size.
 */
export function parseInteger(text: string): bigint | undefined {
  const stripped = stripWhitespace(text);
  if (!INTEGER.test(stripped)) return undefined;
  return BigInt(stripped.replace(/_/g, ''));
}
