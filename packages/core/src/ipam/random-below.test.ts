import { type RandomSource } from '@ml2ts/driver-api';
import { randomBelow } from './random-below';

/** A source answering `pick(bound)` and recording the bounds it was asked for. */
function scripted(pick: (bound: number) => number): RandomSource & { bounds: number[] } {
  const bounds: number[] = [];
  return {
    bounds,
    nextInt(bound) {
      bounds.push(bound);
      return pick(bound);
    },
  };
}

describe('randomBelow', () => {
  it('asks a safe-integer bound of the source in one call, exactly', () => {
    const source = scripted((bound) => bound - 1);
    expect(randomBelow(source, 253n)).toBe(252n);
    expect(randomBelow(source, BigInt(Number.MAX_SAFE_INTEGER))).toBe(
      BigInt(Number.MAX_SAFE_INTEGER) - 1n,
    );
    expect(source.bounds).toEqual([253, Number.MAX_SAFE_INTEGER]);
  });

  it('assembles a larger bound from 32-bit draws, 32 bits more than it needs', () => {
    const first = scripted(() => 0);
    expect(randomBelow(first, 2n ** 64n)).toBe(0n);
    // 65 bits round up to three 32-bit chunks, plus one.
    expect(first.bounds).toEqual([2 ** 32, 2 ** 32, 2 ** 32, 2 ** 32]);
    const last = scripted((bound) => bound - 1);
    // 64 bits: two chunks, plus one.
    const bound = 2n ** 64n - 3n;
    expect(randomBelow(last, bound)).toBe((2n ** 96n - 1n) % bound);
    expect(last.bounds).toHaveLength(3);
  });

  it('stays below the bound for every answer', () => {
    for (const answer of [0, 1, 2 ** 31, 2 ** 32 - 1]) {
      const value = randomBelow(
        scripted(() => answer),
        2n ** 100n + 7n,
      );
      expect(value >= 0n && value < 2n ** 100n + 7n).toBe(true);
    }
  });

  it('refuses a bound below 1 and a source answering outside what it was asked', () => {
    expect(() =>
      randomBelow(
        scripted(() => 0),
        0n,
      ),
    ).toThrow(RangeError);
    expect(() =>
      randomBelow(
        scripted((bound) => bound),
        10n,
      ),
    ).toThrow(/must return an integer/);
    expect(() =>
      randomBelow(
        scripted(() => 0.5),
        10n,
      ),
    ).toThrow(RangeError);
  });
});
