import { Limits, type VifDetails } from '@ml2ts/driver-api';

/** Nesting deeper than this is refused (JSON of real vif_details is two or three levels deep). */
export const MAX_VIF_DETAILS_DEPTH = 32;

/** What `checkVifDetails` found: a detached copy and its JSON, or what is wrong. */
export type VifDetailsCheck =
  | { readonly ok: true; readonly details: VifDetails; readonly serialized: string }
  | { readonly ok: false; readonly problem: string };

/**
 * Checks that `value` can be stored as `binding:vif_details`: a plain object (no array, no class
 * instance) whose values are, all the way down, strings, finite numbers, booleans, null, arrays
 * or plain objects, with no cycle, at most `MAX_VIF_DETAILS_DEPTH` levels deep, serializing to
 * at most `Limits.MAX_VIF_DETAILS_LENGTH` characters (the size of the `vif_details` column of
 * `ml2_port_bindings`). Keys whose value is `undefined` are dropped, as JSON drops them.
 *
 * On success returns the JSON and a copy parsed back from it, so that later changes to `value`
 * cannot reach the binding. On failure returns a sentence fragment naming the offending path
 * (`vif_details.socket is a BigInt`). Stops early once the size is known to be too large.
 * Synchronous and pure; never throws, even for getters or proxies that do.
 */
export function checkVifDetails(value: unknown): VifDetailsCheck {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
      return { ok: false, problem: `vif_details must be a plain object, not ${what}` };
    }
    const budget = { used: 0 };
    const problem = problemOf(value, 'vif_details', [], budget);
    if (problem !== null) return { ok: false, problem };
    const serialized = JSON.stringify(value);
    if (serialized.length > Limits.MAX_VIF_DETAILS_LENGTH) {
      return { ok: false, problem: tooLarge(`${serialized.length} characters`) };
    }
    return { ok: true, details: JSON.parse(serialized) as VifDetails, serialized };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `reading vif_details threw: ${message}` };
  }
}

function tooLarge(size: string): string {
  return (
    `vif_details serialize to ${size}; at most ${Limits.MAX_VIF_DETAILS_LENGTH} fit the ` +
    'vif_details column'
  );
}

/** The first problem found in `value` at `path`, or null; counts characters into `budget`. */
function problemOf(
  value: unknown,
  path: string,
  ancestors: object[],
  budget: { used: number },
): string | null {
  switch (typeof value) {
    case 'string':
      budget.used += value.length + 2;
      return overBudget(budget);
    case 'number':
      budget.used += 1;
      return Number.isFinite(value) ? null : `${path} is ${value}, which JSON cannot hold`;
    case 'boolean':
      budget.used += 4;
      return null;
    case 'bigint':
      return `${path} is a BigInt (${value}n), which JSON cannot hold; give a number or a string`;
    case 'undefined':
      return `${path} is undefined`;
    case 'function':
      return `${path} is a function, which JSON cannot hold`;
    case 'symbol':
      return `${path} is a symbol, which JSON cannot hold`;
  }
  if (value === null) {
    budget.used += 4;
    return null;
  }
  if (typeof value !== 'object') return `${path} cannot be stored as JSON`;
  if (ancestors.includes(value)) return `${path} refers back to one of its parents (a cycle)`;
  if (ancestors.length >= MAX_VIF_DETAILS_DEPTH) {
    return `${path} is nested more than ${MAX_VIF_DETAILS_DEPTH} levels deep`;
  }
  const inside = [...ancestors, value];
  budget.used += 2;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const problem = overBudget(budget) ?? problemOf(item, `${path}[${index}]`, inside, budget);
      if (problem !== null) return problem;
    }
    return null;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return `${path} is ${typeof name === 'string' && name !== '' ? `a ${name}` : 'an instance of a class'}, not a plain object`;
  }
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    budget.used += key.length + 3;
    const problem = overBudget(budget) ?? problemOf(item, `${path}${keyPath(key)}`, inside, budget);
    if (problem !== null) return problem;
  }
  return null;
}

/** The size problem once the characters counted exceed the column, else null. */
function overBudget(budget: { used: number }): string | null {
  return budget.used > Limits.MAX_VIF_DETAILS_LENGTH
    ? tooLarge(`more than ${Limits.MAX_VIF_DETAILS_LENGTH} characters`)
    : null;
}

function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
