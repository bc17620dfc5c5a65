/** The seed CI uses when `ML2TS_FAST_CHECK_SEED` is not set: every CI run checks the same cases. */
export const CI_FAST_CHECK_SEED = 20_260_101;

/**
 * The seed of a property-based run: `ML2TS_FAST_CHECK_SEED` when set (to replay a failure), the
 * fixed `CI_FAST_CHECK_SEED` when `CI` is set, a random one otherwise (so that local runs
 * explore new cases). Fails on a seed that is not an integer.
 */
export function propertySeed(environment: NodeJS.ProcessEnv = process.env): number {
  const given = environment.ML2TS_FAST_CHECK_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed)) {
      throw new Error(`ML2TS_FAST_CHECK_SEED must be an integer, not '${given}'`);
    }
    return seed;
  }
  if (environment.CI !== undefined && environment.CI !== '' && environment.CI !== 'false') {
    return CI_FAST_CHECK_SEED;
  }
  return Math.floor(Math.random() * 2 ** 31);
}
