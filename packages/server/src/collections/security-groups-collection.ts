import { SecurityGroupNotFound, type SecurityGroupResource } from '@ml2ts/driver-api';
import { type ApiDependencies } from '../api-dependencies';
import { type RequestContext } from '../http/request-context';
import { presentSecurityGroup } from '../presenters/present-security-group';
import { securityGroupDescription } from '../query';
import { type ResourceCollection } from '../routes/resource-routes';
import { couldBeId, ownedAttributes, visibleTo } from './visibility';

/**
 * `/v2.0/security-groups` (Neutron's `security-group` extension): a project sees its own
 * groups, admins every group. Listing first creates the caller's project's default group when
 * it has none, as Neutron does. Only admins may delete a default group (409
 * `SecurityGroupCannotRemoveDefault` otherwise).
 */
export function securityGroupsCollection({ plugin, clock }: ApiDependencies): ResourceCollection & {
  plural: 'security_groups';
  path: 'security-groups';
} {
  const present = (group: SecurityGroupResource) => presentSecurityGroup(group, clock.now());
  const find = async (id: string, context: RequestContext) => {
    if (!couldBeId(id)) throw new SecurityGroupNotFound(id);
    const body = present(await plugin.getSecurityGroup(id));
    if (!visibleTo(context, body.project_id)) throw new SecurityGroupNotFound(id);
    return body;
  };
  return {
    singular: 'security_group',
    plural: 'security_groups',
    path: 'security-groups',
    description: securityGroupDescription,
    async list(context) {
      if (!context.isAdmin) {
        return (await plugin.listSecurityGroups({ project_id: context.projectId })).map(present);
      }
      await plugin.ensureDefaultSecurityGroup(context.projectId);
      return (await plugin.listSecurityGroups()).map(present);
    },
    show: find,
    async create(attributes, context) {
      return present(await plugin.createSecurityGroup(ownedAttributes(context, attributes)));
    },
    undoCreate: (id) => plugin.deleteSecurityGroup(id),
    async update(id, attributes, context) {
      await find(id, context);
      return present(await plugin.updateSecurityGroup(id, attributes));
    },
    async remove(id, context) {
      await find(id, context);
      await plugin.deleteSecurityGroup(id, { mayRemoveDefault: context.isAdmin });
    },
  };
}
