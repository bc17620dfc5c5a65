import { SubnetNotFound, type SubnetResource } from '@ml2ts/driver-api';
import { type ApiDependencies } from '../api-dependencies';
import { subnetDescription } from '../query';
import { type RequestContext } from '../http/request-context';
import { presentSubnet } from '../presenters/present-subnet';
import { type ResourceCollection } from '../routes/resource-routes';
import { couldBeId, ownedAttributes, visibleTo } from './visibility';

/** `/v2.0/subnets`: the engine's subnets. */
export function subnetsCollection({
  plugin,
  clock,
}: ApiDependencies): ResourceCollection & { plural: 'subnets' } {
  const present = (subnet: SubnetResource) => presentSubnet(subnet, clock.now());
  const find = async (id: string, context: RequestContext) => {
    if (!couldBeId(id)) throw new SubnetNotFound(id);
    const body = present(await plugin.getSubnet(id));
    if (!visibleTo(context, body.project_id)) throw new SubnetNotFound(id);
    return body;
  };
  return {
    singular: 'subnet',
    plural: 'subnets',
    description: subnetDescription,
    async list(context) {
      const bodies = (await plugin.listSubnets()).map(present);
      return bodies.filter((body) => visibleTo(context, body.project_id));
    },
    show: find,
    async create(attributes, context) {
      return present(await plugin.createSubnet(ownedAttributes(context, attributes) as never));
    },
    undoCreate: (id) => plugin.deleteSubnet(id),
    async update(id, attributes, context) {
      await find(id, context);
      return present(await plugin.updateSubnet(id, attributes));
    },
    async remove(id, context) {
      await find(id, context);
      await plugin.deleteSubnet(id);
    },
  };
}
