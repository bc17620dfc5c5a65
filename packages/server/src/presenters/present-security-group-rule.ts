import { type SecurityGroupRuleResource } from '@ml2ts/driver-api';
import { presentStandardAttributes, type StandardAttributesBody } from './standard-attributes';

/** A security group rule as `/v2.0/security-group-rules` shows it (rules carry no tags). */
export type SecurityGroupRuleBody = Omit<StandardAttributesBody, 'tags'> &
  Record<string, unknown> & { project_id: string; security_group_id: string };

/** The rule's API body, `tenant_id` beside `project_id`. */
export function presentSecurityGroupRule(
  rule: SecurityGroupRuleResource,
  now: Date,
): SecurityGroupRuleBody {
  const { tags: _tags, ...standard } = presentStandardAttributes(rule, '', now);
  return {
    direction: rule.direction,
    ethertype: rule.ethertype,
    id: rule.id,
    normalized_cidr: rule.normalized_cidr,
    port_range_max: rule.port_range_max,
    port_range_min: rule.port_range_min,
    project_id: rule.project_id,
    protocol: rule.protocol,
    remote_address_group_id: rule.remote_address_group_id,
    remote_group_id: rule.remote_group_id,
    remote_ip_prefix: rule.remote_ip_prefix,
    security_group_id: rule.security_group_id,
    tenant_id: rule.project_id,
    ...standard,
  };
}
