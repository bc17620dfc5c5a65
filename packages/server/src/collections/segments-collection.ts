import { type NetworkSegmentResource, SegmentNotFound } from '@ml2ts/driver-api';
import { type ApiDependencies } from '../api-dependencies';
import { policyNotAuthorized } from '../errors';
import { type RequestContext } from '../http/request-context';
import { presentSegment } from '../presenters/present-segment';
import { segmentDescription } from '../query';
import { type ResourceCollection } from '../routes/resource-routes';
import { couldBeId } from './visibility';

/** Segments are an admin's business (Neutron's default policy): others get a 403. */
function adminOnly(action: string, context: RequestContext): void {
  if (!context.isAdmin) throw policyNotAuthorized(action);
}

/**
 * `/v2.0/segments` (Neutron's `segment` extension): every network's segments, dynamic ones
 * included; admins may add a static segment to a network, rename or describe one, and delete
 * one no subnet or bound port uses.
 */
export function segmentsCollection({ plugin, clock }: ApiDependencies): ResourceCollection {
  const present = (segment: NetworkSegmentResource) => presentSegment(segment, clock.now());
  const find = async (id: string, context: RequestContext) => {
    adminOnly('get_segment', context);
    if (!couldBeId(id)) throw new SegmentNotFound(id);
    return present(await plugin.getSegment(id));
  };
  return {
    singular: 'segment',
    plural: 'segments',
    description: segmentDescription,
    async list(context) {
      adminOnly('get_segment', context);
      return (await plugin.listAllSegments()).map(present);
    },
    show: find,
    async create(attributes, context) {
      adminOnly('create_segment', context);
      return present(await plugin.createSegment(attributes as never));
    },
    undoCreate: (id) => plugin.deleteSegment(id),
    async update(id, attributes, context) {
      adminOnly('update_segment', context);
      await find(id, context);
      return present(await plugin.updateSegment(id, attributes as never));
    },
    async remove(id, context) {
      adminOnly('delete_segment', context);
      await find(id, context);
      await plugin.deleteSegment(id);
    },
  };
}
