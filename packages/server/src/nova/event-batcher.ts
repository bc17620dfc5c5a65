import { type TimerHandle, type Timers } from './timers';

/** How an `EventBatcher` sends and waits. */
export interface EventBatcherOptions<T> {
  /** The quiet time after each send, in milliseconds (≥ 0): later events wait for its end. */
  readonly intervalMs: number;
  readonly timers: Timers;
  /**
   * Sends one batch, oldest event first. Runs from a timer (or `flush`/`close`), never inside
   * `add`; the batcher waits for it before the next batch. Should not reject: a rejection is
   * handed to `onDeliveryError` and the batch is dropped.
   */
  readonly deliver: (batch: readonly T[]) => Promise<void>;
  /** Told of a rejected `deliver`. Must not throw. Default: ignore. */
  readonly onDeliveryError?: (error: unknown, batch: readonly T[]) => void;
}

/**
 * Collects events and sends them in batches, at most one send at a time. When it is idle, the
 * first event is sent on the next timer turn (with whatever else arrives in the same turn); each
 * send is followed by `intervalMs` of quiet, and the events that arrive meanwhile go together
 * when the quiet ends. A quiet end with nothing pending makes it idle again.
 */
export class EventBatcher<T> {
  private pending: T[] = [];
  /** The timer of the next send: the start of a send, or the end of the quiet after one. */
  private timer: TimerHandle | null = null;
  /** The send under way, if any; it never rejects. */
  private sending: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: EventBatcherOptions<T>) {
    if (!Number.isFinite(options.intervalMs) || options.intervalMs < 0) {
      throw new RangeError(`batch interval must be a finite number ≥ 0, got ${options.intervalMs}`);
    }
  }

  /** The events waiting for the next send. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /**
   * Queues an event for the next batch. Synchronous and cheap: it never sends nor waits, never
   * throws. Returns false (and drops the event) once the batcher is closed.
   */
  add(event: T): boolean {
    if (this.closed) return false;
    this.pending.push(event);
    if (this.timer === null && this.sending === null) this.schedule(0);
    return true;
  }

  /**
   * Sends what is pending now, without waiting for the quiet to end: waits for a send under way,
   * then sends the rest in one batch (followed by the usual quiet). Resolves when that is done;
   * never rejects.
   */
  async flush(): Promise<void> {
    while (this.sending) await this.sending;
    this.cancelTimer();
    if (this.pending.length > 0) await this.send();
  }

  /**
   * Stops: later `add`s are dropped, no timer stays, a send under way is waited for and what is
   * pending is sent once. Idempotent; never rejects.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    this.cancelTimer();
  }

  private schedule(delayMs: number): void {
    this.timer = this.options.timers.setTimer(delayMs, () => {
      this.timer = null;
      if (this.pending.length > 0 && this.sending === null) void this.send();
    });
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private send(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const sending = this.deliverSafely(batch).finally(() => {
      this.sending = null;
      if (!this.closed) this.schedule(this.options.intervalMs);
    });
    this.sending = sending;
    return sending;
  }

  private async deliverSafely(batch: readonly T[]): Promise<void> {
    try {
      await this.options.deliver(batch);
    } catch (error) {
      try {
        this.options.onDeliveryError?.(error, batch);
      } catch {
        // Reporting must not break the batcher.
      }
    }
  }
}
