import { AttributeLimits, type TaggableResourceType } from '@ml2ts/driver-api';
import { type Rule } from './rule';
import { enumRule, stringRule } from './scalar-rules';

/** The collections whose resources carry tags, as the tag operations name them. */
export const TAGGABLE_RESOURCE_TYPES: readonly TaggableResourceType[] = [
  'networks',
  'subnets',
  'ports',
  'security-groups',
];

/**
 * The resource type argument of the tag operations: `networks`, `subnets`, `ports` or
 * `security-groups`.
 */
export const taggableResourceTypeRule: Rule<TaggableResourceType> =
  enumRule(TAGGABLE_RESOURCE_TYPES);

/** One tag: a non-empty string of at most 255 characters. */
export const tagRule: Rule<string> = stringRule(AttributeLimits.TAG_MAX_LENGTH, {
  nonEmpty: true,
});
