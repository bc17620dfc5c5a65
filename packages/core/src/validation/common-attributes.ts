import { AttributeLimits, InvalidAttribute } from '@ml2ts/driver-api';
import { listRule } from './collection-rules';
import { idRule, uuidRule } from './format-rules';
import { nullable, stringRule } from './scalar-rules';
import { quoted } from './rule';

/** `name` of a network, subnet or port. */
export const nameRule = stringRule(AttributeLimits.NAME_MAX_LENGTH);
/** `description` of a network, subnet or port. */
export const descriptionRule = stringRule(AttributeLimits.DESCRIPTION_MAX_LENGTH);
/** `project_id` and `tenant_id`: a string (a number is refused, never stored as text). */
export const projectIdRule = stringRule(AttributeLimits.PROJECT_ID_MAX_LENGTH);
/** `tags`: distinct tags of at most 255 characters. */
export const tagsRule = listRule(
  stringRule(AttributeLimits.TAG_MAX_LENGTH, { nonEmpty: true }),
  AttributeLimits.MAX_LIST_ENTRIES,
  { unique: true },
);
/** `qos_policy_id`: a UUID or null. */
export const qosPolicyIdRule = nullable(uuidRule);
/** `dns_domain` and `dns_name`. */
export const dnsNameRule = stringRule(AttributeLimits.DNS_NAME_MAX_LENGTH);
/** A list of distinct resource ids (`security_groups`). */
export const idListRule = listRule(idRule, AttributeLimits.MAX_LIST_ENTRIES, { unique: true });

/**
 * Cross-field check of `project_id` and `tenant_id`: equal when both are given; the copy returned
 * carries `project_id` (from `tenant_id` when only that was given) and no `tenant_id`.
 */
export function mergeProjectId<T extends { project_id?: string; tenant_id?: string }>(
  request: T,
  path: string,
): T {
  const { tenant_id: tenantId, ...rest } = request;
  if (tenantId === undefined) return request;
  if (request.project_id !== undefined && request.project_id !== tenantId) {
    const where = path === '' ? 'tenant_id' : `${path}.tenant_id`;
    throw new InvalidAttribute(
      where,
      `project_id ${quoted(request.project_id)} and tenant_id ${quoted(tenantId)} ` +
        'do not match; give one of them',
    );
  }
  return { ...rest, project_id: tenantId } as T;
}
