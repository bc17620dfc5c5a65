import {
  type Clock,
  type IdGenerator,
  type SecurityGroupRuleCreateRequest,
  SecurityGroupRuleExists,
  type SecurityGroupRuleListFilter,
  SecurityGroupRuleNotFound,
  type SecurityGroupRuleResource,
  SecurityGroupNotFound,
} from '@ml2ts/driver-api';
import { type SecurityGroupRule } from '@ml2ts/store';
import { type Repositories } from '../repositories/unit-of-work';
import { checkedRuleMatch, ruleIdentity } from './security-group-rule-checks';
import { toSecurityGroupRuleResource } from './security-group-view-mappers';

/** What the rule service is built from; the plugin hands its own parts over. */
export interface SecurityGroupRuleServiceParts {
  readonly repositories: Repositories;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** The id of a project's default group, created when missing (see `SecurityGroupService`). */
  readonly ensureDefaultGroup: (projectId: string) => Promise<string>;
}

/**
 * Security group rules: create, read and delete them (rules cannot be updated). Creating or
 * deleting a rule moves its group's revision, in the same transaction. Arguments are checked by
 * the plugin's operation guard before they get here. Every method opens its own units of work
 * and must not be called inside one; a throw is an `Ml2Error` and leaves the database as it was.
 */
export class SecurityGroupRuleService {
  constructor(private readonly parts: SecurityGroupRuleServiceParts) {}

  /**
   * Creates a rule (see `checkedRuleMatch` for what it may be); its project is the request's,
   * else its group's. Errors: the 400s of `checkedRuleMatch`, SecurityGroupNotFound 404 for an
   * unknown group or remote group, SecurityGroupRuleExists 409 when the group has a rule matching
   * the same traffic.
   */
  async create(request: SecurityGroupRuleCreateRequest): Promise<SecurityGroupRuleResource> {
    const match = checkedRuleMatch(request);
    return this.parts.repositories.transaction(async (unit) => {
      const groups = unit.securityGroups;
      if (match.remoteGroupId !== null && !(await groups.findGroup(match.remoteGroupId))) {
        throw new SecurityGroupNotFound(match.remoteGroupId);
      }
      const group = await groups.findGroup(request.security_group_id);
      if (!group) throw new SecurityGroupNotFound(request.security_group_id);
      const identity = ruleIdentity(match);
      const same = (await groups.rulesOf([group.id])).find(
        (existing) => ruleIdentity(existing) === identity,
      );
      if (same) throw new SecurityGroupRuleExists(same.id);
      const now = this.parts.clock.now();
      const rule: SecurityGroupRule = {
        id: this.parts.ids.uuid(),
        projectId: request.project_id ?? group.projectId,
        securityGroupId: group.id,
        ...match,
        description: request.description ?? '',
        createdAt: now,
        revisionNumber: 0,
        updatedAt: now,
      };
      await groups.insertRules([rule]);
      await unit.revisions.bump('security-groups', group.id, now);
      return toSecurityGroupRuleResource(rule);
    });
  }

  /** One rule; SecurityGroupRuleNotFound 404. */
  async get(ruleId: string): Promise<SecurityGroupRuleResource> {
    const rule = await this.parts.repositories.read((unit) => unit.securityGroups.findRule(ruleId));
    if (!rule) throw new SecurityGroupRuleNotFound(ruleId);
    return toSecurityGroupRuleResource(rule);
  }

  /**
   * Every rule, oldest first, or those `filter` selects: of one group, and those a project may
   * see (its own and its groups'; its default group is created first when missing).
   */
  async list(filter: SecurityGroupRuleListFilter = {}): Promise<SecurityGroupRuleResource[]> {
    if (filter.project_id !== undefined) await this.parts.ensureDefaultGroup(filter.project_id);
    const rules = await this.parts.repositories.read((unit) =>
      unit.securityGroups.listRules({
        projectId: filter.project_id,
        securityGroupId: filter.security_group_id,
      }),
    );
    return rules.map(toSecurityGroupRuleResource);
  }

  /** Deletes a rule, moving its group's revision; SecurityGroupRuleNotFound 404. */
  async delete(ruleId: string): Promise<void> {
    await this.parts.repositories.transaction(async (unit) => {
      const rule = await unit.securityGroups.findRule(ruleId);
      if (!rule) throw new SecurityGroupRuleNotFound(ruleId);
      await unit.securityGroups.deleteRule(ruleId);
      await unit.revisions.bump('security-groups', rule.securityGroupId, this.parts.clock.now());
    });
  }
}
