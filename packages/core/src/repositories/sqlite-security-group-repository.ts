import { preparedStatement } from '@ml2ts/store';
import { EntitySecurityGroupRepository } from './entity-security-group-repository';

/**
 * `SecurityGroupRepository` on SQLite: better-sqlite3 prepared statements on the store's single
 * connection for what every port create does (the default-group lookup, the membership rows);
 * everything else is the entity manager's, as on every database. Each statement runs
 * synchronously inside the unit of work.
 */
export class SqliteSecurityGroupRepository extends EntitySecurityGroupRepository {
  override async defaultGroupId(projectId: string): Promise<string | null> {
    // SQLite's write transactions exclude each other: a plain read is the latest row.
    const row = this.statement(
      `SELECT security_group_id FROM default_security_group WHERE project_id = ?`,
    ).get(projectId) as { security_group_id: string } | undefined;
    return row?.security_group_id ?? null;
  }

  override async addPortToGroups(portId: string, groupIds: readonly string[]): Promise<void> {
    const insert = this.statement(
      `INSERT INTO securitygroupportbindings (port_id, security_group_id) VALUES (?, ?)`,
    );
    for (const groupId of groupIds) insert.run(portId, groupId);
  }

  private statement(sql: string) {
    return preparedStatement(this.manager, sql);
  }
}
