import { NetworkNotFound, type NetworkResource } from '@ml2ts/driver-api';
import { type ApiDependencies } from '../api-dependencies';
import { networkDescription } from '../query';
import { presentNetwork } from '../presenters/present-network';
import { type ResourceCollection } from '../routes/resource-routes';
import { couldBeId, ownedAttributes, visibleTo } from './visibility';
import { type RequestContext } from '../http/request-context';

/** `/v2.0/networks`: the engine's networks; shared ones are visible to every project. */
export function networksCollection({
  plugin,
  clock,
}: ApiDependencies): ResourceCollection & { plural: 'networks' } {
  const present = (network: NetworkResource) => presentNetwork(network, clock.now());
  const find = async (id: string, context: RequestContext) => {
    if (!couldBeId(id)) throw new NetworkNotFound(id);
    const body = present(await plugin.getNetwork(id));
    if (!visibleTo(context, body.project_id, body.shared === true)) throw new NetworkNotFound(id);
    return body;
  };
  return {
    singular: 'network',
    plural: 'networks',
    description: networkDescription,
    async list(context) {
      const bodies = (await plugin.listNetworks()).map(present);
      return bodies.filter((body) => visibleTo(context, body.project_id, body.shared === true));
    },
    show: find,
    async create(attributes, context) {
      return present(await plugin.createNetwork(ownedAttributes(context, attributes)));
    },
    undoCreate: (id) => plugin.deleteNetwork(id),
    async update(id, attributes, context) {
      await find(id, context);
      return present(await plugin.updateNetwork(id, attributes));
    },
    async remove(id, context) {
      await find(id, context);
      await plugin.deleteNetwork(id);
    },
  };
}
