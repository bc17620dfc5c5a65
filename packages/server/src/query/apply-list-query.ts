import { NetworkNotFound, PortNotFound } from '@ml2ts/driver-api';
import { attributeValue } from './attribute-value';
import { compareItems } from './compare-values';
import { type ListQuery } from './list-query';
import { matchesFilters } from './matches-filters';
import { paginationLinks, type PaginationLink } from './pagination-links';
import { type ResourceDescription } from './resource-description';

/** A list answer: the page's items, cut to the requested fields, and its pagination links. */
export interface ListPage<T> {
  readonly items: T[];
  /** Empty when the list is not paged. */
  readonly links: PaginationLink[];
}

/** Options of `applyListQuery`. */
export interface ApplyListQueryOptions {
  /**
   * The collection's absolute URL without query, as the links show it, e.g.
   * `http://127.0.0.1:9696/v2.0/networks`.
   */
  readonly collectionUrl: string;
}

/** The item with id `marker`, or what an unknown marker does for this collection. */
function findMarker<T extends object>(
  description: ResourceDescription,
  items: readonly T[],
  marker: string,
): T | undefined {
  const found = items.find((item) => attributeValue(item, 'id') === marker);
  if (found !== undefined) return found;
  if (description.unknownMarker === 'NetworkNotFound') throw new NetworkNotFound(marker);
  if (description.unknownMarker === 'PortNotFound') throw new PortNotFound(marker);
  return undefined;
}

/** The page of `sorted` (already sorted, marker item or not) that `query` asks for. */
function selectPage<T extends object>(
  sorted: readonly T[],
  markerItem: T | undefined,
  query: ListQuery,
  limit: number,
): T[] {
  const compare = compareItems(query.sorts);
  if (!query.pageReverse) {
    const start =
      markerItem === undefined ? 0 : sorted.filter((item) => compare(item, markerItem) <= 0).length;
    return sorted.slice(start, start + limit);
  }
  const end =
    markerItem === undefined
      ? sorted.length
      : sorted.filter((item) => compare(item, markerItem) < 0).length;
  return sorted.slice(Math.max(0, end - limit), end);
}

/** `item` without hidden attributes, cut to `fields` when given. */
function present<T extends object>(
  item: T,
  hidden: ReadonlySet<string>,
  fields: ReadonlySet<string> | null,
): Partial<T> {
  if (hidden.size === 0 && fields === null) return item;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (hidden.has(key)) continue;
    if (fields !== null && !fields.has(key)) continue;
    out[key] = value;
  }
  return out as Partial<T>;
}

/**
 * Lists `items` (every resource of the collection the caller may see, as the API shows them)
 * as `query` asks: keeps those matching every filter, sorts them by `query.sorts` (ties keep
 * the caller's order), and when paged takes `limit` of them after the marker (with
 * `pageReverse`, the `limit` before it, or the last `limit` without a marker), with the page's
 * links. The marker is looked up among all `items`, filtered or not, and the page starts next
 * to its place in the order; an unknown marker starts over, or throws `NetworkNotFound` /
 * `PortNotFound` (404) for networks and ports. Unpaged with `page_reverse`, the whole list comes
 * in reverse order. Then drops hidden attributes (`visible: false`) and applies `fields`
 * (attributes not named are dropped; unknown names are ignored). Does not modify `items`.
 */
export function applyListQuery<T extends object>(
  description: ResourceDescription,
  query: ListQuery,
  items: readonly T[],
  options: ApplyListQueryOptions,
): ListPage<Partial<T>> {
  const matching = items.filter((item) => matchesFilters(query.filters, item));
  const sorted = [...matching].sort(compareItems(query.sorts));
  let page: T[];
  let links: PaginationLink[] = [];
  if (query.limit === null) {
    page = query.pageReverse ? sorted.reverse() : sorted;
  } else {
    const markerItem =
      query.marker === null ? undefined : findMarker(description, items, query.marker);
    page = selectPage(sorted, markerItem, query, query.limit);
    links = paginationLinks(
      query.params,
      options.collectionUrl,
      page,
      query.limit,
      query.pageReverse,
    );
  }
  const hidden = new Set(
    description.attributes.filter((one) => !one.visible).map((one) => one.name),
  );
  const fields = query.fields === null ? null : new Set(query.fields);
  return { items: page.map((item) => present(item, hidden, fields)), links };
}
