import { type Ml2Configuration } from '@ml2ts/driver-api';

/**
 * The longest a `bindPort` call on the suite's fake contexts may take, in milliseconds: fakes
 * answer at once, so a driver that needs longer waits on something it should not (a real backend
 * without a timeout of its own, a lock). The suite uses the suite configuration's `[ml2]
 * driver_timeout` instead when that is shorter.
 */
export const CONTRACT_BIND_PORT_DEADLINE_MS = 2000;

/**
 * How long after `bindPort` returned the suite keeps watching the context for late calls, in
 * milliseconds (the engine seals the context when `bindPort` returns).
 */
export const LATE_CALL_WINDOW_MS = 50;

/** The deadline of one contract `bindPort` call under `configuration`, in milliseconds. */
export function bindPortDeadlineMs(configuration: Ml2Configuration): number {
  return Math.min(configuration.ml2.driver_timeout * 1000, CONTRACT_BIND_PORT_DEADLINE_MS);
}

/**
 * Calls `work` and waits for it at most `milliseconds`: resolves true when it settled in time,
 * false when it did not; rejects with what `work` threw in time. The timer is cleared and never
 * keeps the process alive.
 */
export async function settlesWithin(work: () => unknown, milliseconds: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), milliseconds);
    timer.unref();
  });
  try {
    const settled = Promise.resolve()
      .then(work)
      .then(() => true as const);
    return await Promise.race([settled, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
