import { VERSIONED_RESOURCE_VERSIONS, type VersionedObjectPrimitive } from '@ml2ts/agent-rpc';
import { type SecurityGroup, type SecurityGroupRule } from '@ml2ts/store';
import { toSecurityGroupResource } from '../../ml2/security-group-view-mappers';
import { versionedObject } from './primitive';
import { securityGroupRuleObject } from './security-group-rule-object';

/**
 * A security group as Neutron's `SecurityGroup` 1.5 object: its attributes as the API shows
 * them, `is_default` (its project's default group), and its `rules` (the group's rules, any
 * order given: shown oldest first) as nested `SecurityGroupRule` objects. `shared` is false:
 * Neutron computes it from RBAC policies, which ml2ts does not keep for groups. Pure.
 */
export function securityGroupObject(
  group: SecurityGroup,
  rules: readonly SecurityGroupRule[],
  isDefault: boolean,
): VersionedObjectPrimitive {
  const shown = toSecurityGroupResource(group, rules, []);
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  return versionedObject('SecurityGroup', VERSIONED_RESOURCE_VERSIONS.SecurityGroup, {
    created_at: shown.created_at,
    description: shown.description,
    id: shown.id,
    is_default: isDefault,
    name: shown.name,
    project_id: shown.project_id,
    revision_number: shown.revision_number,
    rules: shown.security_group_rules.flatMap((rule) => {
      const row = byId.get(rule.id);
      return row ? [securityGroupRuleObject(row)] : [];
    }),
    shared: false,
    stateful: shown.stateful,
    updated_at: shown.updated_at,
  });
}
