import {
  type BindingAttemptTrace,
  type BindingDecisionKind,
  type Segment,
  type TraceEntry,
  type TraceReason,
  type TraceSegment,
} from '@ml2ts/driver-api';

/** The trace form of a segment. */
export function toTraceSegment(segment: Segment): TraceSegment {
  return {
    id: segment.id,
    networkType: segment.networkType,
    physicalNetwork: segment.physicalNetwork,
    segmentationId: segment.segmentationId,
    isDynamic: segment.isDynamic,
  };
}

/** A trace entry while it is being written. */
interface OpenEntry {
  level: number;
  driver: string;
  segments: TraceSegment[];
  decision: BindingDecisionKind;
  reasons: TraceReason[];
  boundSegmentId?: string;
  vifType?: string;
  error?: string;
}

/**
 * Collects the trace of one binding attempt: one entry per driver turn, in the order the turns
 * happened. Cheap: it only appends to arrays.
 */
export class TraceRecorder {
  private readonly entries: OpenEntry[] = [];
  private open: OpenEntry | null = null;

  /** Starts a driver's turn at a level. */
  begin(level: number, driver: string, segments: readonly Segment[]): void {
    this.open = {
      level,
      driver,
      segments: segments.map(toTraceSegment),
      decision: 'declined',
      reasons: [],
    };
    this.entries.push(this.open);
  }

  /** Records a turn the manager skipped without calling the driver. */
  skip(level: number, driver: string, segments: readonly Segment[], reason: TraceReason): void {
    this.entries.push({
      level,
      driver,
      segments: segments.map(toTraceSegment),
      decision: 'skipped',
      reasons: [reason],
    });
    this.open = null;
  }

  /** Adds a reason to the open turn; ignored when no turn is open. */
  reason(reason: TraceReason): void {
    this.open?.reasons.push(reason);
  }

  /** Ends the open turn with its decision. */
  finish(
    decision: BindingDecisionKind,
    details: { boundSegmentId?: string; vifType?: string; error?: string } = {},
  ): void {
    if (!this.open) return;
    this.open.decision = decision;
    Object.assign(this.open, stripUndefined(details));
    this.open = null;
  }

  /**
   * Marks the entry of `driver` at `level` that continued binding as undone because the level
   * below failed.
   */
  undoContinued(level: number, driver: string, reason: TraceReason): void {
    for (let index = this.entries.length - 1; index >= 0; index--) {
      const entry = this.entries[index];
      if (entry.level === level && entry.driver === driver && entry.decision === 'continued') {
        entry.decision = 'declined';
        entry.reasons.push(reason);
        return;
      }
    }
  }

  /** The finished attempt. */
  toAttempt(attempt: number, outcome: 'bound' | 'failed'): BindingAttemptTrace {
    return { attempt, outcome, entries: this.entries.map((entry): TraceEntry => ({ ...entry })) };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as Partial<T>;
}
