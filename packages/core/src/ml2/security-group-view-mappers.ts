import {
  type SecurityGroupResource,
  type SecurityGroupRuleDirection,
  type SecurityGroupRuleEthertype,
  type SecurityGroupRuleResource,
} from '@ml2ts/driver-api';
import { type SecurityGroup, type SecurityGroupRule } from '@ml2ts/store';
import { cidrOf, formatCidr, parseIpPrefix } from '../ipam/ip-cidr';
import { apiTimestamp } from '../support/api-timestamp';

/** A stored rule as the API shows it, `normalized_cidr` computed. Pure. */
export function toSecurityGroupRuleResource(rule: SecurityGroupRule): SecurityGroupRuleResource {
  return {
    id: rule.id,
    security_group_id: rule.securityGroupId,
    project_id: rule.projectId,
    direction: rule.direction as SecurityGroupRuleDirection,
    ethertype: rule.ethertype as SecurityGroupRuleEthertype,
    protocol: rule.protocol,
    port_range_min: rule.portRangeMin,
    port_range_max: rule.portRangeMax,
    remote_ip_prefix: rule.remoteIpPrefix,
    normalized_cidr: normalizedCidr(rule.remoteIpPrefix),
    remote_group_id: rule.remoteGroupId,
    remote_address_group_id: null,
    description: rule.description,
    revision_number: rule.revisionNumber,
    created_at: apiTimestamp(rule.createdAt),
    updated_at: apiTimestamp(rule.updatedAt, rule.createdAt),
  };
}

/** A stored group with its rules (any order: shown oldest first) and tags. Pure. */
export function toSecurityGroupResource(
  group: SecurityGroup,
  rules: readonly SecurityGroupRule[],
  tags: readonly string[],
): SecurityGroupResource {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    project_id: group.projectId,
    stateful: group.stateful,
    tags: [...tags].sort(),
    revision_number: group.revisionNumber,
    created_at: apiTimestamp(group.createdAt),
    updated_at: apiTimestamp(group.updatedAt, group.createdAt),
    security_group_rules: [...rules].sort(oldestFirst).map(toSecurityGroupRuleResource),
  };
}

/** Rules by creation time, then id: the order lists show them in. */
function oldestFirst(a: SecurityGroupRule, b: SecurityGroupRule): number {
  const time = a.createdAt.getTime() - b.createdAt.getTime();
  return time !== 0 ? time : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A stored `remote_ip_prefix` without host bits; null without one (or an unreadable one). */
function normalizedCidr(remoteIpPrefix: string | null): string | null {
  const prefix = remoteIpPrefix === null ? null : parseIpPrefix(remoteIpPrefix);
  return prefix === null ? null : formatCidr(cidrOf(prefix.address, prefix.prefix));
}
