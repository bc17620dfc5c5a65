import {
  type PortCreateRequest,
  PortSecurityAndIPRequiredForSecurityGroups,
  PortSecurityPortHasSecurityGroup,
  type PortUpdateRequest,
  SecurityGroupConflict,
  SecurityGroupNotFound,
} from '@ml2ts/driver-api';
import { type UnitOfWork } from '../repositories/unit-of-work';
import { type DefaultSecurityGroups } from './default-security-groups';

/**
 * True for the ports Neutron trusts not to attack their network, those whose `device_owner`
 * starts with `network:` (DHCP, router and other network service ports): they are created in no
 * security group. Pure.
 */
export function isTrustedPort(deviceOwner: string): boolean {
  return deviceOwner.startsWith('network:');
}

/**
 * The security groups a port being created joins, sorted, read inside its create transaction;
 * the project's default group is created first when the project has none (any port create
 * does that, as in Neutron). A trusted port (see `isTrustedPort`) joins none, whatever the
 * request says; `port_security_enabled: false` joins none, and naming groups with it is a 400
 * `PortSecurityAndIPRequiredForSecurityGroups`; no `security_groups`: the default group; else
 * the named groups (see `checkedGroupIds`). Writes nothing but the default group.
 */
export async function securityGroupsOfNewPort(
  unit: UnitOfWork,
  defaults: DefaultSecurityGroups,
  request: PortCreateRequest,
  projectId: string,
): Promise<string[]> {
  const defaultGroupId = await defaults.ensure(unit, projectId);
  if (isTrustedPort(request.device_owner ?? '')) return [];
  const requested = request.security_groups;
  if (request.port_security_enabled === false) {
    if (requested !== undefined && requested.length > 0) {
      throw new PortSecurityAndIPRequiredForSecurityGroups();
    }
    return [];
  }
  if (requested === undefined) return [defaultGroupId];
  return checkedGroupIds(unit, requested);
}

/**
 * The security groups an updated port is in, sorted, or null when the update leaves them as
 * they are (`current`); read inside the update's transaction, writes nothing. The named groups
 * are checked as on create (see `checkedGroupIds`). `port_security_enabled: false` with groups
 * named is a 400 `PortSecurityAndIPRequiredForSecurityGroups`, and with groups kept a 409
 * `PortSecurityPortHasSecurityGroup`.
 */
export async function securityGroupsOfUpdate(
  unit: UnitOfWork,
  request: PortUpdateRequest,
  current: readonly string[],
): Promise<string[] | null> {
  const requested = request.security_groups;
  if (request.port_security_enabled === false) {
    if (requested !== undefined && requested.length > 0) {
      throw new PortSecurityAndIPRequiredForSecurityGroups();
    }
    if (requested === undefined && current.length > 0) {
      throw new PortSecurityPortHasSecurityGroup();
    }
  }
  if (requested === undefined) return null;
  const groups = await checkedGroupIds(unit, requested);
  const unchanged =
    groups.length === current.length && groups.every((id, index) => id === current[index]);
  return unchanged ? null : groups;
}

/**
 * `groupIds` sorted, once each is known to exist (else 404 `SecurityGroupNotFound` naming every
 * unknown one) and all are stateful or all stateless (else 409 `SecurityGroupConflict`). One
 * statement, which locks the groups' rows (shared) until the caller's transaction ends; whether
 * the caller may use the groups is its business.
 */
async function checkedGroupIds(unit: UnitOfWork, groupIds: readonly string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  // Locked: a group the port joins cannot be deleted before the port's transaction ends.
  const found = await unit.securityGroups.findGroups(groupIds, { lock: true });
  const known = new Set(found.map((group) => group.id));
  const missing = groupIds.filter((id) => !known.has(id));
  if (missing.length > 0) throw new SecurityGroupNotFound(missing.join(', '));
  if (new Set(found.map((group) => group.stateful)).size > 1) {
    throw new SecurityGroupConflict(
      'Cannot apply both stateful and stateless security groups on the same port at the same ' +
        'time; use groups of one kind',
    );
  }
  return [...known].sort();
}
