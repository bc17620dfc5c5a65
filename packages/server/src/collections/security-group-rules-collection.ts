import { SecurityGroupRuleNotFound, type SecurityGroupRuleResource } from '@ml2ts/driver-api';
import { type ApiDependencies } from '../api-dependencies';
import { type RequestContext } from '../http/request-context';
import { presentSecurityGroupRule } from '../presenters/present-security-group-rule';
import { securityGroupRuleDescription } from '../query';
import { type ResourceCollection } from '../routes/resource-routes';
import { ownerOf, refuseUnseenSecurityGroups } from './security-group-visibility';
import { couldBeId, ownedAttributes, visibleTo } from './visibility';

/**
 * `/v2.0/security-group-rules` (Neutron's `security-group` extension; rules are never
 * updated): a project sees the rules it owns and those of its groups, admins every rule.
 * Listing first creates the caller's project's default group when it has none, as Neutron
 * does. A non-admin may only add rules to, and name as remote, groups of its own project.
 */
export function securityGroupRulesCollection({
  plugin,
  clock,
}: ApiDependencies): ResourceCollection & {
  plural: 'security_group_rules';
  path: 'security-group-rules';
} {
  const present = (rule: SecurityGroupRuleResource) => presentSecurityGroupRule(rule, clock.now());
  const find = async (id: string, context: RequestContext) => {
    if (!couldBeId(id)) throw new SecurityGroupRuleNotFound(id);
    const body = present(await plugin.getSecurityGroupRule(id));
    if (visibleTo(context, body.project_id)) return body;
    const groupOwner = await ownerOf(plugin, body.security_group_id);
    if (groupOwner === null || !visibleTo(context, groupOwner)) {
      throw new SecurityGroupRuleNotFound(id);
    }
    return body;
  };
  return {
    singular: 'security_group_rule',
    plural: 'security_group_rules',
    path: 'security-group-rules',
    description: securityGroupRuleDescription,
    async list(context) {
      if (!context.isAdmin) {
        const rules = await plugin.listSecurityGroupRules({ project_id: context.projectId });
        return rules.map(present);
      }
      await plugin.ensureDefaultSecurityGroup(context.projectId);
      return (await plugin.listSecurityGroupRules()).map(present);
    },
    show: find,
    async create(attributes, context) {
      const owned = ownedAttributes(context, attributes);
      await refuseUnseenSecurityGroups(
        plugin,
        [owned.security_group_id, owned.remote_group_id],
        context,
      );
      return present(await plugin.createSecurityGroupRule(owned as never));
    },
    undoCreate: (id) => plugin.deleteSecurityGroupRule(id),
    async remove(id, context) {
      await find(id, context);
      await plugin.deleteSecurityGroupRule(id);
    },
  };
}
