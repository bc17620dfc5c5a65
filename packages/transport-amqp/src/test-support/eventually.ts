/**
 * Polls `check` every few milliseconds until it returns a truthy value (resolved with it) or
 * throws no more; rejects with the last failure after `timeoutMs`. For waiting on what happens
 * asynchronously on the broker without fixed sleeps.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = new Error(`the condition still does not hold (got ${String(value)})`);
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
