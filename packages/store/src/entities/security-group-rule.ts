import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SecurityGroup } from './security-group';

/**
 * `securitygrouprules`: one rule of a security group. A rule goes with its group, and with the
 * group its `remote_group_id` names (both foreign keys cascade). Rules are never updated.
 */
@Entity({ name: 'securitygrouprules' })
@Index('ix_securitygrouprules_security_group_id', ['securityGroupId'])
@Index('ix_securitygrouprules_remote_group_id', ['remoteGroupId'])
export class SecurityGroupRule {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 255, default: '' })
  projectId!: string;

  @Column({ name: 'security_group_id', type: 'varchar', length: 36 })
  securityGroupId!: string;

  @ManyToOne(() => SecurityGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'security_group_id' })
  securityGroup?: SecurityGroup;

  @Column({ name: 'remote_group_id', type: 'varchar', length: 36, nullable: true })
  remoteGroupId!: string | null;

  @ManyToOne(() => SecurityGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'remote_group_id' })
  remoteGroup?: SecurityGroup;

  /** `ingress` or `egress`. */
  @Column({ type: 'varchar', length: 16 })
  direction!: string;

  /** `IPv4` or `IPv6`. */
  @Column({ type: 'varchar', length: 40 })
  ethertype!: string;

  /** A protocol name or a number as text; null: any protocol. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  protocol!: string | null;

  @Column({ name: 'port_range_min', type: 'integer', nullable: true })
  portRangeMin!: number | null;

  @Column({ name: 'port_range_max', type: 'integer', nullable: true })
  portRangeMax!: number | null;

  /** An address with its prefix length as given (host bits kept); null: any address. */
  @Column({ name: 'remote_ip_prefix', type: 'varchar', length: 255, nullable: true })
  remoteIpPrefix!: string | null;

  @Column({ type: 'varchar', length: 255, default: '' })
  description!: string;

  /** UTC to the ms: SQLite `datetime`, PostgreSQL `timestamp`, MySQL `datetime(3)`. */
  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  /** 0: rules are never changed. */
  @Column({ name: 'revision_number', type: 'integer', default: 0 })
  revisionNumber!: number;

  /** As `created_at` (rules are never changed); null only for rows written otherwise. */
  @Column({ name: 'updated_at', type: Date, nullable: true })
  updatedAt!: Date | null;
}
