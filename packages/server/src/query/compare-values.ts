import { attributeValue } from './attribute-value';
import { type SortKey } from './list-query';

/** The order of kinds when two values differ in kind: null first, objects last. */
function kindRank(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'boolean') return 1;
  if (typeof value === 'number' || typeof value === 'bigint') return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 4;
  return 5;
}

/**
 * The ascending order of two attribute values: null (or absent) before anything, false before
 * true, numbers by value, strings by their UTF-16 code units (binary order, case-sensitive),
 * lists element by element, objects by their JSON text. Negative, zero or positive.
 */
export function compareValues(a: unknown, b: unknown): number {
  const rankA = kindRank(a);
  const rankB = kindRank(b);
  if (rankA !== rankB) return rankA - rankB;
  switch (rankA) {
    case 0:
      return 0;
    case 1:
    case 2:
    case 3: {
      const x = a as string | number | boolean;
      const y = b as string | number | boolean;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 4: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const order = compareValues(x[i], y[i]);
        if (order !== 0) return order;
      }
      return x.length - y.length;
    }
    default: {
      const x = JSON.stringify(a);
      const y = JSON.stringify(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

/** The order of items by `sorts`: the first key that differs decides, in its direction. */
export function compareItems(sorts: readonly SortKey[]): (a: object, b: object) => number {
  return (a, b) => {
    for (const { attribute, direction } of sorts) {
      const order = compareValues(attributeValue(a, attribute), attributeValue(b, attribute));
      if (order !== 0) return direction === 'asc' ? order : -order;
    }
    return 0;
  };
}
