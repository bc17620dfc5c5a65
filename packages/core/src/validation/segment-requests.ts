import {
  AttributeLimits,
  type SegmentCreateRequest,
  type SegmentUpdateRequest,
} from '@ml2ts/driver-api';
import { descriptionRule, nameRule } from './common-attributes';
import { idRule } from './format-rules';
import { objectRule } from './object-rule';
import { type Rule } from './rule';
import { integerRule, nullable, stringRule } from './scalar-rules';

/**
 * The argument of `createSegment` (see `SegmentCreateRequest`): `network_id` and `network_type`
 * are required; the type driver checks the rest against the type when the segment is reserved.
 */
export const segmentCreateRule: Rule<SegmentCreateRequest> = objectRule<SegmentCreateRequest>({
  resource: 'segment',
  fields: {
    network_id: idRule,
    network_type: stringRule(AttributeLimits.NETWORK_TYPE_MAX_LENGTH, { nonEmpty: true }),
    physical_network: nullable(stringRule(AttributeLimits.PHYSICAL_NETWORK_MAX_LENGTH)),
    segmentation_id: nullable(integerRule(0, AttributeLimits.SEGMENTATION_ID_MAX)),
    name: nullable(nameRule),
    description: nullable(descriptionRule),
  },
  required: ['network_id', 'network_type'],
  readOnly: ['id'],
});

/**
 * The request of `updateSegment` (see `SegmentUpdateRequest`): `name` and `description` only;
 * the segment's network and provider attributes are refused as not updatable (400).
 */
export const segmentUpdateRule: Rule<SegmentUpdateRequest> = objectRule<SegmentUpdateRequest>({
  resource: 'segment',
  fields: {
    name: nullable(nameRule),
    description: nullable(descriptionRule),
  },
  notUpdatable: ['id', 'network_id', 'network_type', 'physical_network', 'segmentation_id'],
});
