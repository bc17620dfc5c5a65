import { type Network, type NetworkSegment } from '@ml2ts/store';

/**
 * The engine's storage of networks and their segments (static and dynamic). One instance serves
 * one unit of work: every method runs inside the caller's transaction (or read), on its
 * connection, and opens none itself. Methods only touch the database and never block on
 * anything else; a throw is the database's error and the caller's unit of work rolls back.
 */
export interface NetworkRepository {
  /** A network row, or null. */
  find(networkId: string): Promise<Network | null>;
  /** True when the network exists. */
  exists(networkId: string): Promise<boolean>;
  /** Every network, oldest first (ties by id). */
  list(): Promise<Network[]>;
  /** Inserts a network row. */
  insert(network: Network): Promise<void>;
  /**
   * Writes a network's mutable columns (name, admin state, `router:external`, MTU, description,
   * `shared`, `updated_at`) and adds 1 to its `revision_number` in the same statement, unless
   * `bumpRevision` is false (the create transaction writing the MTU it computed). The caller
   * keeps its copy's `revisionNumber` in step.
   */
  update(network: Network, options?: { readonly bumpRevision?: boolean }): Promise<void>;
  /** Deletes a network row (its segments and subnets must be gone). */
  delete(networkId: string): Promise<void>;

  /** Every segment of a network: static ones by segment index, then dynamic ones. */
  segments(networkId: string): Promise<NetworkSegment[]>;
  /** One segment, or null. */
  findSegment(segmentId: string): Promise<NetworkSegment | null>;
  /** Every segment of every network, by network id, then as `segments` orders them. */
  allSegments(): Promise<NetworkSegment[]>;
  /**
   * Writes a segment's `name`, `description` and `updated_at`, and adds 1 to its
   * `revision_number` in the same statement. The caller keeps its copy's revision in step.
   */
  updateSegment(segment: NetworkSegment): Promise<void>;
  /** Ids of the subnets that belong to the segment (`subnets.segment_id`), sorted. */
  subnetIdsOnSegment(segmentId: string): Promise<string[]>;
  /**
   * The network's dynamic segment on `physicalNetwork` with `segmentationId`, either criterion
   * ignored when null; the first by id when several match. Null when none.
   */
  findDynamicSegment(
    networkId: string,
    physicalNetwork: string | null,
    segmentationId: number | null,
  ): Promise<NetworkSegment | null>;
  /**
   * Inserts a segment row in a savepoint. False when a unique constraint refused it (a segment
   * of that type on that physical network exists); the caller's transaction stays usable.
   */
  insertSegment(segment: NetworkSegment): Promise<boolean>;
  /** True when the network has a segment of this type on this physical network. */
  hasSegmentOn(networkId: string, networkType: string, physicalNetwork: string): Promise<boolean>;
  /** Deletes one segment row. */
  deleteSegment(segmentId: string): Promise<void>;
  /** Deletes every segment row of a network. */
  deleteSegments(networkId: string): Promise<void>;
  /**
   * The ids among `segmentIds` whose segment exists, each held until the unit of work ends so
   * that no other process releases it meanwhile (a shared lock on database servers; SQLite's
   * write transactions exclude each other already). For a binding commit about to insert levels
   * that point at them.
   */
  lockExistingSegments(segmentIds: readonly string[]): Promise<Set<string>>;
  /**
   * For releasing a dynamic segment: locks its row against other writers until the unit of work
   * ends (an exclusive lock on servers), then says whether a binding level uses it. Null when
   * the segment is gone.
   */
  segmentInUseForRelease(segmentId: string): Promise<boolean | null>;
  /** True when a binding level (of any port and host) points at the segment. No lock. */
  segmentInUse(segmentId: string): Promise<boolean>;
  /** The networks among `networkIds` that exist, oldest first (ties by id); one statement. */
  findMany(networkIds: readonly string[]): Promise<Network[]>;
  /**
   * Every segment (static and dynamic) of each of `networkIds`, by network id, then as
   * `segments` orders them; one statement.
   */
  segmentsOfNetworks(networkIds: readonly string[]): Promise<NetworkSegment[]>;
}
