/** A pending one-shot timer. */
export interface TimerHandle {
  /** Stops the timer if it has not fired yet. Idempotent; never blocks, never throws. */
  cancel(): void;
}

/**
 * One-shot timers for the Nova notifier: the batch interval and the retry back-off. Injected so
 * that tests move time by hand; `systemTimers` uses Node's timers.
 */
export interface Timers {
  /**
   * Runs `task` once, `delayMs` (≥ 0) milliseconds from now. Never blocks. `task` must not
   * throw; what it returns is ignored.
   */
  setTimer(delayMs: number, task: () => void): TimerHandle;
}

/**
 * Node's `setTimeout`, unreferenced: a pending batch or back-off never keeps the process alive
 * by itself (closing the notifier sends what is pending).
 */
export const systemTimers: Timers = {
  setTimer(delayMs, task) {
    const timeout = setTimeout(task, delayMs);
    timeout.unref();
    return { cancel: () => clearTimeout(timeout) };
  },
};
