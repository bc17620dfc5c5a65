import {
  InvalidFilterAttributes,
  InvalidLimit,
  InvalidSortDirections,
  InvalidSortKeys,
  SortKeysAndDirsMismatch,
} from './list-query-error';
import { type ListFilter, type ListQuery, type SortDirection, type SortKey } from './list-query';
import { parseInteger } from './parse-integer';
import { type QueryInput, QueryParams } from './query-params';
import { readFilter } from './read-filter';
import { findAttribute, type ResourceDescription } from './resource-description';

/** The query keys that are options of the list, never filters. */
const OPTION_KEYS = new Set(['fields', 'sort_key', 'sort_dir', 'limit', 'marker', 'page_reverse']);

/**
 * Query keys that are neither filters nor errors: a list ignores them (Neutron's API does the
 * same, so clients sending them keep working).
 */
// prettier-ignore
const IGNORED_KEYS = new Set([
  '_as_dict', '_extra_keys', '_sa_registry', 'get', 'items', 'iteritems', 'keys', 'metadata',
  'next', 'registry', 'save', 'update', '__abstract__', '__class__', '__contains__',
  '__delattr__', '__dict__', '__dir__', '__doc__', '__eq__', '__format__', '__ge__',
  '__getattribute__', '__getitem__', '__getstate__', '__gt__', '__hash__', '__init__',
  '__init_subclass__', '__iter__', '__le__', '__lt__', '__module__', '__ne__', '__new__',
  '__next__', '__reduce__', '__reduce_ex__', '__repr__', '__setattr__', '__setitem__',
  '__sizeof__', '__str__', '__subclasshook__', '__table_args__', '__table_initialized__',
  '__tablename__', '__weakref__',
]);

/** Options of `parseListQuery`. */
export interface ParseListQueryOptions {
  /**
   * The largest page: a larger `limit` is cut down to it and `limit=0` (or none) becomes it.
   * Absent or not positive: no largest page.
   */
  readonly maxLimit?: number;
}

function readFilters(description: ResourceDescription, params: QueryParams): ListFilter[] {
  const filters: ListFilter[] = [];
  const invalid: string[] = [];
  const later: Array<() => void> = [];
  for (const key of params.keys()) {
    if (OPTION_KEYS.has(key) || IGNORED_KEYS.has(key)) continue;
    const attribute = findAttribute(description, key);
    if (attribute === undefined || attribute.filter === null) {
      invalid.push(key);
      continue;
    }
    const read = (): void => {
      const filter = readFilter(attribute, params.getAll(key));
      if (filter !== null) filters.push(filter);
    };
    if (attribute.filter === 'first-boolean') later.push(read);
    else read();
  }
  if (invalid.length > 0) throw new InvalidFilterAttributes(invalid);
  for (const read of later) read();
  return filters;
}

function readLimit(params: QueryParams, maxLimit: number | undefined): number {
  const text = params.get('limit') ?? '0';
  const parsed = parseInteger(text);
  if (parsed === undefined) throw new InvalidLimit(text);
  if (parsed < 0n) throw new InvalidLimit(text, parsed.toString());
  const limit = Number(parsed);
  if (maxLimit !== undefined && maxLimit > 0) return Math.min(maxLimit, limit) || maxLimit;
  return limit;
}

function readSorts(description: ResourceDescription, params: QueryParams): SortKey[] {
  const keys = params.getAll('sort_key').filter((key) => key !== '');
  const directions = params.getAll('sort_dir').filter((direction) => direction !== '');
  if (keys.length !== directions.length) throw new SortKeysAndDirsMismatch();
  const unknown = keys.filter((key) => findAttribute(description, key)?.sortable !== true);
  if (unknown.length > 0) throw new InvalidSortKeys(unknown);
  const invalid = directions.filter((direction) => direction !== 'asc' && direction !== 'desc');
  if (invalid.length > 0) throw new InvalidSortDirections(invalid);
  return keys.map((attribute, i) => ({ attribute, direction: directions[i] as SortDirection }));
}

/**
 * Reads a list request's query against its collection (see `ResourceDescription`):
 *
 * - filters: every key that is not a list option (`fields`, `sort_key`, `sort_dir`, `limit`,
 *   `marker`, `page_reverse`); repeated keys mean any of the values; an empty value filters on
 *   the empty string;
 * - `fields` (repeatable): the attributes to show;
 * - `sort_key`/`sort_dir` (repeatable, paired in order; empty values are dropped), then `id`;
 * - `limit` (the last one; 0 or none: no paging), `marker` (the last one; only with a limit),
 *   `page_reverse` (`true` in any case).
 *
 * Checks in this order and throws the first failure, each a `ListQueryError` (400): a filter
 * value its attribute cannot read (`InvalidFilterValue`), keys that are not filters
 * (`InvalidFilterAttributes`, naming all of them), `limit` (`InvalidLimit`), then the sort
 * keys (`SortKeysAndDirsMismatch`, `InvalidSortKeys`, `InvalidSortDirections`). Collections
 * without pagination or sorting ignore those options entirely. Pure.
 */
export function parseListQuery(
  description: ResourceDescription,
  input: QueryInput | QueryParams,
  options: ParseListQueryOptions = {},
): ListQuery {
  const params = input instanceof QueryParams ? input : QueryParams.from(input);
  const fields = params.has('fields') ? params.getAll('fields') : null;
  const filters = readFilters(description, params);
  let limit: number | null = null;
  let marker: string | null = null;
  let pageReverse = false;
  if (description.pagination) {
    limit = readLimit(params, options.maxLimit) || null;
    marker = limit === null ? null : params.get('marker') || null;
    pageReverse = (params.get('page_reverse') ?? 'False').toLowerCase() === 'true';
  }
  const sorts = description.sorting ? readSorts(description, params) : [];
  if (description.pagination && !sorts.some((sort) => sort.attribute === 'id')) {
    sorts.push({ attribute: 'id', direction: 'asc' });
  }
  return { params, filters, fields, sorts, limit, marker, pageReverse };
}
