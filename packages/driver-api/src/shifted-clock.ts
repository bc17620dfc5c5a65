import { type Clock, systemClock } from './clock';

/**
 * A clock that runs a settable offset away from another (default the system clock). Demos,
 * simulations and tests use it to make the server see an event at another time, such as an
 * agent's last heartbeat five minutes ago, without waiting and without writing the database
 * behind the engine's back. Never blocks.
 */
export class ShiftedClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = systemClock) {}

  /** The base clock's time plus the offset (a fresh `Date` each call). */
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  /** The current offset from the base clock, in seconds. */
  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  /** Moves the clock by `seconds`: forward when positive, into the past when negative. */
  shift(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  /**
   * Runs `work` with the clock `seconds` in the past, then moves it back, also when `work`
   * rejects. Whatever else reads the clock meanwhile sees the past too, so run nothing else
   * that depends on time while `work` runs.
   */
  async inThePast<T>(seconds: number, work: () => Promise<T>): Promise<T> {
    this.shift(-seconds);
    try {
      return await work();
    } finally {
      this.shift(seconds);
    }
  }
}
