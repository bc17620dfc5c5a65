import fc from 'fast-check';
import { inspect, isDeepStrictEqual } from 'node:util';
import { Ml2Error } from '@ml2ts/driver-api';
import {
  dumpDatabase,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { onServerDatabase } from '../test-support/test-database';
import { databaseInvariantViolations } from './test-support/database-invariants';
import { hierarchicalTestDriver } from './test-support/hierarchical-test-driver';
import { propertySeed } from './test-support/property-seed';
import {
  knownResources,
  performOperation,
  type RandomOperation,
  randomOperation,
} from './test-support/random-operations';

/**
 * Property-based test of the library API: sequences of random, valid and invalid operations
 * (networks with random provider attributes, subnets, ports with random fixed IPs, binding
 * attributes and hosts, updates, deletes, agent reports, device up/down, bulk agent calls,
 * reads) on fresh in-memory engines. After every step:
 *
 * - a rejection is an `Ml2Error` with a numeric `httpStatus`, below 500 unless it is a
 *   capacity error valid input can meet (`NoNetworkAvailable`); no test double fails here, so
 *   a 500 is a bug;
 * - a rejected operation left the database exactly as it was (`dumpDatabase`);
 * - the database invariants hold (`databaseInvariantViolations`).
 *
 * The seed is fixed in CI (`CI` set), `ML2TS_FAST_CHECK_SEED` when given (to replay a
 * failure), random otherwise; a failure's message starts with the seed to replay it with and
 * names the failing step. Failures are not shrunk (shrinking hundred-step sequences takes
 * minutes); set `ML2TS_FAST_CHECK_SHRINK=1` when replaying to get a minimal sequence.
 */

/** Server errors that valid input can meet: capacity, not bugs. */
const CAPACITY_ERRORS = new Set(['NoNetworkAvailable']);

/**
 * Several short runs rather than a few long ones: fresh engines, small databases, fast. On a
 * database server (`ML2TS_TEST_DATABASE`), where every step and every dump after it is a series
 * of round trips, a tenth of the runs checks the same properties on that store; the full count
 * runs on SQLite in every CI run.
 */
const SCALE = onServerDatabase() ? 10 : 1;
const SUITES: ReadonlyArray<{ name: string; runs: number; length: number }> = [
  { name: 'short sequences', runs: 30 / SCALE, length: 50 },
  { name: 'medium sequences', runs: 20 / SCALE, length: 100 },
  { name: 'long sequences', runs: Math.ceil(8 / SCALE), length: 200 },
];
const MINIMUM_OPERATIONS = 5000 / SCALE;

const seed = propertySeed();
const shrink = process.env.ML2TS_FAST_CHECK_SHRINK === '1';
let executed = 0;

/** A way to print an operation or error that stays short however large the values inside. */
function show(value: unknown): string {
  return inspect(value, { depth: 6, maxStringLength: 60, breakLength: Infinity });
}

async function startEngine(): Promise<TestEngine> {
  return startTestEngine([hierarchicalTestDriver(['tor1']), new TestAgentDriver()]);
}

/** Runs `operations` on a fresh engine, checking the three properties after every step. */
async function checkSequence(operations: readonly RandomOperation[]): Promise<void> {
  const engine = await startEngine();
  try {
    let before = await dumpDatabase(engine);
    for (const [index, operation] of operations.entries()) {
      let rejection: { error: unknown } | null = null;
      try {
        await performOperation(engine, operation, knownResources(before));
      } catch (error) {
        rejection = { error };
      }
      executed += 1;
      const after = await dumpDatabase(engine);
      const step = `step ${index}: ${show(operation)}`;
      if (rejection) {
        const { error } = rejection;
        if (!(error instanceof Ml2Error) || typeof error.httpStatus !== 'number') {
          throw new Error(`${step} threw an untyped error: ${show(error)}`);
        }
        if (error.httpStatus >= 500 && !CAPACITY_ERRORS.has(error.type)) {
          throw new Error(
            `${step} answered ${error.httpStatus} ${error.type}: ${error.message}; cause: ` +
              show((error as { cause?: unknown }).cause),
          );
        }
        if (!isDeepStrictEqual(before, after)) {
          const changed = Object.keys(after).filter(
            (table) => !isDeepStrictEqual(before[table], after[table]),
          );
          throw new Error(
            `${step} was rejected (${error.type}: ${error.message}) but changed the tables ` +
              changed.join(', '),
          );
        }
      }
      const violations = databaseInvariantViolations(after);
      if (violations.length > 0) {
        throw new Error(`after ${step}: ${violations.join('; ')}`);
      }
      before = after;
    }
  } finally {
    await engine.close();
  }
}

describe('Ml2Plugin under random operations', () => {
  jest.setTimeout(600_000);

  it.each(SUITES.map((suite, index) => [suite.name, suite, index] as const))(
    '%s: only typed errors, nothing written on rejection, invariants after every step',
    async (_name, suite, index) => {
      const suiteSeed = seed + index;
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.array(randomOperation, { minLength: suite.length, maxLength: suite.length }),
            checkSequence,
          ),
          { seed: suiteSeed, numRuns: suite.runs, endOnFailure: !shrink },
        );
      } catch (error) {
        // fast-check's own message prints the whole sequence, junk values and all (megabytes);
        // the step that failed, with short values, is in its cause, which is kept.
        const message = (error as Error).message;
        const path = /path: "([^"]*)"/.exec(message)?.[1] ?? '?';
        const cause = (error as Error).cause;
        throw new Error(
          `Property failed with seed ${suiteSeed}, path ${path} (replay: ` +
            `ML2TS_FAST_CHECK_SEED=${seed} npx jest packages/core/src/ml2/` +
            `ml2-plugin.properties.test.ts; add ML2TS_FAST_CHECK_SHRINK=1 to shrink)\n` +
            (cause instanceof Error ? cause.message : message.slice(0, 4000)),
          // eslint-disable-next-line preserve-caught-error -- see above: its cause is attached
          { cause },
        );
      }
    },
  );

  it(`ran at least ${MINIMUM_OPERATIONS} operations`, () => {
    expect(executed).toBeGreaterThanOrEqual(MINIMUM_OPERATIONS);
  });
});
