import { type ListQuery } from '../query';

/**
 * What a list query pins down: attribute name to the one value every listed resource has (an
 * `exact` filter with a single string value). A collection may read only the resources with
 * those values instead of all of them; the query still filters what it answers, so using this is
 * an optimisation, never a change of the answer.
 */
export type ListNarrowing = ReadonlyMap<string, string>;

/**
 * The narrowing of `query`: its single-valued `exact` string filters. Empty when the query pages
 * from a marker, which must be found among all resources (an unknown marker is a 404 for some
 * collections). Pure.
 */
export function listNarrowingOf(query: ListQuery): ListNarrowing {
  const narrowing = new Map<string, string>();
  if (query.marker !== null) return narrowing;
  for (const filter of query.filters) {
    if (filter.rule !== 'exact' || filter.values.length !== 1) continue;
    const [value] = filter.values;
    if (typeof value === 'string') narrowing.set(filter.attribute, value);
  }
  return narrowing;
}
