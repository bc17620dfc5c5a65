import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Port } from './port';

/**
 * `ml2_port_bindings`: one row per (port, host). Exactly one row of a port is ACTIVE; INACTIVE
 * rows exist only during live migration. `profile` and `vif_details` are serialized JSON.
 */
@Entity({ name: 'ml2_port_bindings' })
@Index('ix_ml2_port_bindings_host', ['host'])
export class PortBinding {
  @PrimaryColumn({ name: 'port_id', type: 'varchar', length: 36 })
  portId!: string;

  @ManyToOne(() => Port, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'port_id' })
  port?: Port;

  /** `''` = not bound to any host. */
  @PrimaryColumn({ type: 'varchar', length: 255, default: '' })
  host!: string;

  @Column({ name: 'vnic_type', type: 'varchar', length: 64, default: 'normal' })
  vnicType!: string;

  /** Canonical JSON; `''` reads back as `{}`. */
  @Column({ type: 'varchar', length: 4095, default: '' })
  profile!: string;

  @Column({ name: 'vif_type', type: 'varchar', length: 64 })
  vifType!: string;

  /** JSON; `''` reads back as `{}`. */
  @Column({ name: 'vif_details', type: 'varchar', length: 4095, default: '' })
  vifDetails!: string;

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status!: string;

  /**
   * The binding commits this row's port went through: each committed binding result adds 1 in
   * the same statement that writes it, so that binding costs no write to `ports`. The port's
   * revision is its own `revision_number` plus this one; a row that replaces another (a host
   * change) carries the old row's count on.
   */
  @Column({ name: 'revision_number', type: 'integer', default: 0 })
  revisionNumber!: number;

  /** When `revision_number` last moved (UTC to the ms); null before the first binding commit. */
  @Column({ name: 'updated_at', type: Date, nullable: true })
  updatedAt!: Date | null;
}
