import { InvalidAttribute } from '@ml2ts/driver-api';

/**
 * One check of ml2ts's request validation: what a value must be, and the function that checks
 * it. Rules are declarative building blocks (strings, integers, lists, objects with their
 * accepted keys) from which the request schemas of every public operation are made.
 */
export interface Rule<T> {
  /** What the rule accepts, as a noun phrase for messages: `a string of at most 255 characters`. */
  readonly expected: string;
  /**
   * Checks `value`, found at `path` of the request (`name`, `fixed_ips[0].ip_address`), and
   * returns it as the operation should use it: a fresh copy of objects and lists holding only
   * checked values, normalized where the rule says so (MAC addresses). Pure and synchronous,
   * runs before any database work. Throws `InvalidAttribute` (400) naming `path`.
   */
  check(value: unknown, path: string): T;
}

/** Longest excerpt of a string value that a message quotes. */
const QUOTED_MAX = 40;

/**
 * A short description of a value for messages, never longer than about 80 characters however
 * large the value: `the number 42`, `the string 'abc'`, `a string of 10485760 characters`,
 * `a list`, `an object`, `null`.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (value.length > QUOTED_MAX) return `a string of ${value.length} characters`;
    return `the string '${value}'`;
  }
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A value as a message quotes it: a short string in quotes, anything else described. */
export function quoted(value: unknown): string {
  return typeof value === 'string' && value.length <= QUOTED_MAX
    ? `'${value}'`
    : describeValue(value);
}

/**
 * The 400 for a value at `path` that is not what a rule accepts: `<path> must be <expected>,
 * not <value described>`.
 */
export function invalidValue(path: string, expected: string, value: unknown): InvalidAttribute {
  return new InvalidAttribute(path, `${path} must be ${expected}, not ${describeValue(value)}`);
}

/** The path of `key` inside the object at `path` (`''` is the request itself). */
export function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
