import { AsyncLocalStorage } from 'node:async_hooks';

/** Marks one running unit of work; compared by identity. */
type UnitToken = object;

/**
 * Knows which units of work of one store are running, and whether the caller is inside one of
 * them: an AsyncLocalStorage carries the unit's token through everything `run` starts. A callback
 * a finished unit left behind carries a token that is no longer running, so it counts as outside.
 */
export class UnitTracker {
  private readonly storage = new AsyncLocalStorage<UnitToken>();
  private readonly running = new Set<UnitToken>();

  /** Runs `work` as a new unit: `isInsideRunningUnit()` is true inside it until it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const token: UnitToken = {};
    this.running.add(token);
    try {
      return await this.storage.run(token, work);
    } finally {
      this.running.delete(token);
    }
  }

  /** True when called (directly or through async continuations) from inside a running unit. */
  isInsideRunningUnit(): boolean {
    const token = this.storage.getStore();
    return token !== undefined && this.running.has(token);
  }
}
