import { types } from 'node:util';

/** The most objects `findReference` looks at before it gives up (and reports nothing). */
export const MAX_REFERENCE_SEARCH = 20_000;

/** One object waiting to be looked at, with the path it was reached by. */
interface Reached {
  readonly value: object;
  readonly path: string;
}

/**
 * Where one of `targets` can be reached from `root`, breadth first: through own properties
 * (data properties only: no getter is called), array entries, `Map` keys and values, `Set`
 * values, and, for `root`, the static properties of its class and its base classes. Returns the
 * path of the nearest one found (`driver.kept`, `driver.contexts.get("port-1")`,
 * `MyDriver.last`), or null.
 *
 * What state a driver holds that reflection cannot see (closures, `#private` fields, `WeakMap`
 * entries, module variables) is not searched. At most `MAX_REFERENCE_SEARCH` objects are looked
 * at, so a reference deep in a large object graph may be missed; a reference is never reported
 * where there is none. Synchronous; never throws (a value that throws when read is skipped).
 */
export function findReference(
  root: object,
  targets: ReadonlySet<object>,
  rootName: string,
): string | null {
  const seen = new Set<object>([root]);
  const queue: Reached[] = [{ value: root, path: rootName }];
  for (const base of classesOf(root)) {
    seen.add(base.value);
    queue.push(base);
  }
  for (let next = 0; next < queue.length && next < MAX_REFERENCE_SEARCH; next += 1) {
    const { value, path } = queue[next];
    if (targets.has(value)) return path;
    for (const child of childrenOf(value, path)) {
      if (seen.has(child.value)) continue;
      seen.add(child.value);
      queue.push(child);
    }
  }
  return null;
}

/**
 * The classes `root` is an instance of, its own first, up to (not including) `Object`, each with
 * its name as its path.
 */
function classesOf(root: object): Reached[] {
  const classes: Reached[] = [];
  for (
    let prototype: unknown = Object.getPrototypeOf(root);
    typeof prototype === 'object' && prototype !== null;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    const constructor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value as unknown;
    if (typeof constructor !== 'function' || constructor === Object) break;
    const name: unknown = constructor.name;
    classes.push({ value: constructor, path: typeof name === 'string' && name ? name : 'class' });
  }
  return classes;
}

/** The objects `value` holds, with their paths; empty for a value that throws when read. */
function childrenOf(value: object, path: string): Reached[] {
  const children: Reached[] = [];
  const add = (child: unknown, childPath: string) => {
    if ((typeof child === 'object' && child !== null) || typeof child === 'function') {
      children.push({ value: child, path: childPath });
    }
  };
  try {
    if (types.isProxy(value) || ArrayBuffer.isView(value)) return children;
    if (types.isMap(value)) {
      for (const [key, entry] of value as Map<unknown, unknown>) {
        add(key, `${path}.keys()`);
        add(entry, `${path}.get(${describeKey(key)})`);
      }
    } else if (types.isSet(value)) {
      for (const entry of value as Set<unknown>) add(entry, `${path}.values()`);
    }
    const isArray = Array.isArray(value);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined || !('value' in descriptor)) continue;
      const name = typeof key === 'symbol' ? `[${key.toString()}]` : key;
      add(
        descriptor.value,
        isArray && typeof key === 'string' ? `${path}[${name}]` : `${path}.${name}`,
      );
    }
  } catch {
    // An exotic object that throws when read holds nothing we can reach.
  }
  return children;
}

/** A `Map` key in a path: strings and numbers as JSON, anything else by its type. */
function describeKey(key: unknown): string {
  return typeof key === 'string' || typeof key === 'number' ? JSON.stringify(key) : typeof key;
}
