import { type TagFilter } from '@ml2ts/driver-api';

/**
 * Whether a resource with `tags` passes Neutron's tag filters of a list: it has every tag of
 * `tags`, at least one of `tags-any` (when given), lacks at least one of `not-tags` (when
 * given), and has none of `not-tags-any`. An absent or empty filter lets everything through.
 * Tags compare exactly. Pure; for a REST layer filtering what `listNetworks`, `listPorts`, ...
 * return.
 */
export function matchesTagFilter(tags: readonly string[], filter: TagFilter): boolean {
  const has = new Set(tags);
  const all = filter.tags ?? [];
  const any = filter['tags-any'] ?? [];
  const notAll = filter['not-tags'] ?? [];
  const notAny = filter['not-tags-any'] ?? [];
  if (!all.every((tag) => has.has(tag))) return false;
  if (any.length > 0 && !any.some((tag) => has.has(tag))) return false;
  if (notAll.length > 0 && notAll.every((tag) => has.has(tag))) return false;
  return !notAny.some((tag) => has.has(tag));
}
