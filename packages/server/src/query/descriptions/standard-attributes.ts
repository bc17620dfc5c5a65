import { attribute, type AttributeDescription } from '../resource-description';

/** `created_at` and `updated_at`: shown, neither filter nor sort key. */
export function timestampAttributes(): AttributeDescription[] {
  return [attribute('created_at', 'timestamp'), attribute('updated_at', 'timestamp')];
}

/** `revision_number`: a filter compared as an integer. */
export function revisionAttribute(): AttributeDescription {
  return attribute('revision_number', 'integer', { filter: 'integer-text' });
}

/** `description`: an exact-match filter; `nullable` where the resource shows null for none. */
export function descriptionAttribute(nullable = false): AttributeDescription {
  return attribute('description', 'string', { nullable, filter: 'exact' });
}

/** `tags` and the filter-only `tags-any`, `not-tags`, `not-tags-any`. */
export function tagAttributes(): AttributeDescription[] {
  return [
    attribute('tags', 'string-list', { filter: 'tags' }),
    attribute('tags-any', 'string-list', { filter: 'tags-any', visible: false }),
    attribute('not-tags', 'string-list', { filter: 'not-tags', visible: false }),
    attribute('not-tags-any', 'string-list', { filter: 'not-tags-any', visible: false }),
  ];
}

/**
 * `project_id` and its older name `tenant_id`, alike: both shown, exact filters and sort keys
 * unless `options` says otherwise.
 */
export function projectAttributes(
  options: { visible?: boolean; filter?: boolean; sortable?: boolean } = {},
): AttributeDescription[] {
  const settings = {
    visible: options.visible ?? true,
    filter: (options.filter ?? true) ? ('exact' as const) : undefined,
    sortable: options.sortable ?? true,
  };
  return [attribute('project_id', 'string', settings), attribute('tenant_id', 'string', settings)];
}
