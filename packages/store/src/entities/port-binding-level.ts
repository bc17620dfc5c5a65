import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { NetworkSegment } from './network-segment';
import { Port } from './port';

/** `ml2_port_binding_levels`: which driver bound which segment at which level, per host. */
@Entity({ name: 'ml2_port_binding_levels' })
@Index('ix_ml2_port_binding_levels_segment_id', ['segmentId'])
export class PortBindingLevel {
  @PrimaryColumn({ name: 'port_id', type: 'varchar', length: 36 })
  portId!: string;

  @ManyToOne(() => Port, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'port_id' })
  port?: Port;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  host!: string;

  @PrimaryColumn({ type: 'integer' })
  level!: number;

  @Column({ type: 'varchar', length: 64 })
  driver!: string;

  @Column({ name: 'segment_id', type: 'varchar', length: 36, nullable: true })
  segmentId!: string | null;

  @ManyToOne(() => NetworkSegment, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'segment_id' })
  segment?: NetworkSegment;
}
