/** A pending timer. */
export interface TimerHandle {
  /** Stops the timer if it has not fired yet. Idempotent; never blocks. */
  cancel(): void;
}

/**
 * Time as agents see it: their own clock and one-shot timers. Injected so that tests and
 * simulations move time by hand (`ManualScheduler`) while processes use real timers
 * (`systemScheduler`).
 */
export interface Scheduler {
  /** The agent's clock (it sends it as `time` in its reports). Must not block. */
  now(): Date;
  /**
   * Runs `task` once, `delayMs` (≥ 0) milliseconds from now. A scheduler that drives time by hand
   * awaits the promise the task returns before it runs the next timer. Agent tasks never reject.
   */
  setTimer(delayMs: number, task: () => void | Promise<void>): TimerHandle;
}
