import { performance } from 'node:perf_hooks';
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
 * The longest a pre-commit hook on the suite's fake contexts may take, in milliseconds.
 * Pre-commit hooks run inside the database transaction every other operation waits for and must
 * not block: on fakes they answer at once, so one that needs longer waits on I/O, a lock or a
 * busy loop. The suite uses the suite configuration's `[ml2] precommit_timeout` instead when
 * that is shorter.
 */
export const CONTRACT_PRECOMMIT_DEADLINE_MS = 250;

/** The deadline of one contract pre-commit hook call under `configuration`, in milliseconds. */
export function precommitDeadlineMs(configuration: Ml2Configuration): number {
  return Math.min(configuration.ml2.precommit_timeout * 1000, CONTRACT_PRECOMMIT_DEADLINE_MS);
}

/**
 * How long the context lifetime group keeps watching the contexts of earlier `bindPort` calls
 * once it is done calling the driver, in milliseconds: a driver's timer that calls one of them
 * within this window is caught.
 */
export const KEPT_CONTEXT_WINDOW_MS = 250;

/**
 * Calls `work` and waits for it at most `milliseconds`: resolves true when it settled in time,
 * false when it did not (also when it blocked the thread past the deadline before returning or
 * throwing: a timer cannot interrupt synchronous work); rejects with what `work` threw in time.
 * The timer is cleared and never keeps the process alive.
 */
export async function settlesWithin(work: () => unknown, milliseconds: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), milliseconds);
    timer.unref();
  });
  const started = performance.now();
  const inTime = () => performance.now() - started <= milliseconds;
  try {
    const settled = Promise.resolve()
      .then(work)
      .then(
        () => inTime(),
        (error: unknown) => {
          if (inTime()) throw error;
          return false;
        },
      );
    return await Promise.race([settled, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
