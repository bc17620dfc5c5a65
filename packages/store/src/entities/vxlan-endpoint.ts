import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * `ml2_vxlan_endpoints`: the VXLAN tunnel endpoints agents announced with `tunnel_sync`, one row
 * per address. A host holds at most one address (the unique key on `host`); `host` is null for
 * an endpoint announced without one (old agents), and any number of those may exist.
 */
@Entity({ name: 'ml2_vxlan_endpoints' })
@Unique('unique_ml2_vxlan_endpoints0host', ['host'])
export class VxlanEndpoint {
  /** The endpoint's IPv4 or IPv6 address, in canonical form. */
  @PrimaryColumn({ name: 'ip_address', type: 'varchar', length: 64 })
  ipAddress!: string;

  /** The UDP port the endpoint receives VXLAN on (4789 unless its agent said otherwise). */
  @Column({ name: 'udp_port', type: 'integer' })
  udpPort!: number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  host!: string | null;
}
