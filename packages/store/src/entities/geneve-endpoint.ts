import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * `ml2_geneve_endpoints`: the Geneve tunnel endpoints agents announced with `tunnel_sync`, one row
 * per address. A host holds at most one address (the unique key on `host`); `host` is null for
 * an endpoint announced without one (old agents), and any number of those may exist.
 */
@Entity({ name: 'ml2_geneve_endpoints' })
@Unique('unique_ml2_geneve_endpoints0host', ['host'])
export class GeneveEndpoint {
  /** The endpoint's IPv4 or IPv6 address, in canonical form. */
  @PrimaryColumn({ name: 'ip_address', type: 'varchar', length: 64 })
  ipAddress!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  host!: string | null;
}
