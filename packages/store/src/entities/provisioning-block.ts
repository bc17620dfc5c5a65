import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Port } from './port';

/** `provisioningblocks`: the port does not go ACTIVE while any block remains. */
@Entity({ name: 'provisioningblocks' })
export class ProvisioningBlock {
  @PrimaryColumn({ name: 'port_id', type: 'varchar', length: 36 })
  portId!: string;

  @ManyToOne(() => Port, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'port_id' })
  port?: Port;

  /** `L2` or `DHCP`. */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  entity!: string;
}
