import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Port } from './port';

/**
 * `ipallocations`: one row per fixed IP of a port. The port's `fixed_ips` column stays what the
 * API returns; these rows are what the database checks: the unique constraint on network and
 * address makes one address on one network belong to at most one port, whatever the number of
 * processes writing.
 */
@Entity({ name: 'ipallocations' })
@Unique('uniq_ipallocations_network_id_ip_address', ['networkId', 'ipAddress'])
@Index('ix_ipallocations_subnet_id', ['subnetId'])
export class IpAllocation {
  @PrimaryColumn({ name: 'port_id', type: 'varchar', length: 36 })
  portId!: string;

  @ManyToOne(() => Port, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'port_id' })
  port?: Port;

  @PrimaryColumn({ name: 'ip_address', type: 'varchar', length: 64 })
  ipAddress!: string;

  @PrimaryColumn({ name: 'subnet_id', type: 'varchar', length: 36 })
  subnetId!: string;

  @Column({ name: 'network_id', type: 'varchar', length: 36 })
  networkId!: string;
}
