import {
  type Clock,
  type IdGenerator,
  SecurityGroupCannotRemoveDefault,
  SecurityGroupCannotUpdateDefault,
  type SecurityGroupCreateRequest,
  SecurityGroupDefaultAlreadyExists,
  type SecurityGroupDeleteOptions,
  SecurityGroupInUse,
  type SecurityGroupListFilter,
  SecurityGroupNotFound,
  type SecurityGroupResource,
  type SecurityGroupUpdateRequest,
} from '@ml2ts/driver-api';
import { type SecurityGroup } from '@ml2ts/store';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';
import { DefaultSecurityGroups } from './default-security-groups';
import { egressRuleRows, isDefaultGroupName, newGroupRow } from './security-group-rows';
import { toSecurityGroupResource } from './security-group-view-mappers';

/** What the security group service is built from; the plugin hands its own parts over. */
export interface SecurityGroupServiceParts {
  readonly repositories: Repositories;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

/**
 * Security groups (Neutron's `security-group` extension with `stateful`): create, read, update
 * and delete them, and each project's default group (see `DefaultSecurityGroups`). Their rules
 * are `SecurityGroupRuleService`'s. Arguments are checked by the plugin's operation guard before
 * they get here. Every method opens its own units of work and must not be called inside one; a
 * throw is an `Ml2Error` and leaves the database as it was.
 */
export class SecurityGroupService {
  private readonly repositories: Repositories;
  private readonly ids: IdGenerator;
  private readonly clock: Clock;
  private readonly defaults: DefaultSecurityGroups;

  constructor(parts: SecurityGroupServiceParts) {
    this.repositories = parts.repositories;
    this.ids = parts.ids;
    this.clock = parts.clock;
    this.defaults = new DefaultSecurityGroups(parts.ids, parts.clock);
  }

  /**
   * Creates a group with rules letting any IPv4 and IPv6 traffic out, at revision 1; its
   * project's default group is created first, in the same transaction, when missing. Errors:
   * SecurityGroupDefaultAlreadyExists 409 for the name `default` (any case).
   */
  async create(request: SecurityGroupCreateRequest): Promise<SecurityGroupResource> {
    if (request.name !== undefined && isDefaultGroupName(request.name)) {
      throw new SecurityGroupDefaultAlreadyExists();
    }
    const projectId = request.project_id ?? '';
    const tags = request.tags ?? [];
    return this.repositories.transaction(async (unit) => {
      await this.defaults.ensure(unit, projectId);
      const group = newGroupRow({
        id: this.ids.uuid(),
        projectId,
        name: request.name ?? '',
        description: request.description ?? '',
        stateful: request.stateful ?? true,
        now: this.clock.now(),
      });
      await unit.securityGroups.insertGroup(group);
      const rules = egressRuleRows(this.ids, group);
      await unit.securityGroups.insertRules(rules);
      await unit.tags.add('security-groups', group.id, tags);
      return toSecurityGroupResource(group, rules, tags);
    });
  }

  /**
   * The id of the project's default group, created with its rules when the project has none
   * (a write transaction only then). Concurrent first uses, in any process, create one.
   */
  async ensureDefault(projectId: string): Promise<string> {
    const existing = await this.repositories.read((unit) =>
      unit.securityGroups.defaultGroupId(projectId),
    );
    if (existing !== null) return existing;
    return this.repositories.transaction((unit) => this.defaults.ensure(unit, projectId));
  }

  /**
   * The id of the project's default group, created in `unit` when the project has none (it goes
   * with `unit` if that rolls back). Runs inside the caller's transaction; may block on the
   * database.
   */
  async ensureDefaultIn(unit: UnitOfWork, projectId: string): Promise<string> {
    return this.defaults.ensure(unit, projectId);
  }

  /** One group with its rules and tags; SecurityGroupNotFound 404. */
  async get(groupId: string): Promise<SecurityGroupResource> {
    return this.repositories.read(async (unit) => {
      const group = await unit.securityGroups.findGroup(groupId);
      if (!group) throw new SecurityGroupNotFound(groupId);
      return (await resourcesOf(unit, [group]))[0];
    });
  }

  /**
   * Every group, oldest first, or only those of `filter.project_id` (whose default group is
   * created first when missing), each with its rules and tags.
   */
  async list(filter: SecurityGroupListFilter = {}): Promise<SecurityGroupResource[]> {
    if (filter.project_id !== undefined) await this.ensureDefault(filter.project_id);
    return this.repositories.read(async (unit) =>
      resourcesOf(unit, await unit.securityGroups.listGroups({ projectId: filter.project_id })),
    );
  }

  /**
   * Updates a group's `name`, `description` and `stateful`, moving its revision. Errors:
   * SecurityGroupNotFound 404; SecurityGroupDefaultAlreadyExists 409 for the name `default`,
   * SecurityGroupCannotUpdateDefault 409 for any name of a default group, SecurityGroupInUse 409
   * for a change of `stateful` while ports are in the group.
   */
  async update(
    groupId: string,
    request: SecurityGroupUpdateRequest,
  ): Promise<SecurityGroupResource> {
    if (request.name !== undefined && isDefaultGroupName(request.name)) {
      throw new SecurityGroupDefaultAlreadyExists();
    }
    return this.repositories.transaction(async (unit) => {
      // Locked: a port joining the group meanwhile waits, or is seen as in the group.
      const group = await unit.securityGroups.findGroup(groupId, { lock: true });
      if (!group) throw new SecurityGroupNotFound(groupId);
      if (request.name !== undefined && (await unit.securityGroups.isDefaultGroup(groupId))) {
        throw new SecurityGroupCannotUpdateDefault();
      }
      if (
        request.stateful !== undefined &&
        request.stateful !== group.stateful &&
        (await unit.securityGroups.groupInUse(groupId))
      ) {
        throw new SecurityGroupInUse(groupId, 'in use; its stateful cannot change');
      }
      if (request.name !== undefined) group.name = request.name;
      if (request.description !== undefined) group.description = request.description;
      if (request.stateful !== undefined) group.stateful = request.stateful;
      group.updatedAt = this.clock.now();
      await unit.securityGroups.updateGroup(group);
      group.revisionNumber += 1;
      return (await resourcesOf(unit, [group]))[0];
    });
  }

  /**
   * Deletes a group with its rules and tags. Rules of other groups that name it as their remote
   * group go with it, and those groups' revisions move. Errors: SecurityGroupNotFound 404,
   * SecurityGroupInUse 409 while a port is in it, SecurityGroupCannotRemoveDefault 409 for a
   * project's default group unless `options.mayRemoveDefault` (default true) allows it; the
   * project's next use then creates a new default group.
   */
  async delete(groupId: string, options: SecurityGroupDeleteOptions = {}): Promise<void> {
    await this.repositories.transaction(async (unit) => {
      // Locked: a port joining the group meanwhile waits, or is seen as in the group.
      const group = await unit.securityGroups.findGroup(groupId, { lock: true });
      if (!group) throw new SecurityGroupNotFound(groupId);
      if (await unit.securityGroups.groupInUse(groupId)) throw new SecurityGroupInUse(groupId);
      if (
        options.mayRemoveDefault === false &&
        (await unit.securityGroups.isDefaultGroup(groupId))
      ) {
        throw new SecurityGroupCannotRemoveDefault();
      }
      const referencing = await unit.securityGroups.groupIdsReferencing(groupId);
      await unit.securityGroups.deleteGroup(groupId);
      await unit.tags.removeAll('security-groups', [groupId]);
      const now = this.clock.now();
      for (const otherId of referencing) await unit.revisions.bump('security-groups', otherId, now);
    });
  }
}

/** The groups as the API shows them: their rules and tags read in one statement each. */
async function resourcesOf(
  unit: UnitOfWork,
  groups: readonly SecurityGroup[],
): Promise<SecurityGroupResource[]> {
  const ids = groups.map((group) => group.id);
  const rules = await unit.securityGroups.rulesOf(ids);
  const tags = await unit.tags.tagsOf('security-groups', ids);
  return groups.map((group) =>
    toSecurityGroupResource(
      group,
      rules.filter((rule) => rule.securityGroupId === group.id),
      tags.get(group.id) ?? [],
    ),
  );
}
