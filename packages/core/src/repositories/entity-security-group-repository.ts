import {
  DefaultSecurityGroup,
  SecurityGroup,
  SecurityGroupPortBinding,
  SecurityGroupRule,
} from '@ml2ts/store';
import { Brackets, type EntityManager, In, Not } from 'typeorm';
import { incrementRevision } from './increment-revision';
import { insertUnlessDuplicate } from './savepoint';
import {
  type SecurityGroupRepository,
  type SecurityGroupRuleFilter,
} from './security-group-repository';

/**
 * Above this many ids, the lookups by id read every row of their table and keep those asked
 * for: still one statement, and never more bound parameters than any database takes.
 */
const MAX_IDS_PER_LOOKUP = 500;

/**
 * `SecurityGroupRepository` through TypeORM's entity manager, for every database the store
 * supports. Every call runs on the unit of work's manager, inside its transaction.
 */
export class EntitySecurityGroupRepository implements SecurityGroupRepository {
  constructor(protected readonly manager: EntityManager) {}

  async defaultGroupId(
    projectId: string,
    options: { readonly locking?: boolean } = {},
  ): Promise<string | null> {
    const row = await this.manager.findOne(DefaultSecurityGroup, {
      where: { projectId },
      ...(options.locking && this.locksRows() ? { lock: { mode: 'pessimistic_read' } } : {}),
    });
    return row?.securityGroupId ?? null;
  }

  insertDefaultGroup(group: SecurityGroup): Promise<boolean> {
    return insertUnlessDuplicate(this.manager, async () => {
      await this.manager.insert(SecurityGroup, { ...group });
      await this.manager.insert(DefaultSecurityGroup, {
        projectId: group.projectId,
        securityGroupId: group.id,
      });
    });
  }

  isDefaultGroup(groupId: string): Promise<boolean> {
    return this.manager.existsBy(DefaultSecurityGroup, { securityGroupId: groupId });
  }

  async insertGroup(group: SecurityGroup): Promise<void> {
    await this.manager.insert(SecurityGroup, { ...group });
  }

  findGroup(
    groupId: string,
    options: { readonly lock?: boolean } = {},
  ): Promise<SecurityGroup | null> {
    return this.manager.findOne(SecurityGroup, {
      where: { id: groupId },
      ...(options.lock && this.locksRows() ? { lock: { mode: 'pessimistic_write' } } : {}),
    });
  }

  async findGroups(
    groupIds: readonly string[],
    options: { readonly lock?: boolean } = {},
  ): Promise<SecurityGroup[]> {
    if (groupIds.length === 0) return [];
    const wanted = new Set(groupIds);
    const lock =
      options.lock && this.locksRows() ? { lock: { mode: 'pessimistic_read' as const } } : {};
    if (wanted.size > MAX_IDS_PER_LOOKUP) {
      const every = await this.manager.find(SecurityGroup, { order: { id: 'ASC' }, ...lock });
      return every.filter((group) => wanted.has(group.id));
    }
    return this.manager.find(SecurityGroup, {
      where: { id: In([...wanted]) },
      order: { id: 'ASC' },
      ...lock,
    });
  }

  listGroups(filter: { readonly projectId?: string } = {}): Promise<SecurityGroup[]> {
    return this.manager.find(SecurityGroup, {
      where: filter.projectId === undefined ? {} : { projectId: filter.projectId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async updateGroup(group: SecurityGroup): Promise<void> {
    await this.manager.update(
      SecurityGroup,
      { id: group.id },
      {
        name: group.name,
        description: group.description,
        stateful: group.stateful,
        updatedAt: group.updatedAt,
        revisionNumber: incrementRevision,
      },
    );
  }

  async deleteGroup(groupId: string): Promise<void> {
    // The foreign keys would cascade; deleting first keeps the order the same everywhere.
    await this.manager.delete(SecurityGroupRule, { remoteGroupId: groupId });
    await this.manager.delete(SecurityGroupRule, { securityGroupId: groupId });
    await this.manager.delete(DefaultSecurityGroup, { securityGroupId: groupId });
    await this.manager.delete(SecurityGroup, { id: groupId });
  }

  async insertRules(rules: readonly SecurityGroupRule[]): Promise<void> {
    if (rules.length === 0) return;
    await this.manager.insert(
      SecurityGroupRule,
      rules.map((rule) => ({ ...rule })),
    );
  }

  findRule(ruleId: string): Promise<SecurityGroupRule | null> {
    return this.manager.findOne(SecurityGroupRule, { where: { id: ruleId } });
  }

  async rulesOf(groupIds: readonly string[]): Promise<SecurityGroupRule[]> {
    if (groupIds.length === 0) return [];
    const wanted = new Set(groupIds);
    const rules = await this.manager.find(SecurityGroupRule, {
      where: wanted.size > MAX_IDS_PER_LOOKUP ? {} : { securityGroupId: In([...wanted]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rules.filter((rule) => wanted.has(rule.securityGroupId));
  }

  listRules(filter: SecurityGroupRuleFilter = {}): Promise<SecurityGroupRule[]> {
    const query = this.manager
      .createQueryBuilder(SecurityGroupRule, 'rule')
      .orderBy('rule.created_at', 'ASC')
      .addOrderBy('rule.id', 'ASC');
    if (filter.securityGroupId !== undefined) {
      query.andWhere('rule.security_group_id = :groupId', { groupId: filter.securityGroupId });
    }
    if (filter.projectId !== undefined) {
      // Unquoted names: lower case, the same on every dialect.
      query.andWhere(
        new Brackets((owned) => {
          owned
            .where('rule.project_id = :projectId')
            .orWhere(
              'rule.security_group_id IN (SELECT sg_owner.id FROM securitygroups sg_owner ' +
                'WHERE sg_owner.project_id = :projectId)',
            );
        }),
        { projectId: filter.projectId },
      );
    }
    return query.getMany();
  }

  async groupIdsReferencing(groupId: string): Promise<string[]> {
    const rules = await this.manager.find(SecurityGroupRule, {
      where: { remoteGroupId: groupId, securityGroupId: Not(groupId) },
      select: { securityGroupId: true },
    });
    return [...new Set(rules.map((rule) => rule.securityGroupId))].sort();
  }

  async deleteRule(ruleId: string): Promise<void> {
    await this.manager.delete(SecurityGroupRule, { id: ruleId });
  }

  groupInUse(groupId: string): Promise<boolean> {
    return this.manager.existsBy(SecurityGroupPortBinding, { securityGroupId: groupId });
  }

  async groupsOfPorts(portIds: readonly string[]): Promise<Map<string, string[]>> {
    const groups = new Map<string, string[]>();
    if (portIds.length === 0) return groups;
    const wanted = new Set(portIds);
    const rows = await this.manager.find(SecurityGroupPortBinding, {
      where: wanted.size > MAX_IDS_PER_LOOKUP ? {} : { portId: In([...wanted]) },
    });
    for (const row of rows) {
      if (!wanted.has(row.portId)) continue;
      const list = groups.get(row.portId);
      if (list) list.push(row.securityGroupId);
      else groups.set(row.portId, [row.securityGroupId]);
    }
    for (const list of groups.values()) list.sort();
    return groups;
  }

  async addPortToGroups(portId: string, groupIds: readonly string[]): Promise<void> {
    if (groupIds.length === 0) return;
    await this.manager.insert(
      SecurityGroupPortBinding,
      groupIds.map((securityGroupId) => ({ portId, securityGroupId })),
    );
  }

  async removePortFromGroups(portId: string): Promise<void> {
    await this.manager.delete(SecurityGroupPortBinding, { portId });
  }

  async findRules(ruleIds: readonly string[]): Promise<SecurityGroupRule[]> {
    const wanted = new Set(ruleIds);
    if (wanted.size === 0) return [];
    const rules = await this.manager.find(SecurityGroupRule, {
      where: wanted.size > MAX_IDS_PER_LOOKUP ? {} : { id: In([...wanted]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rules.filter((rule) => wanted.has(rule.id));
  }

  async defaultGroupsAmong(groupIds: readonly string[]): Promise<Set<string>> {
    const wanted = new Set(groupIds);
    if (wanted.size === 0) return new Set();
    const rows = await this.manager.find(DefaultSecurityGroup, {
      where: wanted.size > MAX_IDS_PER_LOOKUP ? {} : { securityGroupId: In([...wanted]) },
    });
    return new Set(rows.map((row) => row.securityGroupId).filter((groupId) => wanted.has(groupId)));
  }

  async portIdsInGroups(groupIds: readonly string[]): Promise<string[]> {
    const wanted = new Set(groupIds);
    if (wanted.size === 0) return [];
    const rows = await this.manager.find(SecurityGroupPortBinding, {
      where: wanted.size > MAX_IDS_PER_LOOKUP ? {} : { securityGroupId: In([...wanted]) },
    });
    const portIds = rows.filter((row) => wanted.has(row.securityGroupId)).map((row) => row.portId);
    return [...new Set(portIds)].sort();
  }

  /** Whether this database takes row locks (SQLite's write transactions exclude each other). */
  private locksRows(): boolean {
    return this.manager.connection.options.type !== 'better-sqlite3';
  }
}
