import { type BindingTrace, type Logger, VifType } from '@ml2ts/driver-api';
import { createEngine, explainTrace } from '@ml2ts/core';
import { FakeClock } from '@ml2ts/testkit';
import { FIXTURE_NOW } from '@ml2ts/testkit';
import { type DeviceDetails, type Engine } from './engine-types';
import { isNotFound, toErrorRecord } from './error-record';
import { LabelBook } from './label-book';
import {
  type AgentSpec,
  type DeviceStyle,
  type NetworkSpec,
  type PortSpec,
} from './parse-scenario';
import { scenarioConfigurationOverrides } from './scenario-configuration';
import { scenarioPlaceholderId, scenarioPortId } from './scenario-ids';
import {
  type ScenarioAgentState,
  type ErrorRecord,
  type ScenarioNetworkState,
  type ScenarioPortState,
  type ScenarioPortStates,
  type ScenarioSegmentState,
} from './scenario-result';
import { seededRandomSource, simulationIdGenerator } from './simulation-sources';

/** How far the simulated clock moves before each setup record and step. */
export const RECORD_TICK_SECONDS = 0.001;

/** Seed of the segment allocation picks: the same in every run. */
const ALLOCATION_SEED = 0x6d4c3254;

/** How a simulation is started. */
export interface SimulationOptions {
  /** Where driver packages are searched; default: the engine's default. */
  readonly pluginSearchPaths?: string[];
  /** Receives the engine's log; default silent. */
  readonly logger?: Logger;
  /**
   * The database the engine runs on, as `createEngine` takes it (a URL or a SQLite path); it
   * must be empty or hold only ml2ts's schema. Default `:memory:`, a fresh in-memory database.
   */
  readonly database?: string;
}

/** What an operation gave: its value, or the record of its failure. */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorRecord };

/** The agent RPCs about one device. */
export type DeviceOperation = 'get_device_details' | 'update_device_up' | 'update_device_down';

interface PortEntry {
  id: string;
  /** MACs the scenario gave this port (directly or as `device_mac_address`), lower case. */
  readonly scenarioMacs: Set<string>;
  creationError: ErrorRecord | null;
}

interface NetworkEntry {
  readonly id: string;
  readonly created: boolean;
  readonly creationError: ErrorRecord | null;
}

interface AgentEntry {
  readonly spec: AgentSpec;
  configurations: Readonly<Record<string, unknown>>;
  id: string;
}

/**
 * One scenario's world: a fresh engine on an in-memory database (or the empty one `database`
 * names) with a simulated clock and reproducible ids, plus what the scenario's labels stand for.
 * Operations never throw for an engine error: they return it as an `Outcome` (ids in messages
 * replaced by labels). They throw only for failures of the runner itself. Operations run one at
 * a time; none may overlap.
 */
export class Simulation {
  private readonly labels = new LabelBook();
  private readonly ports = new Map<string, PortEntry>();
  private readonly networks = new Map<string, NetworkEntry>();
  private readonly agents = new Map<string, AgentEntry>();

  private constructor(
    private readonly scenarioName: string,
    private readonly engine: Engine,
    private readonly clock: FakeClock,
  ) {}

  /**
   * Starts the engine for a scenario: its configuration mapped from `config`, database
   * `options.database` (default `:memory:`), the simulated clock, name-based ids, seeded
   * allocation, no real waiting. Rejects with the engine's `ConfigurationError` or
   * `PluginLoadError` when it cannot start.
   */
  static async start(
    scenarioName: string,
    config: Parameters<typeof scenarioConfigurationOverrides>[0],
    options: SimulationOptions = {},
  ): Promise<Simulation> {
    const clock = new FakeClock(FIXTURE_NOW);
    const engine = await createEngine({
      overrides: scenarioConfigurationOverrides(config),
      database: options.database ?? ':memory:',
      clock,
      ids: simulationIdGenerator(scenarioName),
      random: seededRandomSource(ALLOCATION_SEED),
      sleep: () => Promise.resolve(),
      logger: options.logger,
      pluginSearchPaths: options.pluginSearchPaths,
    });
    return new Simulation(scenarioName, engine, clock);
  }

  /** The loaded mechanism drivers, in binding order. */
  get mechanismDrivers(): string[] {
    return [...this.engine.plugin.mechanismDrivers];
  }

  /**
   * Moves the clock on by `RECORD_TICK_SECONDS` and returns the new time, at which the next
   * record runs. Time passes between records as it does on a real server, and every binding
   * trace carries the time of the record that made it.
   */
  beginRecord(): Date {
    this.clock.advance(RECORD_TICK_SECONDS);
    return this.clock.now();
  }

  /** Closes the engine and its database. */
  close(): Promise<void> {
    return this.engine.close();
  }

  // ------------------------------------------------------------------ agents

  /**
   * Registers an agent with a first `report_state` (start flag set), made `heartbeatAge`
   * seconds ago when the spec gives one, then sets its admin state when the spec asks for it.
   * Gives the `report_state` answer.
   */
  async registerAgent(spec: AgentSpec): Promise<Outcome<string | null>> {
    const entry: AgentEntry = {
      spec,
      configurations: spec.configurations,
      id:
        this.agents.get(spec.name)?.id ??
        scenarioPlaceholderId(this.scenarioName, 'agent', spec.name),
    };
    this.agents.set(spec.name, entry);
    this.labels.assign('agent', spec.name, entry.id);
    return this.attempt(async () => {
      const result = await this.reportAgo(entry, true, spec.heartbeatAge ?? 0);
      if (spec.adminStateUp !== null) {
        await this.engine.plugin.agents.setAdminState(entry.id, spec.adminStateUp);
      }
      return result;
    });
  }

  /** A heartbeat (no start flag), with new configurations when given. */
  async reportState(
    name: string,
    configurations: Readonly<Record<string, unknown>> | null,
  ): Promise<Outcome<string | null>> {
    const entry = this.agent(name);
    if (configurations !== null) entry.configurations = configurations;
    return this.attempt(() => this.report(entry, false));
  }

  /**
   * Makes the agent's last heartbeat `heartbeatAge` seconds old: it reports once more as it
   * would have `heartbeatAge` seconds ago, on the simulated clock turned back for that report.
   * An agent that no longer exists is `AgentNotFound`, and stays deleted.
   */
  killAgent(name: string, heartbeatAge: number): Promise<Outcome<void>> {
    const entry = this.agent(name);
    return this.attempt(async () => {
      await this.engine.plugin.agents.get(entry.id);
      await this.reportAgo(entry, false, heartbeatAge);
    });
  }

  /** The administrator's switch on an agent. */
  setAgentAdminState(name: string, adminStateUp: boolean): Promise<Outcome<void>> {
    const entry = this.agent(name);
    return this.attempt(async () => {
      await this.engine.plugin.agents.setAdminState(entry.id, adminStateUp);
    });
  }

  /** Removes an agent's row. */
  deleteAgent(name: string): Promise<Outcome<void>> {
    const entry = this.agent(name);
    return this.attempt(() => this.engine.plugin.agents.delete(entry.id));
  }

  // ------------------------------------------------------------------ networks

  /**
   * Creates a network and then its subnets. The network's failure is the outcome's error; the
   * value lists the subnets that failed.
   */
  async createNetwork(
    spec: NetworkSpec,
  ): Promise<Outcome<{ cidr: unknown; error: ErrorRecord }[]>> {
    const created = await this.attempt(() => this.engine.plugin.createNetwork(spec.request));
    if (!created.ok) {
      const id = scenarioPlaceholderId(this.scenarioName, 'network', spec.name);
      this.networks.set(spec.name, { id, created: false, creationError: created.error });
      this.labels.assign('network', spec.name, id);
      return created;
    }
    const id = created.value.id;
    this.networks.set(spec.name, { id, created: true, creationError: null });
    this.labels.assign('network', spec.name, id);
    const subnetErrors: { cidr: unknown; error: ErrorRecord }[] = [];
    for (const [index, subnet] of spec.subnets.entries()) {
      const outcome = await this.attempt(() =>
        this.engine.plugin.createSubnet({
          ...subnet,
          network_id: id,
        } as Parameters<Engine['plugin']['createSubnet']>[0]),
      );
      if (outcome.ok) this.labels.assign('subnet', `${spec.name}/${index}`, outcome.value.id);
      else subnetErrors.push({ cidr: subnet.cidr, error: outcome.error });
    }
    return { ok: true, value: subnetErrors };
  }

  // ------------------------------------------------------------------ ports

  /** Creates a port (which binds it when it has a host). */
  async createPort(spec: PortSpec): Promise<Outcome<void>> {
    const network = this.networks.get(spec.network);
    const networkId =
      network?.id ?? scenarioPlaceholderId(this.scenarioName, 'network', spec.network);
    const id = spec.id ?? scenarioPortId(this.scenarioName, spec.name);
    const entry: PortEntry = this.ports.get(spec.name) ?? {
      id,
      scenarioMacs: new Set(),
      creationError: null,
    };
    entry.id = id;
    this.ports.set(spec.name, entry);
    this.labels.assign('port', spec.name, id);
    rememberScenarioMacs(entry, spec.attributes);
    const outcome = await this.attempt(async () => {
      await this.engine.plugin.createPort({
        ...spec.attributes,
        id,
        name: spec.name,
        network_id: networkId,
      } as Parameters<Engine['plugin']['createPort']>[0]);
    });
    entry.creationError = outcome.ok ? null : outcome.error;
    return outcome;
  }

  /** Updates a port's attributes (wire names). */
  updatePort(name: string, attributes: Readonly<Record<string, unknown>>): Promise<Outcome<void>> {
    const entry = this.port(name);
    rememberScenarioMacs(entry, attributes);
    return this.attempt(async () => {
      await this.engine.plugin.updatePort(
        entry.id,
        attributes as Parameters<Engine['plugin']['updatePort']>[1],
      );
    });
  }

  /**
   * Deletes a port. Like Neutron's REST layer, which looks the port up first, an unknown port
   * is a 404 (the plugin itself ignores unknown ids).
   */
  deletePort(name: string): Promise<Outcome<void>> {
    const entry = this.port(name);
    return this.attempt(async () => {
      await this.engine.plugin.getPort(entry.id);
      await this.engine.plugin.deletePort(entry.id);
    });
  }

  /**
   * One agent RPC about a port's device, named by the port id or, with the `tap` style, `tap`
   * plus the id's first 11 characters. Gives what the step records as `result` (nothing for
   * `update_device_up`).
   */
  async deviceOperation(
    operation: DeviceOperation,
    name: string,
    host: string | undefined,
    style: DeviceStyle,
  ): Promise<Outcome<Record<string, unknown> | undefined>> {
    const entry = this.port(name);
    const device = style === 'tap' ? `tap${entry.id.slice(0, 11)}` : entry.id;
    const request = host === undefined ? { device } : { device, host };
    const rpc = this.engine.plugin.rpc;
    return this.attempt(async () => {
      switch (operation) {
        case 'get_device_details':
          return deviceDetailsResult(await rpc.getDeviceDetails(request));
        case 'update_device_up':
          await rpc.updateDeviceUp(request);
          return undefined;
        case 'update_device_down':
          return { exists: (await rpc.updateDeviceDown(request)).exists };
      }
    });
  }

  // ------------------------------------------------------------------ state

  /** Every port the scenario has tried to create so far, in that order. */
  async portStates(): Promise<ScenarioPortStates> {
    const states: Record<string, ScenarioPortState> = {};
    for (const [name, entry] of this.ports) states[name] = await this.portState(entry);
    return states;
  }

  /** Every network the scenario has tried to create, with its segments. */
  async networkStates(): Promise<Record<string, ScenarioNetworkState>> {
    const states: Record<string, ScenarioNetworkState> = {};
    for (const [name, entry] of this.networks) {
      if (!entry.created) {
        states[name] = entry.creationError
          ? { exists: false, error: entry.creationError }
          : { exists: false };
        continue;
      }
      try {
        const segments = await this.engine.plugin.listSegments(entry.id);
        states[name] = { exists: true, segments: segments.map(toSegmentState) };
      } catch (error) {
        if (!isNotFound(error)) throw error;
        states[name] = { exists: false };
      }
    }
    return states;
  }

  /** Every agent the scenario registered, liveness computed now. */
  async agentStates(): Promise<Record<string, ScenarioAgentState>> {
    const states: Record<string, ScenarioAgentState> = {};
    for (const [name, entry] of this.agents) {
      try {
        const agent = await this.engine.plugin.agents.get(entry.id);
        states[name] = {
          exists: true,
          alive: agent.alive,
          admin_state_up: agent.adminStateUp,
          host: agent.host,
          agent_type: agent.agentType,
        };
      } catch (error) {
        if (!isNotFound(error)) throw error;
        states[name] = { exists: false };
      }
    }
    return states;
  }

  /**
   * The binding traces recorded at `time` (the record that started then made them), one per
   * port that still exists.
   */
  async tracesRecordedAt(time: Date): Promise<BindingTrace[]> {
    const stamp = time.toISOString();
    const traces: BindingTrace[] = [];
    for (const entry of this.ports.values()) {
      try {
        const trace = await this.engine.plugin.explainBinding(entry.id);
        if (trace && trace.startedAt === stamp) traces.push(trace);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return traces;
  }

  // ------------------------------------------------------------------ helpers

  private async portState(entry: PortEntry): Promise<ScenarioPortState> {
    const plugin = this.engine.plugin;
    try {
      const port = await plugin.getPort(entry.id);
      const levels = await plugin.getBindingLevels(entry.id);
      const profile = port['binding:profile'];
      const failed = port['binding:vif_type'] === VifType.BINDING_FAILED;
      const trace = failed ? await plugin.explainBinding(entry.id) : null;
      return {
        ...(trace ? { binding_failed_because: explainTrace(trace) } : {}),
        exists: true,
        status: port.status,
        mac_address: shownMac(port.mac_address, entry.scenarioMacs, profile),
        'binding:host_id': port['binding:host_id'],
        'binding:vnic_type': port['binding:vnic_type'],
        'binding:profile': profile,
        'binding:vif_type': port['binding:vif_type'],
        'binding:vif_details': port['binding:vif_details'],
        binding_levels: levels.map((level) => ({
          level: level.level,
          driver: level.driver,
          segment: level.segment ? toSegmentState(level.segment) : null,
        })),
      };
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return entry.creationError
        ? { exists: false, error: entry.creationError }
        : { exists: false };
    }
  }

  /**
   * `report`, with the simulated clock `secondsAgo` seconds back while the report is handled
   * (nothing else runs meanwhile: a simulation runs one step at a time).
   */
  private async reportAgo(
    entry: AgentEntry,
    startFlag: boolean,
    secondsAgo: number,
  ): Promise<string | null> {
    this.clock.advance(-secondsAgo);
    try {
      return await this.report(entry, startFlag);
    } finally {
      this.clock.advance(secondsAgo);
    }
  }

  private async report(entry: AgentEntry, startFlag: boolean): Promise<string | null> {
    const { spec } = entry;
    const result = await this.engine.plugin.rpc.reportState({
      agent_type: spec.agentType,
      binary: spec.binary,
      host: spec.host,
      topic: 'N/A',
      configurations: { ...entry.configurations },
      start_flag: startFlag,
    });
    // A deleted agent comes back as a new row with a new id.
    const [row] = await this.engine.plugin.agents.list({
      host: spec.host,
      agentType: spec.agentType,
    });
    if (row) {
      entry.id = row.id;
      this.labels.assign('agent', spec.name, row.id);
    }
    return result;
  }

  private agent(name: string): AgentEntry {
    const entry = this.agents.get(name);
    if (!entry) throw new Error(`Simulation: agent '${name}' was never registered`);
    return entry;
  }

  private port(name: string): PortEntry {
    const entry = this.ports.get(name);
    if (!entry) throw new Error(`Simulation: port '${name}' was never created`);
    return entry;
  }

  /** Runs one engine operation; its failure becomes an error record with labels. */
  private async attempt<T>(work: () => Promise<T>): Promise<Outcome<T>> {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      await this.labelSegments();
      return { ok: false, error: toErrorRecord(error, (text) => this.labels.relabel(text)) };
    }
  }

  /** Labels every current segment `<network>#<position>` (static ones first). */
  private async labelSegments(): Promise<void> {
    for (const [name, entry] of this.networks) {
      if (!entry.created) continue;
      try {
        const segments = await this.engine.plugin.listSegments(entry.id);
        segments.forEach((segment, index) =>
          this.labels.assign('segment', `${name}#${index}`, segment.id),
        );
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }
}

/** The six fields of `get_device_details` a result shows, and whether there were details. */
function deviceDetailsResult(details: DeviceDetails): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of [
    'network_type',
    'physical_network',
    'segmentation_id',
    'admin_state_up',
    'device_owner',
  ] as const) {
    if (details[key] !== undefined) result[key] = details[key];
  }
  result.has_details = details.network_type !== undefined;
  return result;
}

function toSegmentState(segment: {
  network_type: string;
  physical_network: string | null;
  segmentation_id: number | null;
  segment_index: number;
  is_dynamic: boolean;
}): ScenarioSegmentState {
  return {
    network_type: segment.network_type,
    physical_network: segment.physical_network,
    segmentation_id: segment.segmentation_id,
    segment_index: segment.segment_index,
    is_dynamic: segment.is_dynamic,
  };
}

/** Remembers the MACs a request gives: `mac_address` and `binding:profile.device_mac_address`. */
function rememberScenarioMacs(
  entry: PortEntry,
  attributes: Readonly<Record<string, unknown>>,
): void {
  const mac = attributes['mac_address'];
  if (typeof mac === 'string') entry.scenarioMacs.add(normalizeMac(mac));
  const profile = attributes['binding:profile'];
  if (profile !== null && typeof profile === 'object') {
    const deviceMac = (profile as Record<string, unknown>)['device_mac_address'];
    if (typeof deviceMac === 'string') entry.scenarioMacs.add(normalizeMac(deviceMac));
  }
}

/** The MAC as results show it: itself when the scenario gave it, else `<generated>`. */
function shownMac(
  mac: string,
  scenarioMacs: ReadonlySet<string>,
  profile: Readonly<Record<string, unknown>>,
): string {
  const deviceMac = profile['device_mac_address'];
  const normalized = normalizeMac(mac);
  if (scenarioMacs.has(normalized)) return mac;
  if (typeof deviceMac === 'string' && normalizeMac(deviceMac) === normalized) return mac;
  return '<generated>';
}

function normalizeMac(mac: string): string {
  return mac.toLowerCase().replace(/-/g, ':');
}
