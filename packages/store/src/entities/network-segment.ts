import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Network } from './network';

/**
 * `networksegments`. At most one segment per (network, type, physnet), static and dynamic
 * together (NULL physnets of tunnel segments compare as distinct, as in SQL).
 */
@Entity({ name: 'networksegments' })
@Unique('uniq_networksegment_network_type_physnet', ['networkId', 'networkType', 'physicalNetwork'])
@Index('ix_networksegments_network_id_segment_index', ['networkId', 'segmentIndex'])
export class NetworkSegment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'network_id', type: 'varchar', length: 36 })
  networkId!: string;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  @Column({ name: 'network_type', type: 'varchar', length: 32 })
  networkType!: string;

  @Column({ name: 'physical_network', type: 'varchar', length: 64, nullable: true })
  physicalNetwork!: string | null;

  @Column({ name: 'segmentation_id', type: 'integer', nullable: true })
  segmentationId!: number | null;

  @Column({ name: 'segment_index', type: 'integer', default: 0 })
  segmentIndex!: number;

  @Column({ name: 'is_dynamic', type: 'boolean', default: false })
  isDynamic!: boolean;

  /** The MTU the type driver computed for this segment (0 when unknown). */
  @Column({ type: 'integer', default: 0 })
  mtu!: number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name!: string | null;

  /** Null unless given (segments made with their network have none). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  description!: string | null;

  /** 0 at create; +1 with every committed update of the segment's name or description. */
  @Column({ name: 'revision_number', type: 'integer', default: 0 })
  revisionNumber!: number;

  /**
   * UTC to the ms. Null only for rows written without it by something other than the engine
   * (the migration that added the column filled it for the rows it found).
   */
  @Column({ name: 'created_at', type: Date, nullable: true })
  createdAt!: Date | null;

  /** When `revision_number` last moved; null as `created_at` is. */
  @Column({ name: 'updated_at', type: Date, nullable: true })
  updatedAt!: Date | null;
}
