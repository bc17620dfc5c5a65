import { skipAllocated } from './free-id-walk';

/** The n-th free id of `[min, max]` by brute force, for comparison. */
function bruteForce(min: number, max: number, allocated: readonly number[], n: number): number {
  const free = [];
  for (let id = min; id <= max; id += 1) if (!allocated.includes(id)) free.push(id);
  return free[n];
}

describe('skipAllocated', () => {
  it('is the start candidate when nothing is allocated at or below it', () => {
    expect(skipAllocated(5, [])).toEqual({ candidate: 5, settled: false });
    expect(skipAllocated(5, [6, 9])).toEqual({ candidate: 5, settled: true });
  });

  it('moves up past each allocated id at or below the candidate', () => {
    expect(skipAllocated(1, [1, 2, 3])).toEqual({ candidate: 4, settled: false });
    expect(skipAllocated(2, [1, 3, 7])).toEqual({ candidate: 4, settled: true });
  });

  it('carries over from page to page', () => {
    const first = skipAllocated(10 + 3, [10, 11]);
    expect(first).toEqual({ candidate: 15, settled: false });
    expect(skipAllocated(first.candidate, [15, 16, 20])).toEqual({
      candidate: 17,
      settled: true,
    });
  });

  it('agrees with brute force for every n over assorted allocations', () => {
    const allocated = [3, 4, 5, 9, 12, 13, 20];
    const free = 20 - allocated.length;
    for (let n = 0; n < free; n += 1) {
      expect({ n, id: skipAllocated(1 + n, allocated).candidate }).toEqual({
        n,
        id: bruteForce(1, 20, allocated, n),
      });
    }
  });
});
