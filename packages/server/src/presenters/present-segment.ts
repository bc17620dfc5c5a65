import { type NetworkSegmentResource } from '@ml2ts/driver-api';
import {
  presentStandardAttributes,
  type StandardAttributesBody,
  type StoredStandardAttributes,
} from './standard-attributes';

/** A segment as `/v2.0/segments` shows it (Neutron's `segment` extension). */
export type SegmentBody = Omit<StandardAttributesBody, 'tags'> & Record<string, unknown>;

/** The segment's API body; segments have a name and description, null unless given. */
export function presentSegment(segment: NetworkSegmentResource, now: Date): SegmentBody {
  const stored = segment as NetworkSegmentResource & StoredStandardAttributes & { name?: string };
  const { tags: _tags, ...standard } = presentStandardAttributes(stored, null, now);
  return {
    id: segment.id,
    name: stored.name ?? null,
    network_id: segment.network_id,
    network_type: segment.network_type,
    physical_network: segment.physical_network,
    segmentation_id: segment.segmentation_id,
    ...standard,
  };
}
