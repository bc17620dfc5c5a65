import { type Clock } from '@ml2ts/driver-api';
import { FIXTURE_NOW } from '../fixtures/fixture-now';

/**
 * A `Clock` that only moves when the test moves it. Bind it to `DI.CLOCK` to control agent
 * liveness and timestamps. Never blocks.
 */
export class FakeClock implements Clock {
  private current: Date;

  /** Starts at `start` (default `FIXTURE_NOW`). */
  constructor(start: Date = FIXTURE_NOW) {
    this.current = new Date(start.getTime());
  }

  /** The current fake time (a fresh `Date` each call). */
  now(): Date {
    return new Date(this.current.getTime());
  }

  /** Moves the clock forward by `seconds` (may be fractional; negative moves it back). */
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }

  /** Sets the clock to `time`. */
  set(time: Date): void {
    this.current = new Date(time.getTime());
  }
}
