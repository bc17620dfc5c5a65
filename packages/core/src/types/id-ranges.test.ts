import { isInsideRanges, mergeRanges } from './id-ranges';

describe('id ranges', () => {
  it('tells whether an id lies inside any range, bounds included', () => {
    const ranges = [[10, 20] as const, [30, 30] as const];
    expect([9, 10, 20, 21, 30, 31].map((id) => isInsideRanges(id, ranges))).toEqual([
      false,
      true,
      true,
      false,
      true,
      false,
    ]);
    expect(isInsideRanges(1, [])).toBe(false);
  });

  it('merges overlapping and touching ranges into sorted disjoint ones', () => {
    expect(
      mergeRanges([
        [50, 60],
        [1, 5],
        [3, 9],
        [10, 12],
        [55, 70],
        [100, 100],
      ]),
    ).toEqual([
      [1, 12],
      [50, 70],
      [100, 100],
    ]);
    expect(mergeRanges([])).toEqual([]);
  });
});
