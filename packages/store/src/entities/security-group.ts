import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `securitygroups`: a project's named set of firewall rules (`securitygrouprules`), which ports
 * join through `securitygroupportbindings`. Each project's default group is the one
 * `default_security_group` names; its tags are `tags` rows.
 */
@Entity({ name: 'securitygroups' })
@Index('ix_securitygroups_project_id', ['projectId'])
export class SecurityGroup {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 255, default: '' })
  projectId!: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  name!: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  description!: string;

  /** Whether the firewall tracks connections; all groups of one port agree. */
  @Column({ type: 'boolean', default: true })
  stateful!: boolean;

  /** UTC to the ms: SQLite `datetime`, PostgreSQL `timestamp`, MySQL `datetime(3)`. */
  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  /**
   * 1 at create (its first rules come with it); +1 with every committed transaction that
   * changes the group afterwards (an update, a rule added or removed, tags).
   */
  @Column({ name: 'revision_number', type: 'integer', default: 0 })
  revisionNumber!: number;

  /** When `revision_number` last moved (UTC to the ms); null only for rows written otherwise. */
  @Column({ name: 'updated_at', type: Date, nullable: true })
  updatedAt!: Date | null;
}
