import { performance } from 'node:perf_hooks';
import { type MechanismDriver } from '@ml2ts/driver-api';
import { settlesWithin } from './contract-deadline';
import { describeSetup, settle, turnContextOptions, type TurnSetup } from './contract-turn';
import { ContractViolation } from './contract-violation';
import { WatchedPortContext } from './watched-port-context';

/** How often `ContextWatch.waitQuietly` looks at the contexts, in milliseconds. */
const POLL_MS = 10;

/**
 * Keeps the contexts of every `bindPort` call the suite makes on a driver, sealed once the call
 * returned, and reports the first call the driver makes on one of them later, with what the
 * suite was doing then (binding another port, calling a hook, waiting). Create one per check.
 */
export class ContextWatch {
  private phase = 'starting';
  private readonly watched: {
    readonly context: WatchedPortContext;
    readonly situation: string;
    /** How the `bindPort` call ended for the suite: `returned` or `missed its deadline`. */
    ended: string;
  }[] = [];

  private notice: () => void = () => undefined;
  /** Resolves at the first late call on any watched context. */
  private readonly firstLateCall = new Promise<void>((resolve) => {
    this.notice = resolve;
  });

  /** `deadlineMs`: how long each `bindPort` call may take (see `bindPortDeadlineMs`). */
  constructor(private readonly deadlineMs: number) {}

  /** Every context handed to `bindPort` so far. */
  get contexts(): ReadonlySet<WatchedPortContext> {
    return new Set(this.watched.map((entry) => entry.context));
  }

  /** Says what the suite does from now on, as it ends "while the suite was ...". */
  during(phase: string): void {
    this.phase = phase;
  }

  /** The inputs of the `bindPort` call that got `context`, in words. */
  situationOf(context: WatchedPortContext): string {
    return this.watched.find((entry) => entry.context === context)?.situation ?? 'unknown inputs';
  }

  /**
   * Calls `driver.bindPort` on a new watched context for `setup`, waits until it settles (at
   * most the deadline, and no longer once the driver called an earlier, sealed context), seals
   * the context and lets the driver's immediate timers run. A throw or a missed deadline is left
   * to the groups that check those; the context is sealed and watched in any case. Returns the
   * context.
   */
  async bind(driver: MechanismDriver, setup: TurnSetup): Promise<WatchedPortContext> {
    const situation = describeSetup(setup);
    const context = new WatchedPortContext(
      turnContextOptions(setup),
      () => this.phase,
      () => this.notice(),
    );
    this.during(`calling bindPort for ${situation}`);
    const entry = { context, situation, ended: 'returned' };
    this.watched.push(entry);
    // Whether bindPort threw or missed the deadline is for other groups to report; a late call
    // on an earlier context ends the wait at once.
    const settled = settlesWithin(() => driver.bindPort?.(context), this.deadlineMs).catch(
      () => true,
    );
    if ((await Promise.race([settled, this.firstLateCall])) === false) {
      entry.ended = `missed its deadline (${this.deadlineMs} ms)`;
    }
    context.seal();
    this.during(`waiting right after bindPort returned for ${situation}`);
    await settle();
    return context;
  }

  /**
   * Calls `work` (a hook of the driver) and waits until it settles, at most `milliseconds`, or
   * until the driver calls a sealed context, whichever comes first; then throws as
   * `expectNoLateCalls` if it did. What `work` throws, or that it missed the deadline, is left to
   * the groups that check those.
   */
  async callWatching(work: () => unknown, milliseconds: number): Promise<void> {
    const settled = settlesWithin(work, milliseconds).catch(() => true);
    await Promise.race([settled, this.firstLateCall]);
    this.expectNoLateCalls();
  }

  /**
   * Throws a `ContractViolation` for the first call a driver made on a sealed context: which
   * method, on the context of which `bindPort` call, how long after it returned, and what the
   * suite was doing then.
   */
  expectNoLateCalls(): void {
    for (const { context, situation, ended } of this.watched) {
      const [call] = context.lateCalls;
      if (call === undefined) continue;
      throw new ContractViolation(
        `${call.method} was called on the context bindPort got for ${situation}, ${call.afterMs} ms ` +
          `after that bindPort ${ended}, while the suite was ${call.during}. The engine seals the ` +
          'context when bindPort returns (or misses its deadline): the call throws ' +
          'PortContextSealed and changes nothing. ' +
          'Keep no reference to the context (in a field, a map, a closure or a timer) and await ' +
          'everything before bindPort returns',
      );
    }
  }

  /**
   * Waits `milliseconds` without calling the driver, looking at the contexts every few
   * milliseconds; throws as `expectNoLateCalls` as soon as one was called.
   */
  async waitQuietly(milliseconds: number): Promise<void> {
    this.during('waiting, with no call to the driver under way (a timer of the driver)');
    const until = performance.now() + milliseconds;
    while (performance.now() < until) {
      await new Promise<void>((resolve) => setTimeout(resolve, POLL_MS));
      this.expectNoLateCalls();
    }
  }
}
