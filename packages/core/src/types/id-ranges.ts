/** An inclusive range `[min, max]` of segmentation ids (VLAN ids, VNIs or GRE keys). */
export type IdRange = readonly [min: number, max: number];

/** True when `id` lies inside one of `ranges`. Pure. */
export function isInsideRanges(id: number, ranges: readonly IdRange[]): boolean {
  return ranges.some(([min, max]) => id >= min && id <= max);
}

/**
 * The same ids as `ranges`, as sorted, disjoint, non-adjacent ranges (overlapping or touching
 * ranges are joined). Pure; an empty input gives an empty output.
 */
export function mergeRanges(ranges: readonly IdRange[]): IdRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [min, max] of sorted) {
    const last = merged.at(-1);
    if (last && min <= last[1] + 1) last[1] = Math.max(last[1], max);
    else merged.push([min, max]);
  }
  return merged;
}
