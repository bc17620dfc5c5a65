import { randomUUID } from 'node:crypto';
import { type QueryRunner } from 'typeorm';

/** The description of every project's default security group. */
export const DEFAULT_GROUP_DESCRIPTION = 'Default security group';

/** The rules of a default group: egress anywhere and ingress from the group itself, per version. */
const DEFAULT_RULES: ReadonlyArray<{ direction: string; ethertype: string; fromGroup: boolean }> = [
  { direction: 'ingress', ethertype: 'IPv4', fromGroup: true },
  { direction: 'egress', ethertype: 'IPv4', fromGroup: false },
  { direction: 'ingress', ethertype: 'IPv6', fromGroup: true },
  { direction: 'egress', ethertype: 'IPv6', fromGroup: false },
];

/**
 * Puts the ports the security-groups migration found where a port created afterwards would be:
 * each project with ports gets its default security group (`default`, with its four rules, at
 * revision 1, created at `migratedAt`), and every port of the project joins it, except ports
 * whose `device_owner` starts with `network:`, which are in no group. Runs inside the
 * migration's transaction where the dialect has one. `newId` makes the groups' and rules' ids
 * (random UUIDs by default). This computation is the migration's own, frozen with it.
 */
export async function backfillSecurityGroups(
  queryRunner: QueryRunner,
  dialect: 'sqlite' | 'postgres' | 'mysql',
  migratedAt: Date,
  newId: () => string = randomUUID,
): Promise<void> {
  const quote = dialect === 'mysql' ? '`' : '"';
  const q = (name: string) => `${quote}${name}${quote}`;
  const list = (names: readonly string[]) => names.map(q).join(', ');
  const placeholders = (count: number) =>
    Array.from({ length: count }, (_, index) => (dialect === 'postgres' ? `$${index + 1}` : '?'));
  // UTC to the ms, in the text form every dialect's datetime columns take.
  const instant = migratedAt.toISOString().replace('T', ' ').replace('Z', '');
  const member = `${q('device_owner')} NOT LIKE 'network:%'`;
  const projects = ((await queryRunner.query(
    `SELECT DISTINCT ${q('project_id')} FROM ${q('ports')} WHERE ${member} ORDER BY ${q('project_id')}`,
  )) ?? []) as Array<{ project_id: string }>;
  for (const { project_id: projectId } of projects) {
    const groupId = newId();
    const groupColumns = [
      'id',
      'project_id',
      'name',
      'description',
      'created_at',
      'revision_number',
      'updated_at',
    ];
    await queryRunner.query(
      `INSERT INTO ${q('securitygroups')} (${list(groupColumns)}) VALUES (${placeholders(7).join(', ')})`,
      [groupId, projectId, 'default', DEFAULT_GROUP_DESCRIPTION, instant, 1, instant],
    );
    await queryRunner.query(
      `INSERT INTO ${q('default_security_group')} (${list(['project_id', 'security_group_id'])}) VALUES (${placeholders(2).join(', ')})`,
      [projectId, groupId],
    );
    const ruleColumns = [
      'id',
      'project_id',
      'security_group_id',
      'remote_group_id',
      'direction',
      'ethertype',
      'created_at',
      'updated_at',
    ];
    for (const rule of DEFAULT_RULES) {
      await queryRunner.query(
        `INSERT INTO ${q('securitygrouprules')} (${list(ruleColumns)}) VALUES (${placeholders(8).join(', ')})`,
        [
          newId(),
          projectId,
          groupId,
          rule.fromGroup ? groupId : null,
          rule.direction,
          rule.ethertype,
          instant,
          instant,
        ],
      );
    }
    const [group, project] = placeholders(2);
    await queryRunner.query(
      `INSERT INTO ${q('securitygroupportbindings')} (${list(['port_id', 'security_group_id'])}) SELECT ${q('id')}, ${group} FROM ${q('ports')} WHERE ${q('project_id')} = ${project} AND ${member}`,
      [groupId, projectId],
    );
  }
}
