import { attributeValue } from './attribute-value';
import { type QueryParams } from './query-params';
import { urlEncode } from './url-encode';

/** One entry of `<collection>_links`. */
export interface PaginationLink {
  readonly rel: 'next' | 'previous';
  readonly href: string;
}

function href(collectionUrl: string, params: QueryParams): string {
  const question = collectionUrl.indexOf('?');
  const base = question >= 0 ? collectionUrl.slice(0, question) : collectionUrl;
  return `${base}?${urlEncode(params.pairs)}`;
}

function idOf(item: object): string {
  return String(attributeValue(item, 'id'));
}

/**
 * The links of a page of `limit` (none when null): `next` unless a forward page came out short,
 * then `previous` unless a reverse page came out short. Each repeats the request's query in its
 * order, without its first `marker`, with `marker` (the page's last id for `next`, its first
 * for `previous`; none on an empty page) at the end; `next` also drops the first
 * `page_reverse`, `previous` ends with `page_reverse=True`. `page` holds the page's items
 * before any `fields` cut (their ids are needed); `collectionUrl` is the collection's absolute
 * URL without query, e.g. `http://127.0.0.1:9696/v2.0/networks`.
 */
export function paginationLinks(
  params: QueryParams,
  collectionUrl: string,
  page: readonly object[],
  limit: number | null,
  pageReverse: boolean,
): PaginationLink[] {
  if (limit === null || limit === 0) return [];
  const links: PaginationLink[] = [];
  const short = page.length < limit;
  if (!(short && !pageReverse)) {
    let next = params.withoutFirst('marker');
    if (page.length > 0) next = next.withLast('marker', idOf(page[page.length - 1]));
    next = next.withoutFirst('page_reverse');
    links.push({ rel: 'next', href: href(collectionUrl, next) });
  }
  if (!(short && pageReverse)) {
    let previous = params.withoutFirst('marker');
    if (page.length > 0) previous = previous.withLast('marker', idOf(page[0]));
    previous = previous.withLast('page_reverse', 'True');
    links.push({ rel: 'previous', href: href(collectionUrl, previous) });
  }
  return links;
}
