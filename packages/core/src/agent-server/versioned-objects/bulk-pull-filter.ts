import { InvalidAttribute, UnrecognizedAttribute } from '@ml2ts/driver-api';
import { VERSIONED_RESOURCE_VERSIONS, type VersionedResourceType } from '@ml2ts/agent-rpc';

/**
 * The filters `bulk_pull` takes per resource type: those Neutron's agents send (ports by `id`
 * or by the `security_group_ids` they are in, rules by `security_group_id`, the others by `id`)
 * and a few more of Neutron's object fields: ports and subnets by `network_id`, rules by
 * `remote_group_id`, by `security_group_ids` (the same as `security_group_id`) and by
 * `remote_address_group_id` (which matches no rule: ml2ts has no address groups).
 */
export const BULK_PULL_FILTERS: Readonly<Record<VersionedResourceType, readonly string[]>> = {
  Port: ['id', 'network_id', 'security_group_ids'],
  Network: ['id'],
  Subnet: ['id', 'network_id'],
  SecurityGroup: ['id'],
  SecurityGroupRule: [
    'id',
    'security_group_id',
    'security_group_ids',
    'remote_group_id',
    'remote_address_group_id',
  ],
};

/**
 * A checked filter: each named field to the values it may have (an object matches when, for
 * every field, its value is one of them, or for `security_group_ids` one of its groups is). A
 * field with no values matches nothing; no fields at all match everything.
 */
export type VersionedObjectFilter = Readonly<Record<string, readonly string[]>>;

/** What `checkBulkPullRequest` makes of a request. */
export interface CheckedBulkPull {
  /** The resource type asked for. */
  readonly resourceType: VersionedResourceType;
  /** Its filter; `{}` when the request had none. */
  readonly filter: VersionedObjectFilter;
}

/** True when `name` is a resource type ml2ts serves as versioned objects. Pure. */
export function isVersionedResourceType(name: unknown): name is VersionedResourceType {
  return typeof name === 'string' && Object.hasOwn(VERSIONED_RESOURCE_VERSIONS, name);
}

/**
 * Checks a `bulk_pull` request before anything is read: `resource_type` must be one ml2ts
 * serves; `version` (ignored: the answer is at ml2ts's version of the type) a string when
 * given; `filter_kwargs` (absent or null: no filter) an object whose keys are filters of that
 * type (`BULK_PULL_FILTERS`), each a string (one value) or a list of strings, duplicates
 * dropped. Other keys of the request are ignored, as a newer agent may send more. Pure; throws `InvalidAttribute`/`UnrecognizedAttribute` (400 `InvalidInput`) naming
 * the offending attribute.
 */
export function checkBulkPullRequest(request: unknown): CheckedBulkPull {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new InvalidAttribute(
      '',
      `a bulk_pull request must be an object, not ${described(request)}`,
    );
  }
  const fields = request as Record<string, unknown>;
  const resourceType = checkedResourceType(fields.resource_type, 'resource_type');
  if (fields.version !== undefined && typeof fields.version !== 'string') {
    throw new InvalidAttribute(
      'version',
      `version must be a string such as '1.7', not ${described(fields.version)}`,
    );
  }
  return { resourceType, filter: checkedFilter(resourceType, fields.filter_kwargs) };
}

/**
 * `name` as a resource type ml2ts serves; otherwise a 400 (`InvalidAttribute` on `attribute`)
 * naming the types it serves. Pure.
 */
export function checkedResourceType(name: unknown, attribute: string): VersionedResourceType {
  if (isVersionedResourceType(name)) return name;
  const served = Object.keys(VERSIONED_RESOURCE_VERSIONS).join(', ');
  throw new InvalidAttribute(
    attribute,
    name === undefined
      ? `${attribute} is missing; ml2ts serves ${served}`
      : `${attribute} ${described(name)} is not a resource type ml2ts serves; it serves ${served}`,
  );
}

/** `filterKwargs` checked against the filters of `resourceType`. */
function checkedFilter(
  resourceType: VersionedResourceType,
  filterKwargs: unknown,
): VersionedObjectFilter {
  if (filterKwargs === undefined || filterKwargs === null) return {};
  if (typeof filterKwargs !== 'object' || Array.isArray(filterKwargs)) {
    throw new InvalidAttribute(
      'filter_kwargs',
      `filter_kwargs must be an object of filters, not ${described(filterKwargs)}`,
    );
  }
  const accepted = BULK_PULL_FILTERS[resourceType];
  const given = filterKwargs as Record<string, unknown>;
  const unknownKeys = Object.keys(given).filter((key) => !accepted.includes(key));
  if (unknownKeys.length > 0) {
    throw new UnrecognizedAttribute('filter_kwargs', 'filter_kwargs', unknownKeys, [...accepted]);
  }
  const filter: Record<string, readonly string[]> = {};
  for (const [key, value] of Object.entries(given)) {
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((item): item is string => typeof item === 'string')) {
      throw new InvalidAttribute(
        `filter_kwargs.${key}`,
        `filter_kwargs.${key} must be a string or a list of strings, not ${described(value)}`,
      );
    }
    filter[key] = [...new Set(values)];
  }
  return filter;
}

/** A value as an error message names it. */
function described(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string')
    return `'${value.length > 64 ? `${value.slice(0, 64)}...` : value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${String(value)}`;
}
