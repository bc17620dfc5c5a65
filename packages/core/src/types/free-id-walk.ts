/** Where a walk for the n-th free id of a range stands after one page of allocated ids. */
export interface FreeIdWalkStep {
  /** The n-th free id, given only the allocated ids seen so far. */
  readonly candidate: number;
  /** True when an allocated id above `candidate` was seen: later ids cannot move it. */
  readonly settled: boolean;
}

/**
 * One step of finding the n-th free id (0-based) of a range `[min, max]` by walking its allocated
 * ids in ascending order, never enumerating free ones. Start with `candidate = min + n` (the
 * answer when nothing below it is allocated); every allocated id at or below the candidate pushes
 * it up by one; the first allocated id above it settles the answer. Feed pages of ascending
 * allocated ids inside the range, each page above the previous one, until `settled` or no
 * allocated id is left. The caller ensures n < the range's free count, so the answer stays
 * inside the range. Pure.
 */
export function skipAllocated(
  candidate: number,
  allocatedAscending: readonly number[],
): FreeIdWalkStep {
  let next = candidate;
  for (const id of allocatedAscending) {
    if (id > next) return { candidate: next, settled: true };
    next += 1;
  }
  return { candidate: next, settled: false };
}
