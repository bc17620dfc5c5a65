/** How a call raced against its deadline: its value, or the news that the deadline came first. */
export type DeadlineResult<T> =
  { readonly timedOut: false; readonly value: T } | { readonly timedOut: true };

/**
 * Calls `work` now and waits for what it returns, but no longer than `milliseconds`.
 *
 * Resolves with `{ timedOut: false, value }` when `work` settles first, and with `{ timedOut:
 * true }` when the deadline comes first; rejects with what `work` threw (synchronously or by
 * rejecting) before the deadline. A `work` that returns a plain value (not a promise) resolves at
 * once and starts no timer. After a timeout `work` keeps running unobserved: a later rejection is
 * swallowed (it reached a handler already), a later value ignored.
 *
 * The timer is cleared as soon as either side settles and is `unref`ed, so a pending deadline
 * never keeps the process alive. Never blocks.
 */
export function withDeadline<T>(
  work: () => T | PromiseLike<T>,
  milliseconds: number,
): Promise<DeadlineResult<T>> {
  let returned: T | PromiseLike<T>;
  let thenable: boolean;
  try {
    returned = work();
    thenable = isThenable(returned);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  if (!thenable) return Promise.resolve({ timedOut: false, value: returned as T });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<DeadlineResult<T>>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), milliseconds);
    timer.unref();
  });
  const settled = Promise.resolve(returned).then((value): DeadlineResult<T> => ({
    timedOut: false,
    value,
  }));
  return Promise.race([settled, deadline]).finally(() => clearTimeout(timer));
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
