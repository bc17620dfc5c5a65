import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `networks`: the fields binding cares about. Segments, subnets and ports hang off it. */
@Entity({ name: 'networks' })
export class Network {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 255, default: '' })
  projectId!: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  name!: string;

  /** Computed at create from the segments' MTUs unless a smaller one was requested. */
  @Column({ type: 'integer' })
  mtu!: number;

  @Column({ name: 'admin_state_up', type: 'boolean', default: true })
  adminStateUp!: boolean;

  @Column({ name: 'router_external', type: 'boolean', default: false })
  routerExternal!: boolean;

  @Column({ name: 'vlan_transparent', type: 'boolean', default: false })
  vlanTransparent!: boolean;

  /** UTC to the ms: SQLite `datetime`, PostgreSQL `timestamp`, MySQL `datetime(3)`. */
  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
