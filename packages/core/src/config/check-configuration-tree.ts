import { ConfigurationError } from '@ml2ts/driver-api';
import { MAX_CONFIGURATION_DEPTH, RESERVED_CONFIGURATION_KEYS } from './configuration-limits';
import { shortForm } from './short-form';

/** How `checkConfigurationTree` reads the value it walks. */
export interface ConfigurationTreeOptions {
  /**
   * A key of the outermost object whose object holds sections (`pluginSections` of an
   * `Ml2Configuration`): it does not count as a level of nesting.
   */
  readonly sectionsKey?: string;
}

/**
 * Checks the structure of configuration input before anything merges, copies or freezes it:
 * every object and array, at any depth, and every key of each.
 *
 * - No key is reserved (see `RESERVED_CONFIGURATION_KEYS`), dotted parts included: a
 *   `__proto__` that `JSON.parse` made an own property, or one written as a computed key.
 * - No object inherits enumerable properties: `{ __proto__: { ml2: ... } }` written as an object
 *   literal sets the prototype instead of a section, and would otherwise be ignored.
 * - Nothing nests deeper than `MAX_CONFIGURATION_DEPTH` levels, and no object contains itself.
 * - No value is a function or a symbol (what cannot be copied).
 *
 * Reads own properties only, never recurses past the depth limit and never changes the input.
 * Synchronous; throws a `ConfigurationError` naming the path (`tor.switches.__proto__`,
 * `ml2.mechanism_drivers[0]`; empty for the outermost value), a short form of the value, what is
 * allowed, and `source`.
 */
export function checkConfigurationTree(
  root: unknown,
  source: string,
  options: ConfigurationTreeOptions = {},
): void {
  const ancestors = new Set<object>();
  const visit = (value: unknown, path: string, depth: number): void => {
    if (typeof value === 'function' || typeof value === 'symbol') {
      throw new ConfigurationError(path, String(value), `must be a JSON value (in ${source})`);
    }
    if (typeof value !== 'object' || value === null || isBinary(value)) return;
    if (depth > MAX_CONFIGURATION_DEPTH) {
      throw new ConfigurationError(
        path,
        shortForm(value),
        `nests objects and arrays more than ${MAX_CONFIGURATION_DEPTH} levels deep; at most ` +
          `${MAX_CONFIGURATION_DEPTH} levels are allowed (in ${source})`,
      );
    }
    if (ancestors.has(value)) {
      throw new ConfigurationError(
        path,
        shortForm(value),
        `contains itself; a configuration must be a tree of JSON values (in ${source})`,
      );
    }
    checkPrototype(value, path, source);
    ancestors.add(value);
    const isArray = Array.isArray(value);
    for (const key of Object.getOwnPropertyNames(value)) {
      if (isArray && key === 'length') continue;
      const child: unknown = Reflect.get(value, key);
      const childPath = isArray ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
      if (isReservedKey(key)) {
        throw new ConfigurationError(
          childPath,
          shortForm(child),
          `${JSON.stringify(key)} cannot name a section or an option (reserved: ` +
            `${RESERVED_CONFIGURATION_KEYS.join(', ')}, also as a part of a dotted key) (in ${source})`,
        );
      }
      const flat = path === '' && key === options.sectionsKey;
      visit(child, childPath, flat ? depth : depth + 1);
    }
    ancestors.delete(value);
  };
  visit(root, '', 1);
}

/** True when `key`, or a part of it between dots, is a reserved key. */
function isReservedKey(key: string): boolean {
  return key.split('.').some((part) => RESERVED_CONFIGURATION_KEYS.includes(part));
}

/**
 * Refuses an object whose prototype chain holds enumerable properties: whatever they set would
 * be silently ignored (only own properties are read), as it is for `{ __proto__: {...} }`.
 */
function checkPrototype(value: object, path: string, source: string): void {
  for (
    let prototype: unknown = Object.getPrototypeOf(value);
    typeof prototype === 'object' && prototype !== null;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    const inherited = Object.keys(prototype);
    if (inherited.length > 0) {
      throw new ConfigurationError(
        path === '' ? '__proto__' : `${path}.__proto__`,
        shortForm(prototype),
        `the prototype of ${path === '' ? 'the outermost object' : path} sets ` +
          `${inherited.map((key) => JSON.stringify(key)).join(', ')}, which would be ignored: ` +
          '"__proto__" cannot name a section or an option; set options as own properties ' +
          `(in ${source})`,
      );
    }
  }
}

/** Typed arrays, `Buffer`s and array buffers: copied as they are, never walked key by key. */
function isBinary(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}
