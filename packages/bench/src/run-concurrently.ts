import { turnEventLoopEvery } from './event-loop-turn';

/** How `runConcurrently` runs its calls. */
export interface ConcurrentRun {
  /** Calls in all: `operation` gets every index in [0, count) once. */
  readonly count: number;
  /** Callers working at once; each takes the next index when its previous call settled. */
  readonly concurrency: number;
  /** One call; its duration is what `latenciesMs` records. */
  readonly operation: (index: number) => Promise<void>;
  /** Runs before each call, outside its latency (a heartbeat when one is due). */
  readonly before?: () => Promise<void>;
  /** Receives each call's duration (ms) at its index; at least `count` long. */
  readonly latenciesMs: Float64Array;
}

/**
 * Runs `operation` `count` times with `concurrency` callers and resolves with the wall time in
 * ms from the first call to the last answer. Lets the event loop turn every
 * `OPERATIONS_PER_EVENT_LOOP_TURN` calls (see `turnEventLoopEvery`). When a call throws, the
 * callers take no new index, the calls in flight are waited for, and it rejects with the first
 * error. Throws `RangeError` for a count or concurrency below 1 or too few latency slots.
 */
export async function runConcurrently(run: ConcurrentRun): Promise<number> {
  const { count, concurrency, operation, before, latenciesMs } = run;
  if (!(Number.isSafeInteger(count) && count >= 1)) {
    throw new RangeError(`count must be a positive integer, got ${count}`);
  }
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1)) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  if (latenciesMs.length < count) {
    throw new RangeError(`${latenciesMs.length} latency slots for ${count} calls`);
  }
  let next = 0;
  let failure: { error: unknown } | null = null;
  const caller = async (): Promise<void> => {
    while (failure === null && next < count) {
      const index = next++;
      try {
        if (before) await before();
        const started = performance.now();
        await operation(index);
        latenciesMs[index] = performance.now() - started;
        await turnEventLoopEvery(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, caller));
  const elapsedMs = performance.now() - started;
  if (failure !== null) throw (failure as { error: unknown }).error;
  return elapsedMs;
}
