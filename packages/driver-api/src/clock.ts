/** The server clock. Injected so that tests control time; liveness is always measured on it. */
export interface Clock {
  /** Current server time. Must not block. */
  now(): Date;
}

/** A clock that reads the system time. */
export const systemClock: Clock = { now: () => new Date() };
