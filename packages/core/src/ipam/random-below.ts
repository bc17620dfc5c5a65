import { type RandomSource } from '@ml2ts/driver-api';

/** Bits asked of the random source per call when a bound is too large for one call. */
const CHUNK_BITS = 32n;

/**
 * A random integer in `[0, bound)` from `random`, for bounds of any size (an IPv6 pool holds up
 * to 2^128 addresses). A bound up to `Number.MAX_SAFE_INTEGER` is one `random.nextInt(bound)`,
 * so a scripted source steers it exactly; a larger one is assembled from 32-bit draws, with 32
 * bits more than the bound needs, then reduced modulo the bound (off uniform by less than
 * 2^-32). Throws `RangeError` for a bound below 1 and when the source answers outside what it
 * was asked for (a broken source must not pick addresses outside the pools).
 */
export function randomBelow(random: RandomSource, bound: bigint): bigint {
  if (bound < 1n) throw new RangeError(`randomBelow needs a bound of at least 1, not ${bound}`);
  if (bound <= BigInt(Number.MAX_SAFE_INTEGER)) {
    return BigInt(checkedDraw(random, Number(bound)));
  }
  const chunks = (BigInt(bound.toString(2).length) + CHUNK_BITS - 1n) / CHUNK_BITS + 1n;
  let value = 0n;
  for (let chunk = 0n; chunk < chunks; chunk += 1n) {
    value = (value << CHUNK_BITS) | BigInt(checkedDraw(random, 2 ** Number(CHUNK_BITS)));
  }
  return value % bound;
}

/** `random.nextInt(bound)`, checked to be an integer in `[0, bound)`. */
function checkedDraw(random: RandomSource, bound: number): number {
  const drawn = random.nextInt(bound);
  if (!Number.isSafeInteger(drawn) || drawn < 0 || drawn >= bound) {
    throw new RangeError(
      `RandomSource.nextInt(${bound}) returned ${drawn}; it must return an integer in [0, ${bound})`,
    );
  }
  return drawn;
}
