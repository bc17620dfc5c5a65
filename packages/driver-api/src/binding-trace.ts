/**
 * The binding trace: for every binding attempt, per level, driver and segment, what was decided
 * and why. It answers the question Neutron operators ask when they meet `binding_failed`.
 */

/**
 * What one driver did at one level. `timeout`: its `bindPort` did not settle within `[ml2]
 * driver_timeout`; it counts as not bound and whatever it does later is ignored.
 */
export type BindingDecisionKind =
  'bound' | 'continued' | 'declined' | 'error' | 'skipped' | 'timeout';

/**
 * Machine-readable reasons. Drivers may use their own codes (lower snake case); these are the
 * ones ml2ts itself and its drivers use.
 */
export const DeclineReason = {
  VNIC_TYPE_NOT_SUPPORTED: 'vnic_type_not_supported',
  VNIC_TYPE_PROHIBITED: 'vnic_type_prohibited',
  NO_AGENT_ON_HOST: 'no_agent_on_host',
  AGENT_DEAD: 'agent_dead',
  AGENT_NOT_SMARTNIC: 'agent_not_smartnic',
  NETWORK_TYPE_NOT_ALLOWED: 'network_type_not_allowed',
  PHYSNET_NOT_MAPPED: 'physnet_not_mapped',
  TUNNEL_TYPE_NOT_SUPPORTED: 'tunnel_type_not_supported',
  NO_SEGMENT_BINDABLE: 'no_segment_bindable',
  SEGMENT_NOT_IN_SUBNET: 'segment_not_in_subnet',
  SWITCHDEV_REQUIRED: 'switchdev_required',
  SWITCHDEV_NOT_SUPPORTED: 'switchdev_not_supported',
  HOST_NOT_SERVED: 'host_not_served',
  DYNAMIC_SEGMENT_UNAVAILABLE: 'dynamic_segment_unavailable',
  /** The manager skipped the driver: it already bound one of these segments higher up. */
  LOOP_GUARD: 'segment_already_bound_by_driver',
  /** The manager skipped the driver: the port has no fixed IPs and the driver is not `l2`. */
  CONNECTIVITY_NOT_L2: 'connectivity_not_l2',
  /** The level below this one failed, so this level's partial binding was undone. */
  LOWER_LEVEL_FAILED: 'lower_level_failed',
  MAX_LEVELS_EXCEEDED: 'max_binding_levels_exceeded',
  /** The driver returned without binding and without saying why. */
  NOT_BOUND: 'not_bound',
  DRIVER_EXCEPTION: 'driver_exception',
  /** The driver's `bindPort` did not settle within `[ml2] driver_timeout`. */
  DRIVER_TIMEOUT: 'driver_timeout',
  /** The driver bound with a result the engine cannot store (see `InvalidBindingResult`). */
  INVALID_BINDING_RESULT: 'invalid_binding_result',
} as const;
export type DeclineReason = (typeof DeclineReason)[keyof typeof DeclineReason];

/** One reason recorded by a driver (or by the manager) with the facts behind it. */
export interface TraceReason {
  readonly code: string;
  /** Human-readable sentence; optional, the code and facts carry the meaning. */
  readonly message?: string;
  readonly segmentId?: string;
  readonly agentId?: string;
  /** The facts: heartbeat age and limit, the agent's mappings, the segment's type, ... */
  readonly facts?: Readonly<Record<string, unknown>>;
}

/** One segment as the trace shows it. */
export interface TraceSegment {
  readonly id: string;
  readonly networkType: string;
  readonly physicalNetwork: string | null;
  readonly segmentationId: number | null;
  readonly isDynamic: boolean;
}

/** One driver's turn at one level. */
export interface TraceEntry {
  readonly level: number;
  readonly driver: string;
  readonly segments: readonly TraceSegment[];
  readonly decision: BindingDecisionKind;
  readonly reasons: readonly TraceReason[];
  /** The segment bound (or continued from), for `bound` and `continued`. */
  readonly boundSegmentId?: string;
  readonly vifType?: string;
  /** For `error`: the exception's (or the invalid result's) message; for `timeout`: the deadline. */
  readonly error?: string;
}

/** The trace of one binding attempt. */
export interface BindingAttemptTrace {
  readonly attempt: number;
  readonly outcome: 'bound' | 'failed';
  readonly entries: readonly TraceEntry[];
}

/** The trace stored for a port: the last `bindIfNeeded` run, all its attempts. */
export interface BindingTrace {
  readonly portId: string;
  readonly host: string;
  readonly vnicType: string;
  readonly startedAt: string;
  /** `bound`, `failed`, or `not_attempted` (for example a network without segments). */
  readonly outcome: 'bound' | 'failed' | 'not_attempted' | 'lost_race';
  readonly vifType: string;
  /** Why nothing was attempted, when `outcome` is `not_attempted`. */
  readonly note?: string;
  readonly attempts: readonly BindingAttemptTrace[];
}
