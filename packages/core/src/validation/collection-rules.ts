import { AttributeLimits, InvalidAttribute } from '@ml2ts/driver-api';
import { canonicalJson } from '../support/canonical-json';
import { describeValue, invalidValue, quoted, type Rule } from './rule';

/**
 * A list of at most `maxEntries` entries, each checked by `entry` at `path[i]`. `unique` refuses
 * an entry equal (as JSON) to an earlier one. Returns a fresh list of the checked entries.
 */
export function listRule<T>(
  entry: Rule<T>,
  maxEntries: number,
  options: { unique?: boolean } = {},
): Rule<T[]> {
  const expected = `a list of at most ${maxEntries} entries, each ${entry.expected}`;
  return {
    expected,
    check(value, path) {
      if (!Array.isArray(value) || value.length > maxEntries) {
        throw invalidValue(path, expected, value);
      }
      const checked = value.map((item, index) => entry.check(item, `${path}[${index}]`));
      if (options.unique) {
        const seen = new Set<string>();
        checked.forEach((item, index) => {
          const key = JSON.stringify(item);
          if (seen.has(key)) {
            throw new InvalidAttribute(
              `${path}[${index}]`,
              `${path}[${index}] repeats an earlier entry (${describeValue(item)}); give each once`,
            );
          }
          seen.add(key);
        });
      }
      return checked;
    },
  };
}

/**
 * An object mapping strings to strings (agent `resource_versions`): at most `maxEntries`
 * entries, keys and values of at most `maxFieldLength` characters, serialized JSON of at most
 * `maxSerializedLength` characters. Returns a fresh plain object.
 */
export function stringMapRule(options: {
  maxEntries: number;
  maxFieldLength: number;
  maxSerializedLength: number;
}): Rule<Record<string, string>> {
  const expected =
    `an object of at most ${options.maxEntries} string values, keys and values of at most ` +
    `${options.maxFieldLength} characters`;
  return {
    expected,
    check(value, path) {
      if (!isPlainObject(value)) throw invalidValue(path, expected, value);
      const entries = Object.entries(value);
      if (entries.length > options.maxEntries) throw invalidValue(path, expected, value);
      const copy: Record<string, string> = {};
      for (const [key, entry] of entries) {
        if (key.length > options.maxFieldLength || key === '__proto__') {
          throw new InvalidAttribute(
            path,
            `${path} has the key ${quoted(key)}; keys must be strings of at most ` +
              `${options.maxFieldLength} characters other than __proto__`,
          );
        }
        if (typeof entry !== 'string' || entry.length > options.maxFieldLength) {
          throw invalidValue(
            `${path}.${key}`,
            `a string of at most ${options.maxFieldLength} characters`,
            entry,
          );
        }
        copy[key] = entry;
      }
      const length = JSON.stringify(copy).length;
      if (length > options.maxSerializedLength) {
        throw new InvalidAttribute(
          path,
          `${path} is too large: its JSON has ${length} characters, at most ` +
            `${options.maxSerializedLength} are allowed`,
        );
      }
      return copy;
    },
  };
}

/**
 * A JSON object (`binding:profile`, agent `configurations`): plain objects, lists, strings,
 * finite numbers, booleans and null only, nested at most `MAX_JSON_DEPTH` deep, no
 * `__proto__` key, and a canonical serialization of at most `maxSerializedLength` characters
 * (otherwise the message starts with `<tooLargeLabel> value too large`). Returns a fresh deep
 * copy, so later changes to the caller's object cannot reach what is stored.
 */
export function jsonObjectRule(options: {
  maxSerializedLength: number;
  tooLargeLabel?: string;
}): Rule<Record<string, unknown>> {
  const expected = 'a JSON object';
  return {
    expected,
    check(value, path) {
      if (!isPlainObject(value)) throw invalidValue(path, expected, value);
      const copy = copyJson(value, path, 0, path) as Record<string, unknown>;
      const length = canonicalJson(copy).length;
      if (length > options.maxSerializedLength) {
        throw new InvalidAttribute(
          path,
          `${options.tooLargeLabel ?? path} value too large: its JSON has ${length} characters, ` +
            `at most ${options.maxSerializedLength} are allowed`,
        );
      }
      return copy;
    },
  };
}

/** True for `{}`-like objects: not null, not a list, prototype Object.prototype or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A deep copy of a JSON value at `path`, checked as `jsonObjectRule` says; `root` is the
 * attribute a too-deep value is reported on (its own path would be as deep as the value).
 */
function copyJson(value: unknown, path: string, depth: number, root: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidValue(path, 'a JSON value', value);
    return value;
  }
  if (depth >= AttributeLimits.MAX_JSON_DEPTH) {
    throw new InvalidAttribute(
      root,
      `${root} is nested more than ${AttributeLimits.MAX_JSON_DEPTH} levels deep`,
    );
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => copyJson(item, `${path}[${index}]`, depth + 1, root));
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__') {
        throw new InvalidAttribute(path, `${path} may not have the key __proto__`);
      }
      copy[key] = copyJson(item, `${path}.${key}`, depth + 1, root);
    }
    return copy;
  }
  throw invalidValue(path, 'a JSON value (object, list, string, number, boolean or null)', value);
}
