import { type SecurityGroup, type SecurityGroupRule } from '@ml2ts/store';

/** What `SecurityGroupRepository.listRules` filters on; an absent criterion matches every rule. */
export interface SecurityGroupRuleFilter {
  /** Rules this project owns, and rules of this project's groups. */
  readonly projectId?: string;
  readonly securityGroupId?: string;
}

/**
 * The engine's storage of security groups (`securitygroups`), their rules
 * (`securitygrouprules`), each project's default group (`default_security_group`) and ports'
 * membership (`securitygroupportbindings`). One instance serves one unit of work: every method
 * runs inside the caller's transaction (or read), on its connection, and opens none itself (a
 * savepoint at most). Methods neither check what the caller should check first nor move
 * revisions: the caller does both. A throw is the database's error and the caller's unit of work
 * rolls back.
 */
export interface SecurityGroupRepository {
  /**
   * The id of the project's default group, or null: one indexed lookup. `locking` reads the
   * latest committed row with a shared lock instead of the transaction's snapshot, for a caller
   * whose insert just lost to another writer's (MySQL's plain reads would not see it).
   */
  defaultGroupId(
    projectId: string,
    options?: { readonly locking?: boolean },
  ): Promise<string | null>;
  /**
   * Inserts `group` and makes it its project's default group, in a savepoint: true when both
   * went in, false (nothing written, the caller's transaction usable) when the project has a
   * default group already, which a concurrent writer may have committed meanwhile.
   */
  insertDefaultGroup(group: SecurityGroup): Promise<boolean>;
  /** True when the group is its project's default group. */
  isDefaultGroup(groupId: string): Promise<boolean>;
  /** Inserts a group. */
  insertGroup(group: SecurityGroup): Promise<void>;
  /**
   * One group, or null. `lock` locks its row until the transaction ends (no-op on SQLite, whose
   * write transactions exclude each other): before a delete, so that no port joins it meanwhile.
   */
  findGroup(groupId: string, options?: { readonly lock?: boolean }): Promise<SecurityGroup | null>;
  /**
   * The groups among `groupIds` that exist, in no particular order; one statement. `lock` holds
   * a shared lock on their rows until the transaction ends (no-op on SQLite): before a port joins
   * them, so that none is deleted meanwhile (a delete waits, then finds the port in the group).
   */
  findGroups(
    groupIds: readonly string[],
    options?: { readonly lock?: boolean },
  ): Promise<SecurityGroup[]>;
  /** Every group, or the project's, oldest first (ties by id). */
  listGroups(filter?: { readonly projectId?: string }): Promise<SecurityGroup[]>;
  /**
   * Writes the group's `name`, `description`, `stateful` and `updated_at`, adding 1 to its
   * `revision_number` in the same statement; the caller keeps its copy in step.
   */
  updateGroup(group: SecurityGroup): Promise<void>;
  /**
   * Deletes a group; its rules, rules of other groups naming it as their remote group, and its
   * default-group row go with it. Fails (foreign key) while a port is in it: check first.
   */
  deleteGroup(groupId: string): Promise<void>;
  /** Inserts rules, in order. */
  insertRules(rules: readonly SecurityGroupRule[]): Promise<void>;
  /** One rule, or null. */
  findRule(ruleId: string): Promise<SecurityGroupRule | null>;
  /** The rules of `groupIds`, oldest first (ties by id); one statement. */
  rulesOf(groupIds: readonly string[]): Promise<SecurityGroupRule[]>;
  /** The rules matching `filter`, oldest first (ties by id). */
  listRules(filter?: SecurityGroupRuleFilter): Promise<SecurityGroupRule[]>;
  /** Ids of the groups other than `groupId` with a rule whose remote group is `groupId`. */
  groupIdsReferencing(groupId: string): Promise<string[]>;
  /** Deletes one rule. */
  deleteRule(ruleId: string): Promise<void>;
  /** True when a port is in the group. */
  groupInUse(groupId: string): Promise<boolean>;
  /**
   * The groups of each of `portIds`, sorted, by port id; a port in no group has no entry. One
   * statement whatever the number of ids.
   */
  groupsOfPorts(portIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Puts the port in `groupIds` (distinct, existing groups). */
  addPortToGroups(portId: string, groupIds: readonly string[]): Promise<void>;
  /** Takes the port out of every group. */
  removePortFromGroups(portId: string): Promise<void>;
  /** The rules among `ruleIds` that exist, oldest first (ties by id); one statement. */
  findRules(ruleIds: readonly string[]): Promise<SecurityGroupRule[]>;
  /** The ids among `groupIds` that are their project's default group; one statement. */
  defaultGroupsAmong(groupIds: readonly string[]): Promise<Set<string>>;
  /** The ids of the ports in at least one of `groupIds`, each once, sorted; one statement. */
  portIdsInGroups(groupIds: readonly string[]): Promise<string[]>;
}
