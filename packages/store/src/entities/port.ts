import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Network } from './network';

/**
 * `ports`. A port's binding attributes live in its `ml2_port_bindings` rows; its tags are
 * `tags` rows. The revision the API shows is this row's `revision_number` plus that of the
 * ACTIVE binding row (see `PortBinding.revisionNumber`), and `updated_at` the later of the two.
 */
@Entity({ name: 'ports' })
@Unique('uniq_ports_network_id_mac_address', ['networkId', 'macAddress'])
@Index('ix_ports_device_id', ['deviceId'])
export class Port {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** A network with ports cannot be deleted (no cascade): the engine refuses first. */
  @Column({ name: 'network_id', type: 'varchar', length: 36 })
  networkId!: string;

  @ManyToOne(() => Network, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  @Column({ name: 'project_id', type: 'varchar', length: 255, default: '' })
  projectId!: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  name!: string;

  @Column({ name: 'mac_address', type: 'varchar', length: 32 })
  macAddress!: string;

  /** Serialized `[{subnet_id, ip_address}]`. */
  @Column({ name: 'fixed_ips', type: 'text', default: '[]' })
  fixedIps!: string;

  @Column({ name: 'device_id', type: 'varchar', length: 255, default: '' })
  deviceId!: string;

  @Column({ name: 'device_owner', type: 'varchar', length: 255, default: '' })
  deviceOwner!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'admin_state_up', type: 'boolean', default: true })
  adminStateUp!: boolean;

  @Column({ name: 'dns_name', type: 'varchar', length: 255, default: '' })
  dnsName!: string;

  /** UTC to the ms: SQLite `datetime`, PostgreSQL `timestamp`, MySQL `datetime(3)`. */
  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 255, default: '' })
  description!: string;

  /** Serialized `[{ip_address, mac_address}]`, every `mac_address` filled in. */
  @Column({ name: 'allowed_address_pairs', type: 'text', default: '[]' })
  allowedAddressPairs!: string;

  /**
   * 0 at create; +1 with every committed transaction that writes this row afterwards (an
   * update, a status change, tags). Binding commits count on the binding row instead.
   */
  @Column({ name: 'revision_number', type: 'integer', default: 0 })
  revisionNumber!: number;

  /**
   * When this row's `revision_number` last moved (UTC to the ms). Null only for rows written
   * without it by something other than the engine; the API then shows `created_at`.
   */
  @Column({ name: 'updated_at', type: Date, nullable: true })
  updatedAt!: Date | null;
}
