/**
 * Freezes `value` and every object and array reachable from it, so the configuration handed to
 * drivers cannot be changed. Returns `value`. Synchronous; never throws for JSON-like data.
 */
export function freezeDeep<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freezeDeep(child);
  }
  return value;
}
