import {
  type AllocationRepository,
  type AllocationScope,
} from '../repositories/allocation-repository';
import { skipAllocated } from './free-id-walk';
import { type IdRange, mergeRanges } from './id-ranges';

/** What `AllocationPool.sync` found and changed. */
export interface PoolSyncResult {
  /** Free rows (`allocated` false, written by older versions of ml2ts) that were deleted. */
  readonly deleted: number;
  /** Allocated rows kept although their id lies outside the ranges (they stay until released). */
  readonly allocatedOutside: number;
}

/** Allocated ids read per query while walking a range for its n-th free id. */
export const WALK_PAGE_SIZE = 1000;

/**
 * The ids of one allocation table narrowed to a fixed `scope` (VLAN: one physical network; a
 * tunnel table: the whole table) that the configured `ranges` offer, stored sparsely: a row
 * exists only for an id that is allocated (inside or outside the ranges), and every id of the
 * ranges without a row is free. So nothing at start-up or in memory grows with the size of the
 * ranges; every query reads allocated rows only, through the primary key.
 *
 * The primary key is the only guard against two claims of one id, also across processes: a
 * claim is an INSERT that the repository runs in a savepoint, so that losing the race (a
 * duplicate key) leaves the caller's transaction usable on every database.
 *
 * Every method works through the `AllocationRepository` of the caller's unit of work, inside its
 * transaction, and opens none itself; none blocks on anything but the database. Database errors
 * other than a lost claim are re-thrown unchanged.
 */
export class AllocationPool {
  /** The configured ranges, sorted, disjoint and non-adjacent. */
  readonly ranges: readonly IdRange[];

  /**
   * `walkPageSize` (allocated ids read per query of `freeIdWithin`) is there for tests; the
   * default suits production.
   */
  constructor(
    readonly scope: AllocationScope,
    ranges: readonly IdRange[],
    private readonly walkPageSize = WALK_PAGE_SIZE,
  ) {
    this.ranges = mergeRanges(ranges);
  }

  /** Number of taken ids (rows in scope) within `range`. One indexed count. */
  async countTakenWithin(allocations: AllocationRepository, [min, max]: IdRange): Promise<number> {
    return allocations.countTaken(this.scope, min, max);
  }

  /** True when `id` has a row in scope (allocated; or free, left by an older version). */
  async isTaken(allocations: AllocationRepository, id: number): Promise<boolean> {
    return allocations.isTaken(this.scope, id);
  }

  /**
   * The `n`-th (0-based) free id of `range`, one of `this.ranges`, in ascending order: walks the
   * taken ids of the range upwards, a page at a time, and stops at the first one above the
   * answer, so it reads at most the taken ids below the answer plus one page. Returns null when
   * the range has no `n`-th free id (it filled up after the caller counted it).
   */
  async freeIdWithin(
    allocations: AllocationRepository,
    range: IdRange,
    n: number,
  ): Promise<number | null> {
    const [min, max] = range;
    let candidate = min + n;
    let after = min - 1;
    for (;;) {
      const page = await allocations.takenIds(this.scope, after + 1, max, this.walkPageSize);
      const step = skipAllocated(candidate, page);
      candidate = step.candidate;
      if (step.settled || page.length < this.walkPageSize) break;
      after = page[page.length - 1];
    }
    return candidate <= max ? candidate : null;
  }

  /**
   * Claims `id` (fully specified reserve; inside or outside the ranges alike): inserts its
   * allocated row unless the id is taken. True when this call claimed it; false when the id was
   * taken already or a concurrent claim inserted it first.
   */
  async claim(allocations: AllocationRepository, id: number): Promise<boolean> {
    if (await this.isTaken(allocations, id)) return false;
    return this.insertAllocated(allocations, id);
  }

  /**
   * Inserts the allocated row of `id`, without looking first, in a savepoint. True when it went
   * in; false when the primary key refused it (a concurrent claim won; the savepoint was rolled
   * back and the caller's transaction goes on).
   */
  async insertAllocated(allocations: AllocationRepository, id: number): Promise<boolean> {
    return allocations.insertAllocated(this.scope, id);
  }

  /**
   * Releases `id`: deletes its row, inside the ranges or outside alike (the id is then free,
   * or gone from the pool). True when there was a row to delete.
   */
  async release(allocations: AllocationRepository, id: number): Promise<boolean> {
    return allocations.release(this.scope, id);
  }

  /**
   * Start-up synchronisation: deletes the free rows in scope (older versions of ml2ts stored one
   * per id of the ranges) and counts the allocated rows outside the ranges, which stay until
   * their segment is released. NEVER deletes an allocated row. Costs one delete and one count
   * per gap between ranges, whatever the size of the ranges.
   */
  async sync(allocations: AllocationRepository): Promise<PoolSyncResult> {
    const deleted = await allocations.deleteFree(this.scope);
    let allocatedOutside = 0;
    for (const [min, max] of outsideRanges(this.ranges)) {
      allocatedOutside += await allocations.countTaken(this.scope, min, max);
    }
    return { deleted, allocatedOutside };
  }
}

/** Inclusive id bounds, either open (null). */
type Gap = readonly [min: number | null, max: number | null];

/**
 * Bounds covering every id outside the sorted, disjoint, non-adjacent `merged` ranges: below the
 * first, between neighbours, above the last; one fully open gap when there are no ranges.
 */
function outsideRanges(merged: readonly IdRange[]): Gap[] {
  if (merged.length === 0) return [[null, null]];
  const gaps: Gap[] = [[null, merged[0][0] - 1]];
  for (let index = 1; index < merged.length; index += 1) {
    gaps.push([merged[index - 1][1] + 1, merged[index][0] - 1]);
  }
  gaps.push([merged[merged.length - 1][1] + 1, null]);
  return gaps;
}
