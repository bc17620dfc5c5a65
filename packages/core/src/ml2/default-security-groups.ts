import { type Clock, type IdGenerator } from '@ml2ts/driver-api';
import { type UnitOfWork } from '../repositories/unit-of-work';
import {
  DEFAULT_GROUP_DESCRIPTION,
  DEFAULT_GROUP_NAME,
  defaultRuleRows,
  newGroupRow,
} from './security-group-rows';

/** How often a lost race for a project's default group is looked up again before giving up. */
const LOOKUPS_AFTER_LOSING = 3;

/**
 * Each project's default security group, created on the project's first use: `default`, with
 * rules letting any IPv4 and IPv6 traffic out and traffic in from the group's own ports. One
 * per project whatever the number of processes: the database's unique key on the project
 * decides between concurrent creators, and the losers take the winner's group.
 */
export class DefaultSecurityGroups {
  constructor(
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /**
   * The id of the project's default group, created (with its rules) in the caller's write
   * transaction when the project has none: one indexed lookup when it exists. Must run inside
   * a transaction (`Repositories.transaction`). A throw is the database's error (the caller's
   * transaction rolls back), or an `Error` when the group another writer created vanished again
   * before it could be read, several times over.
   */
  async ensure(unit: UnitOfWork, projectId: string): Promise<string> {
    const existing = await unit.securityGroups.defaultGroupId(projectId);
    if (existing !== null) return existing;
    for (let lookup = 0; lookup < LOOKUPS_AFTER_LOSING; lookup += 1) {
      const group = newGroupRow({
        id: this.ids.uuid(),
        projectId,
        name: DEFAULT_GROUP_NAME,
        description: DEFAULT_GROUP_DESCRIPTION,
        stateful: true,
        now: this.clock.now(),
      });
      if (await unit.securityGroups.insertDefaultGroup(group)) {
        await unit.securityGroups.insertRules(defaultRuleRows(this.ids, group));
        return group.id;
      }
      // Another writer created it meanwhile: take its group (committed, so a locking read).
      const winner = await unit.securityGroups.defaultGroupId(projectId, { locking: true });
      if (winner !== null) return winner;
    }
    throw new Error(
      `the default security group of project '${projectId}' was created and deleted again ` +
        `${LOOKUPS_AFTER_LOSING} times while this operation was creating it`,
    );
  }
}
