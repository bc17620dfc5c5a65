import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Network } from './network';
import { NetworkSegment } from './network-segment';

/** `subnets`: only what binding needs (segment affinity, DHCP) plus address allocation. */
@Entity({ name: 'subnets' })
@Index('ix_subnets_network_id', ['networkId'])
export class Subnet {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'network_id', type: 'varchar', length: 36 })
  networkId!: string;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  @Column({ type: 'varchar', length: 64 })
  cidr!: string;

  @Column({ name: 'ip_version', type: 'integer' })
  ipVersion!: number;

  /** Routed networks: the segment this subnet belongs to; null for an unsegmented subnet. */
  @Column({ name: 'segment_id', type: 'varchar', length: 36, nullable: true })
  segmentId!: string | null;

  @ManyToOne(() => NetworkSegment, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'segment_id' })
  segment?: NetworkSegment;

  @Column({ name: 'enable_dhcp', type: 'boolean', default: true })
  enableDhcp!: boolean;
}
