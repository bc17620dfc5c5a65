import {
  type BindPortEnding,
  Connectivity,
  DeclineReason,
  type DriverDeadlineOption,
  Limits,
  type Logger,
  type MechanismDriver,
  MechanismDriverError,
  MechanismDriverTimeout,
  type NetworkContext,
  type NetworkHook,
  type PortContext,
  type PortHook,
  type ResourceHook,
  type Segment,
  type SubnetContext,
} from '@ml2ts/driver-api';
import { DEFAULT_DRIVER_DEADLINES, type DriverDeadlines } from './driver-deadlines';
import { type EnginePortContext } from './engine-port-context';
import { TraceRecorder } from './trace-recorder';
import { withDeadline } from './with-deadline';

export type { NetworkHook, PortHook, ResourceHook, SubnetHook } from '@ml2ts/driver-api';

/** The context a hook takes. */
export type HookContext<H extends ResourceHook> = H extends PortHook
  ? PortContext
  : H extends NetworkHook
    ? NetworkContext
    : SubnetContext;

/**
 * Hooks whose drivers are called in reverse `mechanism_drivers` order: a port is torn down
 * innermost first, so with the usual order (drivers of upper levels listed first) the driver of
 * the bottom level of a hierarchical binding cleans up before the driver of the level above it.
 */
const REVERSE_ORDER_HOOKS: ReadonlySet<ResourceHook> = new Set<ResourceHook>([
  'deletePortPrecommit',
  'deletePortPostcommit',
]);

/** The result of one binding attempt. */
export interface BindAttemptResult {
  bound: boolean;
  trace: ReturnType<TraceRecorder['toAttempt']>;
}

/**
 * Holds the mechanism drivers in configured order, calls their hooks, and binds ports level by
 * level (hierarchical binding). Driver code runs under deadlines (see `DriverDeadlines`): a
 * driver that does not answer in time is not waited for any longer.
 */
export class MechanismManager {
  constructor(
    /** The drivers in `mechanism_drivers` order. */
    readonly drivers: readonly MechanismDriver[],
    private readonly logger: Logger,
    /** `[ml2] driver_timeout` and `precommit_timeout`; default the configuration defaults. */
    readonly deadlines: DriverDeadlines = DEFAULT_DRIVER_DEADLINES,
  ) {}

  /** Driver names in binding order. */
  get driverNames(): string[] {
    return this.drivers.map((driver) => driver.name);
  }

  /** Calls `initialize` on every driver, in order. A throw aborts start-up. */
  async initialize(): Promise<void> {
    for (const driver of this.drivers) await driver.initialize?.();
  }

  /**
   * Calls a pre-commit hook (inside the caller's transaction) on every driver in order (reverse
   * order for the delete-port hooks); the first failure stops and is re-thrown as a
   * `MechanismDriverError` (an `Ml2Error` a driver threw on purpose is re-thrown unchanged), so
   * the caller's transaction rolls back. A hook that does not settle within `[ml2]
   * precommit_timeout` fails the same way, with a `MechanismDriverTimeout` naming the driver, the
   * hook and the deadline: the transaction, which every other operation waits for, is held no
   * longer than that per driver. Blocks while a hook runs.
   */
  async callPrecommit<H extends ResourceHook>(hook: H, context: HookContext<H>): Promise<void> {
    for (const driver of this.driversFor(hook)) {
      const method = driver[hook] as ((context: unknown) => unknown) | undefined;
      if (!method) continue;
      try {
        await this.callWithDeadline(driver, hook, 'precommit_timeout', () =>
          method.call(driver, context),
        );
      } catch (error) {
        throw wrapDriverError(`${driver.name}.${hook}`, error);
      }
    }
  }

  /**
   * Calls a post-commit hook on drivers after the commit, in order (reverse order for the
   * delete-port hooks). With `stopOnFirstFailure` (create hooks) the first failure is thrown;
   * otherwise every driver is called and the first failure is thrown after all of them ran.
   * Failures are logged either way. A hook that does not settle within `[ml2] driver_timeout`
   * fails like one that threw, with a `MechanismDriverTimeout`; it is not waited for any longer.
   */
  async callPostcommit<H extends ResourceHook>(
    hook: H,
    context: HookContext<H>,
    stopOnFirstFailure: boolean,
  ): Promise<void> {
    let firstError: Error | null = null;
    for (const driver of this.driversFor(hook)) {
      const method = driver[hook] as ((context: unknown) => unknown) | undefined;
      if (!method) continue;
      try {
        await this.callWithDeadline(driver, hook, 'driver_timeout', () =>
          method.call(driver, context),
        );
      } catch (error) {
        const wrapped = wrapDriverError(`${driver.name}.${hook}`, error);
        this.logger.error(`Mechanism driver '${driver.name}' failed in ${hook}`, {
          error: wrapped.message,
        });
        if (stopOnFirstFailure) throw wrapped;
        firstError ??= wrapped;
      }
    }
    if (firstError) throw firstError;
  }

  /**
   * True when every driver approves a VLAN-transparent network (`checkVlanTransparency` must
   * return exactly `true`).
   */
  checkVlanTransparency(context: NetworkContext): boolean {
    return this.drivers.every((driver) => driver.checkVlanTransparency?.(context) === true);
  }

  /**
   * One binding attempt: walks the levels from 0 with the network's static segments. Runs
   * outside any transaction. Each driver's `bindPort` gets its own context for its turn, sealed
   * when the call ends, and may block up to `[ml2] driver_timeout`; one that takes longer counts
   * as not bound (trace decision `timeout`) and the next driver is asked. A result the engine
   * cannot store (see `TurnPortContext.setBinding`) counts as the driver's error. On failure the
   * context's vif_type becomes `binding_failed`. Never throws for a driver's failure: it is
   * recorded in the trace.
   */
  async bindPort(context: EnginePortContext, attempt: number): Promise<BindAttemptResult> {
    const recorder = new TraceRecorder();
    context.startAttempt();
    const bound = await this.bindLevel(context, recorder, 0, context.network.networkSegments);
    if (!bound) {
      context.markFailed();
      this.logger.error('Failed to bind port', {
        port: context.current.id,
        host: context.host,
        vnicType: context.vnicType,
        segments: context.network.networkSegments.map((segment) => segment.id),
      });
    }
    return { bound, trace: recorder.toAttempt(attempt, bound ? 'bound' : 'failed') };
  }

  /** The drivers in the order a hook calls them. */
  private driversFor(hook: ResourceHook): readonly MechanismDriver[] {
    return REVERSE_ORDER_HOOKS.has(hook) ? [...this.drivers].reverse() : this.drivers;
  }

  /** Runs one hook under the deadline `option` sets; throws `MechanismDriverTimeout` past it. */
  private async callWithDeadline(
    driver: MechanismDriver,
    hook: ResourceHook,
    option: DriverDeadlineOption,
    call: () => unknown,
  ): Promise<void> {
    const seconds = this.deadlines[option];
    const result = await withDeadline(call, seconds * 1000);
    if (!result.timedOut) return;
    this.logger.error(`Mechanism driver ${driver.name} did not finish ${hook} in time`, {
      deadlineSeconds: seconds,
      option: `[ml2] ${option}`,
    });
    throw new MechanismDriverTimeout(driver.name, hook, seconds, option);
  }

  /**
   * Calls `driver.bindPort` on a turn context of its own and seals that context when the call
   * returns, throws or misses `[ml2] driver_timeout`. Records the turn's outcome in the trace
   * and returns the segment it bound (with the next segments when it continued), or null when
   * the turn does not count as a binding.
   */
  private async bindTurn(
    driver: MechanismDriver & Required<Pick<MechanismDriver, 'bindPort'>>,
    context: EnginePortContext,
    recorder: TraceRecorder,
    level: number,
    segments: readonly Segment[],
  ): Promise<{ segment: Segment; nextSegments: readonly Segment[] | null } | null> {
    recorder.begin(level, driver.name, segments);
    const before = context.snapshotBinding();
    const turn = context.beginTurn(driver.name, segments, recorder, this.logger);
    const seconds = this.deadlines.driver_timeout;
    let ending: BindPortEnding = 'returned';
    let thrown: unknown;
    try {
      const result = await withDeadline(() => driver.bindPort(turn), seconds * 1000);
      if (result.timedOut) ending = 'timed out';
    } catch (error) {
      ending = 'threw';
      thrown = error;
    }
    turn.seal(ending);
    const { boundSegment, nextSegments, violation } = turn.outcome();
    if (ending === 'timed out') {
      context.restoreBinding(before);
      const message = `bindPort did not settle within ${seconds} s ([ml2] driver_timeout)`;
      this.logger.error(`Mechanism driver ${driver.name} timed out in bindPort`, {
        port: context.current.id,
        deadlineSeconds: seconds,
      });
      recorder.reason({ code: DeclineReason.DRIVER_TIMEOUT, facts: { driverTimeout: seconds } });
      recorder.finish('timeout', { error: message });
      return null;
    }
    if (violation) {
      recorder.reason({ code: DeclineReason.INVALID_BINDING_RESULT, message: violation.problem });
      recorder.finish('error', {
        error: `invalid ${violation.method} result: ${violation.problem}`,
      });
      return null;
    }
    if (ending === 'threw') {
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      this.logger.error(`Mechanism driver ${driver.name} failed in bindPort`, {
        port: context.current.id,
        error: message,
      });
      recorder.reason({ code: DeclineReason.DRIVER_EXCEPTION, message });
      recorder.finish('error', { error: message });
      return null;
    }
    if (!boundSegment) {
      recorder.finish('declined');
      return null;
    }
    return { segment: boundSegment, nextSegments };
  }

  private async bindLevel(
    context: EnginePortContext,
    recorder: TraceRecorder,
    level: number,
    segments: readonly Segment[],
  ): Promise<boolean> {
    if (level === Limits.MAX_BINDING_LEVELS) {
      this.logger.error('Exceeded maximum binding levels', {
        port: context.current.id,
        host: context.host,
      });
      recorder.skip(level, '*', segments, {
        code: DeclineReason.MAX_LEVELS_EXCEEDED,
        facts: { maxBindingLevels: Limits.MAX_BINDING_LEVELS },
      });
      return false;
    }
    const hasFixedIps = context.current.fixedIps.length > 0;
    const candidates = hasFixedIps
      ? this.drivers
      : this.drivers.filter((driver) => driver.connectivity === Connectivity.L2);
    if (candidates.length === 0) {
      for (const driver of this.drivers) {
        recorder.skip(level, driver.name, segments, {
          code: DeclineReason.CONNECTIVITY_NOT_L2,
          facts: { connectivity: driver.connectivity ?? Connectivity.LEGACY, fixedIps: 0 },
        });
      }
      this.logger.error('Port has no IP address and no driver with connectivity l2', {
        port: context.current.id,
      });
      return false;
    }
    const segmentIds = new Set(segments.map((segment) => segment.id));
    for (const driver of this.drivers) {
      if (!candidates.includes(driver)) {
        recorder.skip(level, driver.name, segments, {
          code: DeclineReason.CONNECTIVITY_NOT_L2,
          facts: { connectivity: driver.connectivity ?? Connectivity.LEGACY, fixedIps: 0 },
        });
        continue;
      }
      const loop = context.bindingLevels.find(
        (bound) =>
          bound.driver === driver.name && bound.segment && segmentIds.has(bound.segment.id),
      );
      if (loop) {
        recorder.skip(level, driver.name, segments, {
          code: DeclineReason.LOOP_GUARD,
          segmentId: loop.segment?.id,
          facts: { boundAtLevel: loop.level },
        });
        continue;
      }
      if (!driver.bindPort) {
        recorder.skip(level, driver.name, segments, {
          code: DeclineReason.NOT_BOUND,
          message: 'driver does not bind ports',
        });
        continue;
      }
      const bound = await this.bindTurn(
        driver as MechanismDriver & Required<Pick<MechanismDriver, 'bindPort'>>,
        context,
        recorder,
        level,
        segments,
      );
      if (!bound) continue;
      const { segment, nextSegments } = bound;
      const boundSegmentId = segment.id;
      context.pushLevel({ level, driver: driver.name, segment });
      if (nextSegments && nextSegments.length > 0) {
        recorder.finish('continued', { boundSegmentId });
        if (await this.bindLevel(context, recorder, level + 1, nextSegments)) return true;
        this.logger.warn('Failed to bind port at the next level', {
          port: context.current.id,
          host: context.host,
          level: level + 1,
        });
        recorder.undoContinued(level, driver.name, {
          code: DeclineReason.LOWER_LEVEL_FAILED,
          segmentId: boundSegmentId,
          facts: { failedLevel: level + 1 },
        });
        context.popLevel();
        continue;
      }
      recorder.finish('bound', { boundSegmentId, vifType: context.vifType });
      return true;
    }
    return false;
  }
}

function wrapDriverError(method: string, error: unknown): MechanismDriverError | Error {
  if (error instanceof MechanismDriverError) return error;
  if (error instanceof Error && 'httpStatus' in error) return error;
  return new MechanismDriverError(method, error);
}
