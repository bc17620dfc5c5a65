import { AttributeNotUpdatable, type NetworkUpdateRequest } from '@ml2ts/driver-api';
import { type Network, type NetworkSegment } from '@ml2ts/store';

type ProviderAttribute =
  'provider:network_type' | 'provider:physical_network' | 'provider:segmentation_id';

const PROVIDER_ATTRIBUTES: readonly ProviderAttribute[] = [
  'provider:network_type',
  'provider:physical_network',
  'provider:segmentation_id',
];

/**
 * Throws `AttributeNotUpdatable` for the first attribute of a network update that would change
 * what cannot change after create: a provider attribute, the `segments` list or
 * `vlan_transparent`. Null or absent provider attributes and values equal to the stored ones are
 * accepted (a client may send back what it read). Provider attributes are compared with the
 * network's only static segment; a network with several has none to compare with, so any value
 * is refused.
 */
export function refuseFixedNetworkAttributes(
  request: NetworkUpdateRequest,
  network: Network,
  staticSegments: readonly NetworkSegment[],
): void {
  const single = staticSegments.length === 1 ? staticSegments[0] : undefined;
  const stored: Record<ProviderAttribute, unknown> = {
    'provider:network_type': single?.networkType,
    'provider:physical_network': single?.physicalNetwork,
    'provider:segmentation_id': single?.segmentationId,
  };
  for (const attribute of PROVIDER_ATTRIBUTES) {
    const value = request[attribute];
    if (value === undefined || value === null) continue;
    if (!single || value !== stored[attribute]) {
      throw new AttributeNotUpdatable('network', attribute);
    }
  }
  if (request.segments !== undefined && request.segments !== null) {
    const given = Array.isArray(request.segments) ? request.segments : null;
    const same =
      given !== null &&
      given.length === staticSegments.length &&
      given.every(
        (segment, index) =>
          segment !== null &&
          typeof segment === 'object' &&
          (segment['provider:network_type'] ?? null) === staticSegments[index].networkType &&
          (segment['provider:physical_network'] ?? null) ===
            staticSegments[index].physicalNetwork &&
          (segment['provider:segmentation_id'] ?? null) === staticSegments[index].segmentationId,
      );
    if (!same) throw new AttributeNotUpdatable('network', 'segments');
  }
  if (
    request.vlan_transparent !== undefined &&
    request.vlan_transparent !== network.vlanTransparent
  ) {
    throw new AttributeNotUpdatable('network', 'vlan_transparent');
  }
}
