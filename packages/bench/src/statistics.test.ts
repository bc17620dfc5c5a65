import { median, percentile, ratePerSecond, summarizeLatencies } from './statistics';

describe('median', () => {
  it('takes the middle value of an odd sample, whatever its order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('averages the two middle values of an even sample', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('sorts numerically, not as strings', () => {
    expect(median([10, 9, 100])).toBe(10);
  });

  it('refuses an empty sample', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => 100 - index); // 100 .. 1

  it('is the nearest rank: p50 and p99 of 1..100 are 50 and 99', () => {
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
  });

  it('gives the minimum at 0 and the maximum at 1', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 1)).toBe(100);
  });

  it('rounds the rank up on small samples: p99 of three samples is the largest', () => {
    expect(percentile([3, 1, 2], 0.99)).toBe(3);
    expect(percentile([3, 1, 2], 0.5)).toBe(2);
  });

  it('refuses a fraction outside [0, 1] and an empty sample', () => {
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
    expect(() => percentile([], 0.5)).toThrow(RangeError);
  });

  it('leaves its input unsorted', () => {
    const samples = new Float64Array([3, 1, 2]);
    percentile(samples, 0.5);
    expect([...samples]).toEqual([3, 1, 2]);
  });
});

describe('summarizeLatencies', () => {
  it('reports p50, p99, maximum and mean', () => {
    const samples = Float64Array.from({ length: 100 }, (_, index) => index + 1);
    expect(summarizeLatencies(samples)).toEqual({ p50: 50, p99: 99, max: 100, mean: 50.5 });
  });
});

describe('ratePerSecond', () => {
  it('turns a count and milliseconds into operations per second', () => {
    expect(ratePerSecond(500, 250)).toBe(2000);
  });

  it('refuses a zero or negative elapsed time', () => {
    expect(() => ratePerSecond(1, 0)).toThrow(RangeError);
    expect(() => ratePerSecond(1, -5)).toThrow(RangeError);
  });
});
