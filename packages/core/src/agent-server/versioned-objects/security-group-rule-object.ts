import { VERSIONED_RESOURCE_VERSIONS, type VersionedObjectPrimitive } from '@ml2ts/agent-rpc';
import { type SecurityGroupRule } from '@ml2ts/store';
import { toSecurityGroupRuleResource } from '../../ml2/security-group-view-mappers';
import { setUnlessNull, versionedObject } from './primitive';

/**
 * A rule as Neutron's `SecurityGroupRule` 1.2 object, with the API's values (`normalized_cidr`
 * computed, null without a prefix). A null protocol, port range bound, remote prefix or remote
 * group is left out, as Neutron leaves out NULL columns; `remote_address_group_id` always is
 * (ml2ts has no address groups). `description` is always there: ml2ts stores `''` where
 * Neutron stores NULL for the rules it makes with a group, so those rules carry one key more
 * than Neutron's (agents do not read it). Pure.
 */
export function securityGroupRuleObject(rule: SecurityGroupRule): VersionedObjectPrimitive {
  const shown = toSecurityGroupRuleResource(rule);
  const data: Record<string, unknown> = {
    created_at: shown.created_at,
    description: shown.description,
    direction: shown.direction,
    ethertype: shown.ethertype,
    id: shown.id,
    normalized_cidr: shown.normalized_cidr,
    project_id: shown.project_id,
    revision_number: shown.revision_number,
    security_group_id: shown.security_group_id,
    updated_at: shown.updated_at,
  };
  setUnlessNull(data, 'port_range_max', shown.port_range_max);
  setUnlessNull(data, 'port_range_min', shown.port_range_min);
  setUnlessNull(data, 'protocol', shown.protocol);
  setUnlessNull(data, 'remote_group_id', shown.remote_group_id);
  setUnlessNull(data, 'remote_ip_prefix', shown.remote_ip_prefix);
  return versionedObject('SecurityGroupRule', VERSIONED_RESOURCE_VERSIONS.SecurityGroupRule, data);
}
