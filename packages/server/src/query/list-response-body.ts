import { type ListPage } from './apply-list-query';
import { type PaginationLink } from './pagination-links';
import { type ResourceDescription } from './resource-description';

/**
 * The body of a list answer: `{"networks": [...]}`, with `"networks_links": [...]` when the
 * page has links.
 */
export function listResponseBody<T>(
  description: ResourceDescription,
  page: ListPage<T>,
): Record<string, T[] | PaginationLink[]> {
  const body: Record<string, T[] | PaginationLink[]> = { [description.collection]: page.items };
  if (page.links.length > 0) body[`${description.collection}_links`] = page.links;
  return body;
}
