import { type Clock } from '@ml2ts/driver-api';
import { type Scheduler, type TimerHandle } from './scheduler';

interface PendingTimer {
  due: number;
  sequence: number;
  task: () => void | Promise<void>;
}

/**
 * A scheduler whose time moves only when told to: `advance` runs every timer that falls due, in
 * due-time order (ties in the order they were set), awaiting each task before the next. Nothing
 * waits for real. It is also a `Clock`, so an engine under test can share its time.
 */
export class ManualScheduler implements Scheduler, Clock {
  private current: number;
  private sequence = 0;
  private readonly timers: PendingTimer[] = [];

  /** Starts at `start` (default 2026-01-01T00:00:00Z). */
  constructor(start: Date | number = Date.parse('2026-01-01T00:00:00Z')) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  /** See `Scheduler.now`. */
  now(): Date {
    return new Date(this.current);
  }

  /** See `Scheduler.setTimer`. Throws `RangeError` for a negative or non-finite delay. */
  setTimer(delayMs: number, task: () => void | Promise<void>): TimerHandle {
    if (!Number.isFinite(delayMs) || delayMs < 0) {
      throw new RangeError(`timer delay must be a finite number ≥ 0, got ${delayMs}`);
    }
    const timer: PendingTimer = { due: this.current + delayMs, sequence: this.sequence++, task };
    this.timers.push(timer);
    return {
      cancel: () => {
        const index = this.timers.indexOf(timer);
        if (index >= 0) this.timers.splice(index, 1);
      },
    };
  }

  /** How many timers are pending. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Milliseconds from now until each pending timer fires, soonest first. */
  pendingDelays(): number[] {
    return this.ordered().map((timer) => timer.due - this.current);
  }

  /**
   * Moves time forward by `milliseconds`, running every timer due by then (including timers the
   * tasks set) at its due time, awaiting each task. Resolves when time has reached the target.
   */
  async advance(milliseconds: number): Promise<void> {
    if (!Number.isFinite(milliseconds) || milliseconds < 0) {
      throw new RangeError(`cannot advance by ${milliseconds} ms`);
    }
    const target = this.current + milliseconds;
    for (;;) {
      const next = this.ordered()[0];
      if (!next || next.due > target) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.current = Math.max(this.current, next.due);
      await next.task();
    }
    this.current = target;
  }

  /** Runs the timers due now (delay 0 included), without moving time. */
  runDue(): Promise<void> {
    return this.advance(0);
  }

  private ordered(): PendingTimer[] {
    return [...this.timers].sort((a, b) => a.due - b.due || a.sequence - b.sequence);
  }
}
