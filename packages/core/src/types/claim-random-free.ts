import { type RandomSource } from '@ml2ts/driver-api';
import {
  type AllocationRepository,
  type AllocationScope,
} from '../repositories/allocation-repository';
import { type AllocationPool } from './allocation-pool';
import { SegmentAllocationRaceLost } from './errors/segment-allocation-race-lost';
import { type IdRange } from './id-ranges';

/** Tuning of `claimRandomFree`; the defaults suit production, tests force either strategy. */
export interface RandomClaimOptions {
  /** Claims tried before `SegmentAllocationRaceLost` when concurrent claims keep winning. */
  readonly maxAttempts?: number;
  /** Up to this many taken ids in the ranges, the exact walk runs at once (it reads them all). */
  readonly walkLimit?: number;
  /** Random probes per attempt before falling back to the walk. */
  readonly maxProbes?: number;
  /** Probes are used only when at least this share of the ranges' ids is free. */
  readonly probeMinFreeShare?: number;
}

/** Production tuning: probes fail all at once with probability at most 0.75^32 (about 1e-4). */
export const RANDOM_CLAIM_DEFAULTS: Required<RandomClaimOptions> = {
  maxAttempts: 10,
  walkLimit: 1000,
  maxProbes: 32,
  probeMinFreeShare: 0.25,
};

/** An id `claimRandomFree` claimed: its row now exists in `scope`. */
export interface ClaimedId {
  /** The scope of the pool it was claimed from (for VLANs: which physical network). */
  readonly scope: AllocationScope;
  readonly id: number;
}

/** One configured range of one pool, with how many of its ids are taken. */
interface Slot {
  readonly pool: AllocationPool;
  readonly range: IdRange;
  readonly size: number;
  /** Rows counted in the range plus `hidden`. */
  readonly taken: number;
  /** Ids of the range lost to a concurrent claim that this transaction cannot see, ascending. */
  readonly hidden: readonly number[];
}

/** An id whose INSERT a concurrent claim won. */
interface LostId {
  readonly pool: AllocationPool;
  readonly id: number;
}

/** A free id chosen for an INSERT. */
interface Target {
  readonly slot: Slot;
  readonly id: number;
}

/**
 * Claims one free id chosen uniformly at random among the free ids of the ranges of all `pools`
 * (partial reserve, tenant allocation), without enumerating free ids; the pools' ranges are
 * taken in the given order, each ascending, when a random offset is mapped to an id. Returns
 * the claimed id with its pool's scope, or null when no id is free — then `random` is not asked.
 *
 * Each attempt counts the taken ids per range (one indexed count each; free = size − taken),
 * then picks the id one of two ways, both exactly uniform over the free ids:
 * - walk: a random offset k < free, then the k-th free id in key order, found by walking the
 *   sorted taken ids of its range (`AllocationPool.freeIdWithin`) — reads at most those taken
 *   ids plus a page. Used when few ids are taken (≤ `walkLimit`) or the ranges are mostly full.
 * - probes: when many ids are taken but at least `probeMinFreeShare` of the ranges are free, a
 *   random id of the ranges is checked by primary key and taken when free (rejection sampling:
 *   uniform over the free ids); after `maxProbes` taken ids in a row, the walk decides.
 * The id is then claimed by an INSERT in a savepoint; when a concurrent claim got it first the
 * attempt starts over. An id lost that way which the transaction still cannot see (a snapshot
 * taken before the winner committed, as under REPEATABLE READ) counts as taken from then on,
 * so a retry never chooses it again. Bounded: at most `maxAttempts` attempts, each of at most
 * ranges + lost ids + `maxProbes` + (lost ids + 1) × (taken ids of one range / page size + 1)
 * + 1 queries.
 *
 * Works through the `AllocationRepository` of the caller's unit of work, inside its transaction,
 * and opens none; blocks only on the database. Throws
 * `SegmentAllocationRaceLost` (503) when every attempt lost its race, and database errors as is.
 */
export async function claimRandomFree(
  allocations: AllocationRepository,
  pools: readonly AllocationPool[],
  random: RandomSource,
  options: RandomClaimOptions = {},
): Promise<ClaimedId | null> {
  const tuning = { ...RANDOM_CLAIM_DEFAULTS, ...options };
  const lost: LostId[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const slots = await countSlots(allocations, pools, await invisible(allocations, lost));
    const size = sum(slots, (slot) => slot.size);
    const taken = sum(slots, (slot) => slot.taken);
    const free = size - taken;
    if (free <= 0) return null;
    const useProbes = taken > tuning.walkLimit && free >= size * tuning.probeMinFreeShare;
    const target =
      (useProbes ? await probe(allocations, slots, size, random, tuning.maxProbes) : null) ??
      (await walk(allocations, slots, free, random));
    if (target !== null) {
      const { pool } = target.slot;
      if (await pool.insertAllocated(allocations, target.id)) {
        return { scope: pool.scope, id: target.id };
      }
      lost.push({ pool, id: target.id });
    }
    if (attempt >= tuning.maxAttempts) throw new SegmentAllocationRaceLost();
  }
}

/** The lost ids this transaction does not see as taken (one primary-key lookup each). */
async function invisible(
  allocations: AllocationRepository,
  lost: readonly LostId[],
): Promise<LostId[]> {
  const hidden: LostId[] = [];
  for (const entry of lost) {
    if (!(await entry.pool.isTaken(allocations, entry.id))) hidden.push(entry);
  }
  return hidden;
}

async function countSlots(
  allocations: AllocationRepository,
  pools: readonly AllocationPool[],
  hiddenIds: readonly LostId[],
): Promise<Slot[]> {
  const slots: Slot[] = [];
  for (const pool of pools) {
    for (const range of pool.ranges) {
      const [min, max] = range;
      const hidden = [
        ...new Set(
          hiddenIds
            .filter((entry) => entry.pool === pool && entry.id >= min && entry.id <= max)
            .map((entry) => entry.id),
        ),
      ].sort((a, b) => a - b);
      const counted = await pool.countTakenWithin(allocations, range);
      slots.push({ pool, range, size: max - min + 1, taken: counted + hidden.length, hidden });
    }
  }
  return slots;
}

/** Random ids of the ranges until a free one turns up; null after `maxProbes` taken ones. */
async function probe(
  allocations: AllocationRepository,
  slots: readonly Slot[],
  size: number,
  random: RandomSource,
  maxProbes: number,
): Promise<Target | null> {
  for (let attempt = 0; attempt < maxProbes; attempt += 1) {
    const { slot, offset } = locate(slots, (s) => s.size, randomOffset(random, size));
    const id = slot.range[0] + offset;
    if (slot.hidden.includes(id)) continue;
    if (!(await slot.pool.isTaken(allocations, id))) return { slot, id };
  }
  return null;
}

/**
 * The k-th free id for a random k < free, skipping hidden ids: the k-th free id the database
 * shows, moved up until exactly the hidden ids below it are accounted for. Null when the range
 * filled up after it was counted.
 */
async function walk(
  allocations: AllocationRepository,
  slots: readonly Slot[],
  free: number,
  random: RandomSource,
): Promise<Target | null> {
  const { slot, offset } = locate(slots, (s) => s.size - s.taken, randomOffset(random, free));
  let skipped = 0;
  for (;;) {
    const id = await slot.pool.freeIdWithin(allocations, slot.range, offset + skipped);
    if (id === null) return null;
    const hiddenBelow = slot.hidden.filter((hiddenId) => hiddenId <= id).length;
    if (hiddenBelow === skipped) return { slot, id };
    skipped = hiddenBelow;
  }
}

/** `random.nextInt(bound)`, checked: a source answering outside `[0, bound)` is a bug. */
function randomOffset(random: RandomSource, bound: number): number {
  const offset = random.nextInt(bound);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= bound) {
    throw new RangeError(
      `RandomSource.nextInt(${bound}) returned ${offset}; it must return an integer in [0, ${bound})`,
    );
  }
  return offset;
}

/**
 * The slot holding position `offset` when each slot spans `weight(slot)` positions, in order.
 * The caller keeps `offset` below the total weight.
 */
function locate(
  slots: readonly Slot[],
  weight: (slot: Slot) => number,
  offset: number,
): { slot: Slot; offset: number } {
  let remaining = offset;
  for (const slot of slots) {
    const span = weight(slot);
    if (remaining < span) return { slot, offset: remaining };
    remaining -= span;
  }
  throw new RangeError(`offset ${offset} lies beyond the ranges (total ${offset - remaining})`);
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
