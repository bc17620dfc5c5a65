/** Waits. Injected so that tests and simulations do not really wait. */
export type Sleeper = (milliseconds: number) => Promise<void>;

/** Really waits, with `setTimeout`. */
export const timerSleeper: Sleeper = (milliseconds) =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));
