import { AttributeLimits } from '@ml2ts/driver-api';
import { invalidValue, type Rule } from './rule';

/**
 * The id of the resource an operation addresses (`getPort(id)`, `deleteNetwork(id)`): a string
 * of at most 36 characters, the size of the id columns. Any such string is looked up, so an
 * unknown or malformed one is the operation's 404 (or, for deletes that ignore unknown ids,
 * nothing); a value that is not such a string is a 400.
 */
export const resourceIdRule: Rule<string> = {
  expected: `a resource id (a string of at most ${AttributeLimits.ID_MAX_LENGTH} characters)`,
  check(value, path) {
    if (typeof value !== 'string' || value.length > AttributeLimits.ID_MAX_LENGTH) {
      throw invalidValue(path, this.expected, value);
    }
    return value;
  },
};

/**
 * What `rule` accepts, or `undefined`, which becomes `fallback` checked by `rule` (a fresh copy
 * each time: a parameter's default).
 */
export function withDefault<T>(fallback: T, rule: Rule<T>): Rule<T> {
  return {
    expected: rule.expected,
    check(value, path) {
      return rule.check(value === undefined ? fallback : value, path);
    },
  };
}

/** What `rule` accepts, or `undefined` (an optional parameter left out). */
export function optionalArgument<T>(rule: Rule<T>): Rule<T | undefined> {
  return {
    expected: `${rule.expected}, or nothing`,
    check(value, path) {
      return value === undefined ? undefined : rule.check(value, path);
    },
  };
}
