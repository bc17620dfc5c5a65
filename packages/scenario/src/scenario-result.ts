/**
 * What running a scenario yields (see `conformance/README.md` in this package): a record per
 * setup action and per step, and the final state of every port, network and agent. Keys use
 * Neutron's wire names so results compare directly with recordings of Neutron.
 */

/** A failed operation, with ids in the message replaced by labels (`<port:p1>`). */
export interface ErrorRecord {
  readonly http_status: number;
  /** Neutron's exception name, e.g. `InvalidInput`. */
  readonly type: string;
  readonly message: string;
}

/** A segment as results show it. */
export interface ScenarioSegmentState {
  readonly network_type: string;
  readonly physical_network: string | null;
  readonly segmentation_id: number | null;
  readonly segment_index: number;
  readonly is_dynamic: boolean;
}

/** One binding level of a port. `segment` is null when the segment was deleted. */
export interface ScenarioBindingLevelState {
  readonly level: number;
  readonly driver: string;
  readonly segment: ScenarioSegmentState | null;
}

/** A port that exists. */
export interface ScenarioExistingPortState {
  readonly exists: true;
  readonly status: string;
  /** The MAC, or `<generated>` when the engine chose it. */
  readonly mac_address: string;
  readonly 'binding:host_id': string;
  readonly 'binding:vnic_type': string;
  readonly 'binding:profile': Readonly<Record<string, unknown>>;
  readonly 'binding:vif_type': string;
  readonly 'binding:vif_details': Readonly<Record<string, unknown>>;
  readonly binding_levels: readonly ScenarioBindingLevelState[];
  /**
   * For a `binding_failed` port: its binding trace in sentences a person can act on (not part of
   * the conformance comparison).
   */
  readonly binding_failed_because?: readonly string[];
}

/** A port that does not exist (deleted, or its creation failed: then `error`). */
export interface ScenarioMissingPortState {
  readonly exists: false;
  readonly error?: ErrorRecord;
}

/** The state of one port after a record. */
export type ScenarioPortState = ScenarioExistingPortState | ScenarioMissingPortState;

/** Every port the scenario has tried to create so far, by label. */
export type ScenarioPortStates = Readonly<Record<string, ScenarioPortState>>;

/** The state of one network: its segments, static ones first. */
export type ScenarioNetworkState =
  | { readonly exists: true; readonly segments: readonly ScenarioSegmentState[] }
  | { readonly exists: false; readonly error?: ErrorRecord };

/** The state of one agent, liveness computed at the end of the run. */
export type ScenarioAgentState =
  | {
      readonly exists: true;
      readonly alive: boolean;
      readonly admin_state_up: boolean;
      readonly host: string;
      readonly agent_type: string;
    }
  | { readonly exists: false };

/** How much binding work a record caused, read from the binding traces it left. */
export interface BindingWork {
  /** Binding attempts committed during the record, over every port. */
  readonly bind_attempts: number;
  /** Per driver, how often it was asked to bind (and was not skipped). */
  readonly driver_bind_calls: Readonly<Record<string, number>>;
}

/** Setup: one agent registered. */
export interface AgentSetupRecord {
  readonly agent: string;
  readonly report_state_result?: string;
  readonly error?: ErrorRecord;
}

/** Setup: one network created (with its subnets). */
export interface NetworkSetupRecord {
  readonly network: string;
  readonly error?: ErrorRecord;
  /** Subnets that could not be created, by CIDR. */
  readonly subnet_errors?: readonly { readonly cidr: unknown; readonly error: ErrorRecord }[];
}

/** Setup: one port created. */
export interface PortSetupRecord extends Partial<BindingWork> {
  readonly op: 'create_port';
  readonly port: string;
  readonly http_status: number;
  readonly error?: ErrorRecord;
  readonly ports: ScenarioPortStates;
}

/** One record of `setup`. */
export type SetupRecord = AgentSetupRecord | NetworkSetupRecord | PortSetupRecord;

/** One record of `steps`. */
export interface StepRecord extends Partial<BindingWork> {
  readonly index: number;
  readonly op: string;
  readonly port?: string;
  readonly network?: string;
  readonly agent?: string;
  /** The host an agent RPC came from. */
  readonly host?: string;
  /** REST-like operations: the HTTP status (the error's when it failed). */
  readonly http_status?: number;
  /** Agent RPC operations: what the server answered. */
  readonly result?: Readonly<Record<string, unknown>>;
  readonly error?: ErrorRecord;
  /** `create_network`: subnets that could not be created, by CIDR. */
  readonly subnet_errors?: readonly { readonly cidr: unknown; readonly error: ErrorRecord }[];
  /** Every port's state after the step. */
  readonly ports: ScenarioPortStates;
}

/** The state after the last step. */
export interface FinalState {
  readonly ports: ScenarioPortStates;
  readonly networks: Readonly<Record<string, ScenarioNetworkState>>;
  readonly agents: Readonly<Record<string, ScenarioAgentState>>;
}

/** The result of one scenario. */
export interface ScenarioResult {
  readonly name: string;
  readonly description: string;
  readonly mechanism_drivers_loaded: readonly string[];
  readonly setup: readonly SetupRecord[];
  readonly steps: readonly StepRecord[];
  readonly final: FinalState;
}
