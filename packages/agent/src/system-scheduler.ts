import { type Scheduler } from './scheduler';

/**
 * Real time: the system clock and `setTimeout`. Pending timers keep a Node process alive, so stop
 * the agents (`L2Agent.stop`) to let it exit.
 */
export const systemScheduler: Scheduler = {
  now: () => new Date(),
  setTimer(delayMs, task) {
    const timer = setTimeout(() => void task(), Math.max(0, delayMs));
    return { cancel: () => clearTimeout(timer) };
  },
};
