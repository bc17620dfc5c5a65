/** The segmentation-id allocation tables: VLAN ids per physical network, one per tunnel type. */
export type SegmentationIdTable = 'vlan' | 'vxlan' | 'gre' | 'geneve';

/** The rows of one pool: a table, narrowed to one physical network for `vlan`. */
export interface AllocationScope {
  readonly table: SegmentationIdTable;
  /** `vlan` only: the physical network; absent for the tunnel tables. */
  readonly physicalNetwork?: string;
}

/**
 * The engine's storage of segment allocations: one row per allocated segmentation id (an id
 * of the configured ranges without a row is free) and one row per physical network a flat
 * network holds. The primary keys are the only guard against two claims of one id, in any
 * number of processes: a claim is an INSERT in a savepoint.
 *
 * One instance serves one unit of work: every method runs inside the caller's transaction and
 * opens none itself (a savepoint is not a transaction). Methods only touch the database; a
 * throw is the database's error and the caller's unit of work rolls back.
 */
export interface AllocationRepository {
  /** Rows in scope with `min <= id <= max`; a null bound is open. One indexed count. */
  countTaken(scope: AllocationScope, min: number | null, max: number | null): Promise<number>;
  /** True when `id` has a row in scope. */
  isTaken(scope: AllocationScope, id: number): Promise<boolean>;
  /** Ids with a row in scope within `[from, to]`, ascending, at most `limit` of them. */
  takenIds(scope: AllocationScope, from: number, to: number, limit: number): Promise<number[]>;
  /**
   * Inserts the allocated row of `id` without looking first, in a savepoint. False when the
   * primary key refused it (a concurrent claim won); the caller's transaction goes on.
   */
  insertAllocated(scope: AllocationScope, id: number): Promise<boolean>;
  /** Deletes the row of `id`; false when there was none. */
  release(scope: AllocationScope, id: number): Promise<boolean>;
  /** Deletes the free rows (`allocated` false, left by older versions) in scope; their count. */
  deleteFree(scope: AllocationScope): Promise<number>;
  /** The physical networks that have rows in the VLAN table, each once, in no order. */
  vlanPhysicalNetworks(): Promise<string[]>;
  /** True when a flat network holds `physicalNetwork`. */
  flatTaken(physicalNetwork: string): Promise<boolean>;
  /** Inserts the flat row of `physicalNetwork` in a savepoint; false when it was taken. */
  insertFlat(physicalNetwork: string): Promise<boolean>;
  /** Deletes the flat row of `physicalNetwork`; false when there was none. */
  releaseFlat(physicalNetwork: string): Promise<boolean>;
}
