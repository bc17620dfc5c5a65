import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { SecurityGroup } from './security-group';

/**
 * `default_security_group`: each project's default security group, at most one per project
 * (the primary key), so that concurrent first uses in several processes create one: the loser's
 * insert fails and it takes the winner's. Deleting the group deletes the row; the project's next
 * use creates a new default group.
 */
@Entity({ name: 'default_security_group' })
@Unique('uniq_default_security_group_security_group_id', ['securityGroupId'])
export class DefaultSecurityGroup {
  @PrimaryColumn({ name: 'project_id', type: 'varchar', length: 255 })
  projectId!: string;

  @Column({ name: 'security_group_id', type: 'varchar', length: 36 })
  securityGroupId!: string;

  @ManyToOne(() => SecurityGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'security_group_id' })
  securityGroup?: SecurityGroup;
}
