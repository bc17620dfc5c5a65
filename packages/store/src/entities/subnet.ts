import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Network } from './network';
import { NetworkSegment } from './network-segment';

/**
 * `subnets`: what binding needs (segment affinity, DHCP) and the subnet's addressing: gateway,
 * allocation pools, DNS servers, host routes and IPv6 modes. Addresses and CIDRs are stored in
 * canonical text (IPv6 compressed, lower case); the lists are JSON text, read with the row.
 */
@Entity({ name: 'subnets' })
@Index('ix_subnets_network_id', ['networkId'])
export class Subnet {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'network_id', type: 'varchar', length: 36 })
  networkId!: string;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  @Column({ type: 'varchar', length: 64 })
  cidr!: string;

  @Column({ name: 'ip_version', type: 'integer' })
  ipVersion!: number;

  /** Routed networks: the segment this subnet belongs to; null for an unsegmented subnet. */
  @Column({ name: 'segment_id', type: 'varchar', length: 36, nullable: true })
  segmentId!: string | null;

  @ManyToOne(() => NetworkSegment, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'segment_id' })
  segment?: NetworkSegment;

  @Column({ name: 'enable_dhcp', type: 'boolean', default: true })
  enableDhcp!: boolean;

  @Column({ type: 'varchar', length: 255, default: '' })
  name!: string;

  /** The network's project unless the create named another. */
  @Column({ name: 'project_id', type: 'varchar', length: 255, default: '' })
  projectId!: string;

  /** Null: the subnet has no gateway. */
  @Column({ name: 'gateway_ip', type: 'varchar', length: 64, nullable: true })
  gatewayIp!: string | null;

  /** Serialized `[{start, end}]`, in the order given (or computed). */
  @Column({ name: 'allocation_pools', type: 'text', default: '[]' })
  allocationPools!: string;

  /** Serialized list of addresses, in the order given. */
  @Column({ name: 'dns_nameservers', type: 'text', default: '[]' })
  dnsNameservers!: string;

  /** Serialized `[{destination, nexthop}]`, in the order given. */
  @Column({ name: 'host_routes', type: 'text', default: '[]' })
  hostRoutes!: string;

  /** IPv6 only: `slaac`, `dhcpv6-stateful`, `dhcpv6-stateless`, or null. */
  @Column({ name: 'ipv6_address_mode', type: 'varchar', length: 16, nullable: true })
  ipv6AddressMode!: string | null;

  /** IPv6 only: as `ipv6AddressMode`. */
  @Column({ name: 'ipv6_ra_mode', type: 'varchar', length: 16, nullable: true })
  ipv6RaMode!: string | null;

  @Column({ type: 'varchar', length: 255, default: '' })
  description!: string;

  /** 0 at create; +1 with every committed transaction that changes the subnet afterwards. */
  @Column({ name: 'revision_number', type: 'integer', default: 0 })
  revisionNumber!: number;

  /**
   * UTC to the ms. Null only for rows written without it by something other than the engine
   * (the migration that added the column filled it for the rows it found).
   */
  @Column({ name: 'created_at', type: Date, nullable: true })
  createdAt!: Date | null;

  /** When `revision_number` last moved; null as `created_at` is. */
  @Column({ name: 'updated_at', type: Date, nullable: true })
  updatedAt!: Date | null;
}
