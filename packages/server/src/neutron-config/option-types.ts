/**
 * A value that does not fit its option's type. Carries only what is wrong; the reader adds the
 * file, line and option (see `NeutronConfigError`).
 */
export class OptionValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionValueError';
  }
}

/** How the raw text of an option becomes its value. */
export interface OptionType<T> {
  /** What the option takes, for messages: `an integer from 0 to 65535`, `true or false`. */
  readonly expected: string;
  /** The value of `raw` (already substituted); throws `OptionValueError` when it does not fit. */
  parse(raw: string): T;
}

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0'];
const BOOLEAN_EXPECTED = 'true or false (also yes/no, on/off, 1/0)';
const DICT_EXPECTED = 'a comma-separated list of key:value pairs';
const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'];

/** The option types of Neutron's files. Every `parse` is pure. */
export const optionTypes = {
  /** Any text, kept as written (after quote removal). */
  string: { expected: 'a string', parse: (raw: string) => raw } as OptionType<string>,

  /** Any text; an empty value means "not set" (null). */
  nullableString: {
    expected: 'a string, or nothing',
    parse: (raw: string) => (raw.trim() === '' ? null : raw),
  } as OptionType<string | null>,

  /** `true`/`false`, `yes`/`no`, `on`/`off`, `1`/`0`, in any case. */
  boolean: {
    expected: BOOLEAN_EXPECTED,
    parse(raw: string): boolean {
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.includes(word)) return true;
      if (FALSE_WORDS.includes(word)) return false;
      throw new OptionValueError(`${JSON.stringify(raw)} is not ${BOOLEAN_EXPECTED}`);
    },
  } as OptionType<boolean>,

  /** A whole number, optionally signed, within `min` and `max` when given. */
  integer(range: { min?: number; max?: number } = {}): OptionType<number> {
    const expected = describeRange('an integer', range);
    return {
      expected,
      parse(raw) {
        const text = raw.trim();
        const value = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
        if (!Number.isSafeInteger(value) || outside(value, range)) {
          throw new OptionValueError(`${JSON.stringify(raw)} is not ${expected}`);
        }
        return value;
      },
    };
  },

  /** A decimal number (fractions allowed), within `min` and `max` when given. */
  number(range: { min?: number; max?: number } = {}): OptionType<number> {
    const expected = describeRange('a number', range);
    return {
      expected,
      parse(raw) {
        const text = raw.trim();
        const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
        if (!Number.isFinite(value) || outside(value, range)) {
          throw new OptionValueError(`${JSON.stringify(raw)} is not ${expected}`);
        }
        return value;
      },
    };
  },

  /** One of `choices`, compared without regard to case; answers the choice as listed. */
  choice<C extends string>(choices: readonly C[]): OptionType<C> {
    const expected = `one of ${choices.join(', ')}`;
    return {
      expected,
      parse(raw) {
        const found = choices.find((choice) => choice.toLowerCase() === raw.trim().toLowerCase());
        if (found === undefined) {
          throw new OptionValueError(`${JSON.stringify(raw)} is not ${expected}`);
        }
        return found;
      },
    };
  },

  /**
   * A comma-separated list (`openvswitch,linuxbridge`); entries are trimmed, empty entries
   * dropped, so an empty value is the empty list. Enclosing brackets (`[a, b]`) are allowed.
   */
  list: {
    expected: 'a comma-separated list',
    parse: (raw: string) => splitList(raw),
  } as OptionType<string[]>,

  /**
   * A comma-separated list of `key:value` pairs (`physnet1:br-eth1,physnet2:br-eth2`), split at
   * the first colon, both sides trimmed; each key at most once.
   */
  dict: {
    expected: DICT_EXPECTED,
    parse(raw: string): Record<string, string> {
      const result: Record<string, string> = {};
      for (const entry of splitList(raw)) {
        const colon = entry.indexOf(':');
        const key = colon < 0 ? '' : entry.slice(0, colon).trim();
        if (key === '') {
          throw new OptionValueError(
            `the entry ${JSON.stringify(entry)} is not key:value (${DICT_EXPECTED} expected)`,
          );
        }
        if (RESERVED_KEYS.includes(key) || Object.prototype.hasOwnProperty.call(result, key)) {
          throw new OptionValueError(
            `the key ${JSON.stringify(key)} appears twice or is reserved; each key may appear once`,
          );
        }
        result[key] = entry.slice(colon + 1).trim();
      }
      return result;
    },
  } as OptionType<Record<string, string>>,
};

function splitList(raw: string): string[] {
  let text = raw.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function outside(value: number, range: { min?: number; max?: number }): boolean {
  return (
    (range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)
  );
}

function describeRange(what: string, range: { min?: number; max?: number }): string {
  if (range.min !== undefined && range.max !== undefined) {
    return `${what} from ${range.min} to ${range.max}`;
  }
  if (range.min !== undefined) return `${what} >= ${range.min}`;
  if (range.max !== undefined) return `${what} <= ${range.max}`;
  return what;
}
