import { type QueryParams } from './query-params';
import { type FilterRule } from './resource-description';

/** A filter value after reading: null never matches anything. */
export type FilterValue = string | number | boolean | null;

/** A filter on one attribute, compared with its values (see `FilterRule`). */
export interface ValueFilter {
  /** The query key (`name`, `tags-any`, `provider:network_type`). */
  readonly attribute: string;
  readonly rule: Exclude<FilterRule, 'fixed-ips'>;
  /** The values as read, in query order (tag rules: the distinct comma-separated tags). */
  readonly values: readonly FilterValue[];
}

/** `fixed_ips=ip_address=...` / `fixed_ips=subnet_id=...`. */
export interface FixedIpsFilter {
  readonly attribute: string;
  readonly rule: 'fixed-ips';
  /** The addresses asked for; empty when none (then any address does). */
  readonly ipAddresses: readonly string[];
  /** The subnets asked for; empty when none (then any subnet does). */
  readonly subnetIds: readonly string[];
}

/** One filter of a list query. */
export type ListFilter = ValueFilter | FixedIpsFilter;

/** A sort direction. */
export type SortDirection = 'asc' | 'desc';

/** One sort key. */
export interface SortKey {
  readonly attribute: string;
  readonly direction: SortDirection;
}

/** A list request's query, read and checked against its collection. */
export interface ListQuery {
  /** The query's pairs in request order; pagination links repeat them. */
  readonly params: QueryParams;
  /** Every filter; a resource is listed when it matches all of them. */
  readonly filters: readonly ListFilter[];
  /** The attributes each listed resource is cut down to; null for all of them. */
  readonly fields: readonly string[] | null;
  /**
   * The order: the requested keys, then `id` ascending unless `id` was requested (for
   * collections with pagination); empty when the collection keeps the caller's order.
   */
  readonly sorts: readonly SortKey[];
  /** The page size; null when the list is not paged. */
  readonly limit: number | null;
  /** The id the page starts after (before, with `pageReverse`); null when none or not paged. */
  readonly marker: string | null;
  /** Whether the page ends at the marker instead of starting after it. */
  readonly pageReverse: boolean;
}
