import { type ApplyListQueryOptions, applyListQuery, type ListPage } from './apply-list-query';
import { type ParseListQueryOptions, parseListQuery } from './parse-list-query';
import { type QueryInput, type QueryParams } from './query-params';
import { type ResourceDescription } from './resource-description';

/** Options of `runListQuery`: those of `parseListQuery` and `applyListQuery`. */
export interface RunListQueryOptions extends ParseListQueryOptions, ApplyListQueryOptions {}

/**
 * `parseListQuery` then `applyListQuery`: one list request answered from `items`. Throws a
 * `ListQueryError` (400) for a bad query, `NetworkNotFound`/`PortNotFound` (404) for an
 * unknown marker where those apply. Pure.
 */
export function runListQuery<T extends object>(
  description: ResourceDescription,
  input: QueryInput | QueryParams,
  items: readonly T[],
  options: RunListQueryOptions,
): ListPage<Partial<T>> {
  return applyListQuery(description, parseListQuery(description, input, options), items, options);
}
