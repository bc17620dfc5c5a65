import { type Subnet } from '@ml2ts/store';

/**
 * The engine's storage of subnets (the fixed IPs held on them are the ports' `ipallocations`
 * rows, written with the port by the `PortRepository`). One instance serves one unit of work:
 * every method runs inside the caller's transaction (or read) and opens none itself; a throw is
 * the database's error and the caller's unit of work rolls back.
 */
export interface SubnetRepository {
  /** A subnet row, or null. */
  find(subnetId: string): Promise<Subnet | null>;
  /** The subnets with these ids that exist, in no particular order. */
  findMany(subnetIds: readonly string[]): Promise<Subnet[]>;
  /** Every subnet of a network, by id. */
  onNetwork(networkId: string): Promise<Subnet[]>;
  /** Every subnet, by id. */
  list(): Promise<Subnet[]>;
  /** Inserts a subnet row. */
  insert(subnet: Subnet): Promise<void>;
  /**
   * Writes a subnet's mutable columns (`enable_dhcp`, `name`, `gateway_ip`, `allocation_pools`,
   * `dns_nameservers`, `host_routes`, `description`, `updated_at`) and adds 1
   * to its `revision_number` in the same statement. The caller keeps its copy's revision in
   * step.
   */
  update(subnet: Subnet): Promise<void>;
  /** Deletes one subnet row. */
  delete(subnetId: string): Promise<void>;
  /** Deletes every subnet of a network. */
  deleteOnNetwork(networkId: string): Promise<void>;
  /** The number of fixed IPs ports hold on the subnet (its `ipallocations` rows). */
  countAllocations(subnetId: string): Promise<number>;
  /** Every address ports hold on the subnet, as stored (canonical text), in no order. */
  allocatedAddresses(subnetId: string): Promise<string[]>;
  /** The ids of the ports holding an address on the subnet, each once, by id. */
  holderPortIds(subnetId: string): Promise<string[]>;
  /** Every subnet of each of `networkIds`, by id; one statement. */
  onNetworks(networkIds: readonly string[]): Promise<Subnet[]>;
}
