import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * `networks`: the fields binding cares about, plus the attributes and standard attributes the
 * API shows (`description`, `shared`, `availability_zone_hints`, `revision_number`,
 * `updated_at`). Segments, subnets and ports hang off it; its tags are `tags` rows.
 */
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

  @Column({ type: 'varchar', length: 255, default: '' })
  description!: string;

  /** Whether every project may use the network; stored and shown, not enforced by ml2ts. */
  @Column({ type: 'boolean', default: false })
  shared!: boolean;

  /** Serialized JSON list of availability zone names, as the network was created with. */
  @Column({ name: 'availability_zone_hints', type: 'text', default: '[]' })
  availabilityZoneHints!: string;

  /** 0 at create; +1 with every committed transaction that changes the network afterwards. */
  @Column({ name: 'revision_number', type: 'integer', default: 0 })
  revisionNumber!: number;

  /**
   * When `revision_number` last moved (UTC to the ms). Null only for rows written without it by
   * something other than the engine; the API then shows `created_at`.
   */
  @Column({ name: 'updated_at', type: Date, nullable: true })
  updatedAt!: Date | null;
}
