import { invalidValue, type Rule } from './rule';

/**
 * A string of at most `maxLength` characters (UTF-16 code units, as the columns count them);
 * `nonEmpty` refuses `''`.
 */
export function stringRule(maxLength: number, options: { nonEmpty?: boolean } = {}): Rule<string> {
  const expected = options.nonEmpty
    ? `a non-empty string of at most ${maxLength} characters`
    : `a string of at most ${maxLength} characters`;
  return {
    expected,
    check(value, path) {
      if (typeof value !== 'string' || value.length > maxLength) {
        throw invalidValue(path, expected, value);
      }
      if (options.nonEmpty && value === '') throw invalidValue(path, expected, value);
      return value;
    },
  };
}

/** An integer (a JS number without a fraction) within `[min, max]`. */
export function integerRule(min: number, max: number): Rule<number> {
  const expected = `an integer from ${min} to ${max}`;
  return {
    expected,
    check(value, path) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw invalidValue(path, expected, value);
      }
      return value;
    },
  };
}

/** `true` or `false` (no strings, no numbers). */
export const booleanRule: Rule<boolean> = {
  expected: 'true or false',
  check(value, path) {
    if (typeof value !== 'boolean') throw invalidValue(path, this.expected, value);
    return value;
  },
};

/** One of `values`, compared exactly. */
export function enumRule<T extends string | number>(values: readonly T[]): Rule<T> {
  const expected = `one of ${values.map((entry) => JSON.stringify(entry)).join(', ')}`;
  return {
    expected,
    check(value, path) {
      if (!(values as readonly unknown[]).includes(value))
        throw invalidValue(path, expected, value);
      return value as T;
    },
  };
}

/** What `rule` accepts, or null. */
export function nullable<T>(rule: Rule<T>): Rule<T | null> {
  return {
    expected: `${rule.expected}, or null`,
    check(value, path) {
      return value === null ? null : rule.check(value, path);
    },
  };
}
