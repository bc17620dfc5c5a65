import { type Scheduler } from '@ml2ts/agent';
import { type NetworkApi, type VifPluggedEvent } from './network-api';

/**
 * Catches the server's `network-vif-plugged` event for one port. Create it before the action
 * that may cause the event (the binding update, the plug), so that an early event is not missed;
 * then `wait`. Dispose it when done.
 */
export class VifPluggedWaiter {
  private event: VifPluggedEvent | null = null;
  private wake: ((event: VifPluggedEvent) => void) | null = null;
  private readonly unsubscribe: () => void;

  /** Subscribes at once. Never blocks. */
  constructor(
    network: NetworkApi,
    private readonly portId: string,
  ) {
    this.unsubscribe = network.onVifPlugged((event) => {
      if (event.portId !== this.portId || this.event) return;
      this.event = event;
      this.wake?.(event);
    });
  }

  /** The event, once it arrived. */
  get received(): VifPluggedEvent | null {
    return this.event;
  }

  /**
   * Resolves with the event (at once when it already arrived), or with null when `timeoutMs`
   * passes on `scheduler` first. Never rejects.
   */
  wait(timeoutMs: number, scheduler: Scheduler): Promise<VifPluggedEvent | null> {
    if (this.event) return Promise.resolve(this.event);
    return new Promise((resolve) => {
      const timer = scheduler.setTimer(timeoutMs, () => {
        this.wake = null;
        resolve(null);
      });
      this.wake = (event) => {
        this.wake = null;
        timer.cancel();
        resolve(event);
      };
    });
  }

  /** Stops listening. Idempotent. */
  dispose(): void {
    this.wake = null;
    this.unsubscribe();
  }
}
