import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Port } from './port';
import { SecurityGroup } from './security-group';

/**
 * `securitygroupportbindings`: a port's membership of a security group. It goes with its port;
 * a group cannot be deleted while a port is in it (no cascade: the engine refuses first).
 */
@Entity({ name: 'securitygroupportbindings' })
@Index('ix_securitygroupportbindings_security_group_id', ['securityGroupId'])
export class SecurityGroupPortBinding {
  @PrimaryColumn({ name: 'port_id', type: 'varchar', length: 36 })
  portId!: string;

  @ManyToOne(() => Port, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'port_id' })
  port?: Port;

  @PrimaryColumn({ name: 'security_group_id', type: 'varchar', length: 36 })
  securityGroupId!: string;

  @ManyToOne(() => SecurityGroup, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'security_group_id' })
  securityGroup?: SecurityGroup;
}
