import { type SecurityGroupResource } from '@ml2ts/driver-api';
import { presentSecurityGroupRule } from './present-security-group-rule';
import { presentStandardAttributes, type StandardAttributesBody } from './standard-attributes';

/** A security group as `/v2.0/security-groups` shows it. */
export type SecurityGroupBody = StandardAttributesBody &
  Record<string, unknown> & { project_id: string; name: string };

/**
 * The group's API body with its rules, `tenant_id` beside `project_id`, and `shared: false`
 * (ml2ts shares no group with other projects).
 */
export function presentSecurityGroup(group: SecurityGroupResource, now: Date): SecurityGroupBody {
  return {
    id: group.id,
    name: group.name,
    project_id: group.project_id,
    security_group_rules: group.security_group_rules.map((rule) =>
      presentSecurityGroupRule(rule, now),
    ),
    shared: false,
    stateful: group.stateful,
    tenant_id: group.project_id,
    ...presentStandardAttributes(group, '', now),
  };
}
