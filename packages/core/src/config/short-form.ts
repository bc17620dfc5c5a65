/** Longest JSON text of a value an error message quotes whole. */
const SHORT_FORM_LENGTH = 120;

/**
 * What an error message shows of a configuration value: `value` itself when its JSON is short,
 * else a shortened text (`an array of 3 entries`, `an object with keys a, b`, the start of a long
 * string). Never throws, also for a value too deep or cyclic for JSON.
 */
export function shortForm(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    if (text !== undefined && text.length <= SHORT_FORM_LENGTH) return value;
  } catch {
    // Too deep, cyclic or not JSON: described below.
  }
  if (typeof value !== 'object' || value === null) {
    const text = String(value);
    return text.length <= SHORT_FORM_LENGTH ? text : `${text.slice(0, SHORT_FORM_LENGTH)}...`;
  }
  if (Array.isArray(value)) {
    return `an array of ${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  }
  const keys = Object.getOwnPropertyNames(value);
  const shown = keys.slice(0, 5).join(', ');
  return keys.length === 0
    ? 'an object'
    : `an object with keys ${shown}${keys.length > 5 ? ', ...' : ''}`;
}
