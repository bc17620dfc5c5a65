import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Port } from './port';

/** `ml2ts_binding_traces`: the last binding trace of each port (serialized `BindingTrace`). */
@Entity({ name: 'ml2ts_binding_traces' })
export class BindingTraceRecord {
  @PrimaryColumn({ name: 'port_id', type: 'varchar', length: 36 })
  portId!: string;

  @OneToOne(() => Port, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'port_id' })
  port?: Port;

  @Column({ type: 'text' })
  trace!: string;

  /** UTC to the ms: SQLite `datetime`, PostgreSQL `timestamp`, MySQL `datetime(3)`. */
  @Column({ name: 'recorded_at', type: Date })
  recordedAt!: Date;
}
