import { setImmediate } from 'node:timers/promises';

/** Measured operations between two turns of the event loop in the measurement loops. */
export const OPERATIONS_PER_EVENT_LOOP_TURN = 1_000;

/**
 * Lets the event loop run once (signals, IPC, timers) when `index` completes a batch of
 * `OPERATIONS_PER_EVENT_LOOP_TURN` operations; otherwise resolves at once. An awaited sequence
 * of engine calls over synchronous SQLite never leaves the microtask queue, so without these
 * turns an interrupted measurement would not even see its SIGINT until it ends.
 */
export async function turnEventLoopEvery(index: number): Promise<void> {
  if (index % OPERATIONS_PER_EVENT_LOOP_TURN === OPERATIONS_PER_EVENT_LOOP_TURN - 1) {
    await setImmediate();
  }
}
