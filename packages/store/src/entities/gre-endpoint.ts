import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * `ml2_gre_endpoints`: the GRE tunnel endpoints agents announced with `tunnel_sync`, one row
 * per address. A host holds at most one address (the unique key on `host`); `host` is null for
 * an endpoint announced without one (old agents), and any number of those may exist.
 */
@Entity({ name: 'ml2_gre_endpoints' })
@Unique('unique_ml2_gre_endpoints0host', ['host'])
export class GreEndpoint {
  /** The endpoint's IPv4 or IPv6 address, in canonical form. */
  @PrimaryColumn({ name: 'ip_address', type: 'varchar', length: 64 })
  ipAddress!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  host!: string | null;
}
