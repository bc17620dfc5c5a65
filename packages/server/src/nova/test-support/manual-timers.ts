import { type TimerHandle, type Timers } from '../timers';

interface PendingTimer {
  readonly due: number;
  readonly sequence: number;
  readonly task: () => void;
}

/** Lets queued promise callbacks and I/O callbacks run a few times over. */
export async function settle(rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Timers whose time moves only by `advance`: due timers run in due-time order (ties in the order
 * they were set), with promise callbacks settled before and after each, so that work a timer
 * starts (a fake send) can finish and set the next timer.
 */
export class ManualTimers implements Timers {
  private now = 0;
  private sequence = 0;
  private readonly timers: PendingTimer[] = [];

  /** See `Timers.setTimer`. */
  setTimer(delayMs: number, task: () => void): TimerHandle {
    const timer = { due: this.now + delayMs, sequence: this.sequence++, task };
    this.timers.push(timer);
    return {
      cancel: () => {
        const index = this.timers.indexOf(timer);
        if (index >= 0) this.timers.splice(index, 1);
      },
    };
  }

  /** Milliseconds from now until each pending timer fires, soonest first. */
  pendingDelays(): number[] {
    return this.ordered().map((timer) => timer.due - this.now);
  }

  /** Moves time forward by `milliseconds`, running every timer due by then. */
  async advance(milliseconds: number): Promise<void> {
    const target = this.now + milliseconds;
    await settle();
    for (;;) {
      const next = this.ordered()[0];
      if (!next || next.due > target) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.now = Math.max(this.now, next.due);
      next.task();
      await settle();
    }
    this.now = target;
  }

  private ordered(): PendingTimer[] {
    return [...this.timers].sort((a, b) => a.due - b.due || a.sequence - b.sequence);
  }
}
