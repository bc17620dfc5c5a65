import { type IdGenerator } from '@ml2ts/driver-api';
import { type SecurityGroup, type SecurityGroupRule } from '@ml2ts/store';

/** The name every project's default security group has, and no other group may have. */
export const DEFAULT_GROUP_NAME = 'default';

/** The description of every project's default security group. */
export const DEFAULT_GROUP_DESCRIPTION = 'Default security group';

/** True for `default` in any case: the name no group but a project's default may have. Pure. */
export function isDefaultGroupName(name: string): boolean {
  return name.toLowerCase() === DEFAULT_GROUP_NAME;
}

/** What a new group row is made of; the rest is its create's. */
export interface NewGroup {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  readonly description: string;
  readonly stateful: boolean;
  readonly now: Date;
}

/** A new group's row, at revision 1: its first rules come with it. Pure. */
export function newGroupRow(group: NewGroup): SecurityGroup {
  return {
    id: group.id,
    projectId: group.projectId,
    name: group.name,
    description: group.description,
    stateful: group.stateful,
    createdAt: group.now,
    revisionNumber: 1,
    updatedAt: group.now,
  };
}

/** A rule row of `group` without protocol, ports or prefix: any traffic of one kind. */
function openRuleRow(
  ids: IdGenerator,
  group: SecurityGroup,
  direction: 'ingress' | 'egress',
  ethertype: 'IPv4' | 'IPv6',
  remoteGroupId: string | null,
): SecurityGroupRule {
  return {
    id: ids.uuid(),
    projectId: group.projectId,
    securityGroupId: group.id,
    remoteGroupId,
    direction,
    ethertype,
    protocol: null,
    portRangeMin: null,
    portRangeMax: null,
    remoteIpPrefix: null,
    description: '',
    createdAt: group.createdAt,
    revisionNumber: 0,
    updatedAt: group.createdAt,
  };
}

/** The rules every new group gets: any IPv4 and any IPv6 traffic out. */
export function egressRuleRows(ids: IdGenerator, group: SecurityGroup): SecurityGroupRule[] {
  return [
    openRuleRow(ids, group, 'egress', 'IPv4', null),
    openRuleRow(ids, group, 'egress', 'IPv6', null),
  ];
}

/**
 * The rules of a project's default group: per IP version, traffic in from the group's own
 * ports and any traffic out.
 */
export function defaultRuleRows(ids: IdGenerator, group: SecurityGroup): SecurityGroupRule[] {
  return [
    openRuleRow(ids, group, 'ingress', 'IPv4', group.id),
    openRuleRow(ids, group, 'egress', 'IPv4', null),
    openRuleRow(ids, group, 'ingress', 'IPv6', group.id),
    openRuleRow(ids, group, 'egress', 'IPv6', null),
  ];
}
