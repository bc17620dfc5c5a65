import { AGENT_BINARIES, AgentType } from '@ml2ts/driver-api';
import { type ScenarioConfig, STEP_OPERATIONS, type StepOperation } from './scenario';
import { CONFIG_KEYS } from './scenario-configuration';
import { ScenarioError } from './scenario-error';

/** Agent type aliases a scenario may use. */
export const AGENT_TYPE_ALIASES: Readonly<Record<string, string>> = {
  ovs: AgentType.OVS,
  linuxbridge: AgentType.LINUXBRIDGE,
  lb: AgentType.LINUXBRIDGE,
  sriov: AgentType.NIC_SWITCH,
};

/** Seconds a heartbeat is moved back for an agent declared with `alive: false`. */
export const DEAD_AGENT_HEARTBEAT_AGE = 3600;

/** An agent, checked and resolved: what its registration reports and how it is adjusted. */
export interface AgentSpec {
  readonly name: string;
  readonly agentType: string;
  readonly host: string;
  readonly binary: string;
  /** Reported verbatim (after the OVS `firewall_driver` rule). */
  readonly configurations: Readonly<Record<string, unknown>>;
  /** Seconds to move the heartbeat back after registering; null = leave it. */
  readonly heartbeatAge: number | null;
  /** Admin state to set after registering; null = leave the default. */
  readonly adminStateUp: boolean | null;
}

/** A network: the create request (without ids) and its subnets' requests. */
export interface NetworkSpec {
  readonly name: string;
  readonly request: Readonly<Record<string, unknown>>;
  readonly subnets: readonly Readonly<Record<string, unknown>>[];
}

/** A port: its network's label, its explicit id (or null) and its wire attributes. */
export interface PortSpec {
  readonly name: string;
  readonly network: string;
  readonly id: string | null;
  /** Wire names only (`binding:host_id`, ...); aliases resolved. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** How an agent RPC names the device: the port id, or `tap` + its first 11 characters. */
export type DeviceStyle = 'id' | 'tap';

/** One step, checked and resolved. */
export type StepSpec =
  | {
      readonly op: 'update_port';
      readonly port: string;
      readonly attributes: Readonly<Record<string, unknown>>;
    }
  | { readonly op: 'unbind' | 'delete_port'; readonly port: string }
  | { readonly op: 'create_port'; readonly port: PortSpec }
  | { readonly op: 'create_network'; readonly network: NetworkSpec }
  | {
      readonly op: 'get_device_details' | 'update_device_up' | 'update_device_down';
      readonly port: string;
      readonly host: string | undefined;
      readonly deviceStyle: DeviceStyle;
    }
  | { readonly op: 'register_agent'; readonly agent: AgentSpec }
  | {
      readonly op: 'report_state';
      readonly agent: string;
      readonly configurations: Readonly<Record<string, unknown>> | null;
    }
  | { readonly op: 'kill_agent'; readonly agent: string; readonly heartbeatAge: number }
  | { readonly op: 'set_agent_admin_state'; readonly agent: string; readonly adminStateUp: boolean }
  | { readonly op: 'delete_agent'; readonly agent: string }
  | { readonly op: 'snapshot' };

/** A scenario checked and resolved, ready to run. */
export interface ParsedScenario {
  readonly name: string;
  readonly description: string;
  readonly config: ScenarioConfig;
  readonly agents: readonly AgentSpec[];
  readonly networks: readonly NetworkSpec[];
  readonly ports: readonly PortSpec[];
  readonly steps: readonly StepSpec[];
}

/** Port attributes a scenario may give, with their aliases. */
const PORT_ATTRIBUTE_ALIASES: Readonly<Record<string, string>> = {
  host: 'binding:host_id',
  vnic_type: 'binding:vnic_type',
  profile: 'binding:profile',
};
const PORT_CREATE_ATTRIBUTES = [
  'binding:host_id',
  'binding:vnic_type',
  'binding:profile',
  'device_owner',
  'device_id',
  'admin_state_up',
  'mac_address',
  'dns_name',
  'project_id',
];
const PORT_UPDATE_ATTRIBUTES = [
  'name',
  'binding:host_id',
  'binding:vnic_type',
  'binding:profile',
  'device_owner',
  'device_id',
  'admin_state_up',
  'mac_address',
  'dns_name',
];
const PROVIDER_KEYS = ['network_type', 'physical_network', 'segmentation_id'] as const;
const NETWORK_ATTRIBUTES = [
  'mtu',
  'admin_state_up',
  'router:external',
  'vlan_transparent',
  'project_id',
];

/**
 * Checks a scenario read from JSON and resolves it: aliases to wire names and agent types,
 * default binaries, the OVS `firewall_driver` rule, labels that steps refer to. Pure and
 * synchronous. `defaultName` is used when the scenario has no `name` (the file name).
 *
 * Throws `ScenarioError` naming the key for: a value of the wrong JSON type where the runner
 * needs it, an unknown `config` key, an unknown step `op`, a missing label, a label that is
 * declared twice in the same setup list, and a reference to a label nothing declares. Values
 * the engine validates (vnic types, CIDRs, ranges...) are passed on untouched: the engine's
 * answer to them is part of the result.
 */
export function parseScenario(input: unknown, defaultName?: string): ParsedScenario {
  const scenario = expectObject(input, '');
  const name = scenario.name ?? defaultName;
  if (typeof name !== 'string' || name === '') {
    throw new ScenarioError('name', 'a scenario needs a non-empty string name (or a file name)');
  }
  const description = optionalString(scenario.description, 'description') ?? '';
  const config = parseConfig(scenario.config);

  const agents = optionalArray(scenario.agents, 'agents').map((agent, i) =>
    parseAgent(agent, `agents[${i}]`),
  );
  const networks = optionalArray(scenario.networks, 'networks').map((network, i) =>
    parseNetwork(network, `networks[${i}]`),
  );
  const ports = optionalArray(scenario.ports, 'ports').map((port, i) =>
    parsePort(port, `ports[${i}]`),
  );
  rejectDuplicates(agents, 'agents');
  rejectDuplicates(networks, 'networks');
  rejectDuplicates(ports, 'ports');
  const steps = optionalArray(scenario.steps, 'steps').map((step, i) =>
    parseStep(step, `steps[${i}]`),
  );

  // A label must be declared before it is used: in setup, or by an earlier step.
  const labels = {
    agent: new Set(agents.map((agent) => agent.name)),
    network: new Set(networks.map((network) => network.name)),
    port: new Set(ports.map((port) => port.name)),
  };
  const requireLabel = (kind: keyof typeof labels, label: string, key: string) => {
    if (!labels[kind].has(label)) {
      const known = [...labels[kind]].join(', ') || 'none';
      throw new ScenarioError(
        key,
        `no ${kind} named '${label}' is declared in setup or by an earlier step (${kind}s: ${known})`,
      );
    }
  };
  ports.forEach((port, i) => requireLabel('network', port.network, `ports[${i}].network`));
  steps.forEach((step, i) => {
    const key = `steps[${i}]`;
    if (step.op === 'create_port') {
      requireLabel('network', step.port.network, `${key}.port.network`);
      labels.port.add(step.port.name);
    } else if (step.op === 'create_network') {
      labels.network.add(step.network.name);
    } else if (step.op === 'register_agent') {
      labels.agent.add(step.agent.name);
    } else if ('port' in step) {
      requireLabel('port', step.port, `${key}.port`);
    } else if ('agent' in step) {
      requireLabel('agent', step.agent, `${key}.agent`);
    }
  });
  return { name, description, config, agents, networks, ports, steps };
}

function parseConfig(value: unknown): ScenarioConfig {
  if (value === undefined) return {};
  const config = expectObject(value, 'config');
  for (const key of Object.keys(config)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      throw new ScenarioError(
        `config.${key}`,
        `unknown configuration key; known keys: ${CONFIG_KEYS.join(', ')}`,
      );
    }
  }
  const drivers = config.mechanism_drivers;
  if (
    drivers !== undefined &&
    (!Array.isArray(drivers) || !drivers.every((driver) => typeof driver === 'string'))
  ) {
    throw new ScenarioError('config.mechanism_drivers', 'must be a list of driver names');
  }
  if (config.overrides !== undefined) expectObject(config.overrides, 'config.overrides');
  return config as ScenarioConfig;
}

/** Parses one agent declaration (`agents[i]`, or the `agent` of a `register_agent` step). */
function parseAgent(value: unknown, key: string): AgentSpec {
  const agent = expectObject(value, key);
  const name = expectString(agent.name, `${key}.name`);
  const declaredType = expectString(agent.agent_type, `${key}.agent_type`);
  const agentType = AGENT_TYPE_ALIASES[declaredType] ?? declaredType;
  const host = expectString(agent.host, `${key}.host`);
  const binary = optionalString(agent.binary, `${key}.binary`) ?? AGENT_BINARIES[agentType];
  if (binary === undefined) {
    throw new ScenarioError(
      `${key}.binary`,
      `agent type '${agentType}' has no default binary; give one`,
    );
  }
  const configurations = {
    ...(agent.configurations === undefined
      ? {}
      : expectObject(agent.configurations, `${key}.configurations`)),
  };
  const firewallDriver = optionalString(agent.firewall_driver, `${key}.firewall_driver`);
  if (
    firewallDriver !== undefined &&
    agentType === AgentType.OVS &&
    configurations.ovs_hybrid_plug === undefined
  ) {
    configurations.ovs_hybrid_plug = firewallDriver === 'iptables_hybrid';
  }
  const alive = optionalBoolean(agent.alive, `${key}.alive`);
  const age = optionalSeconds(agent.heartbeat_age, `${key}.heartbeat_age`);
  return {
    name,
    agentType,
    host,
    binary,
    configurations,
    heartbeatAge: age ?? (alive === false ? DEAD_AGENT_HEARTBEAT_AGE : null),
    adminStateUp: optionalBoolean(agent.admin_state_up, `${key}.admin_state_up`) ?? null,
  };
}

/** Parses one network (`networks[i]`, or the `network` of a `create_network` step). */
function parseNetwork(value: unknown, key: string): NetworkSpec {
  const network = expectObject(value, key);
  const name = expectString(network.name, `${key}.name`);
  const request: Record<string, unknown> = { name, ...providerAttributes(network) };
  for (const attribute of NETWORK_ATTRIBUTES) {
    if (network[attribute] !== undefined) request[attribute] = network[attribute];
  }
  if (network.segments !== undefined) {
    request.segments = expectArray(network.segments, `${key}.segments`).map((segment, i) =>
      providerAttributes(expectObject(segment, `${key}.segments[${i}]`)),
    );
  }
  const subnets = optionalArray(network.subnets, `${key}.subnets`).map((subnet, i) => {
    const entry = expectObject(subnet, `${key}.subnets[${i}]`);
    const request: Record<string, unknown> = { cidr: entry.cidr };
    if (entry.enable_dhcp !== undefined) request.enable_dhcp = entry.enable_dhcp;
    if (entry.name !== undefined) request.name = entry.name;
    return request;
  });
  return { name, request, subnets };
}

/** `provider:` attributes from long or short keys (the long one wins). */
function providerAttributes(source: Record<string, unknown>): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const short of PROVIDER_KEYS) {
    const value =
      source[`provider:${short}`] !== undefined ? source[`provider:${short}`] : source[short];
    if (value !== undefined) attributes[`provider:${short}`] = value;
  }
  return attributes;
}

/** Parses one port (`ports[i]`, or the `port` of a `create_port` step). */
function parsePort(value: unknown, key: string): PortSpec {
  const port = expectObject(value, key);
  const name = expectString(port.name, `${key}.name`);
  const network = expectString(port.network, `${key}.network`);
  const id = optionalString(port.id, `${key}.id`) ?? null;
  return { name, network, id, attributes: portAttributes(port, PORT_CREATE_ATTRIBUTES) };
}

/** The wire attributes among `source`'s keys, aliases resolved (a wire name beats its alias). */
function portAttributes(
  source: Record<string, unknown>,
  allowed: readonly string[],
): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [alias, wire] of Object.entries(PORT_ATTRIBUTE_ALIASES)) {
    if (source[alias] !== undefined && allowed.includes(wire)) attributes[wire] = source[alias];
  }
  for (const wire of allowed) {
    if (source[wire] !== undefined) attributes[wire] = source[wire];
  }
  return attributes;
}

function parseStep(value: unknown, key: string): StepSpec {
  const step = expectObject(value, key);
  const op = step.op;
  if (typeof op !== 'string' || !(STEP_OPERATIONS as readonly string[]).includes(op)) {
    throw new ScenarioError(
      `${key}.op`,
      `unknown operation ${JSON.stringify(op)}; known: ${STEP_OPERATIONS.join(', ')}`,
    );
  }
  const operation = op as StepOperation;
  switch (operation) {
    case 'update_port': {
      const port = expectString(step.port, `${key}.port`);
      const nested = step.attrs === undefined ? {} : expectObject(step.attrs, `${key}.attrs`);
      return {
        op: operation,
        port,
        attributes: {
          ...portAttributes(step, PORT_UPDATE_ATTRIBUTES),
          ...portAttributes(nested, PORT_UPDATE_ATTRIBUTES),
        },
      };
    }
    case 'unbind':
    case 'delete_port':
      return { op: operation, port: expectString(step.port, `${key}.port`) };
    case 'create_port':
      return { op: operation, port: parsePort(step.port, `${key}.port`) };
    case 'create_network':
      return { op: operation, network: parseNetwork(step.network, `${key}.network`) };
    case 'get_device_details':
    case 'update_device_up':
    case 'update_device_down': {
      const style = optionalString(step.device_style, `${key}.device_style`) ?? 'id';
      if (style !== 'id' && style !== 'tap') {
        throw new ScenarioError(
          `${key}.device_style`,
          `must be "tap" or "id", not ${JSON.stringify(style)}`,
        );
      }
      return {
        op: operation,
        port: expectString(step.port, `${key}.port`),
        host: optionalHost(step.host, `${key}.host`),
        deviceStyle: style,
      };
    }
    case 'register_agent':
      return { op: operation, agent: parseAgent(step.agent, `${key}.agent`) };
    case 'report_state':
      return {
        op: operation,
        agent: expectString(step.agent, `${key}.agent`),
        configurations:
          step.configurations === undefined
            ? null
            : expectObject(step.configurations, `${key}.configurations`),
      };
    case 'kill_agent':
      return {
        op: operation,
        agent: expectString(step.agent, `${key}.agent`),
        heartbeatAge:
          optionalSeconds(step.heartbeat_age, `${key}.heartbeat_age`) ?? DEAD_AGENT_HEARTBEAT_AGE,
      };
    case 'set_agent_admin_state': {
      const adminStateUp = optionalBoolean(step.admin_state_up, `${key}.admin_state_up`);
      if (adminStateUp === undefined) {
        throw new ScenarioError(`${key}.admin_state_up`, 'must be true or false');
      }
      return { op: operation, agent: expectString(step.agent, `${key}.agent`), adminStateUp };
    }
    case 'delete_agent':
      return { op: operation, agent: expectString(step.agent, `${key}.agent`) };
    case 'snapshot':
      return { op: operation };
  }
}

function rejectDuplicates(entries: readonly { name: string }[], key: string): void {
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    if (seen.has(entry.name)) {
      throw new ScenarioError(
        `${key}[${i}].name`,
        `the label '${entry.name}' is used twice in ${key}`,
      );
    }
    seen.add(entry.name);
  });
}

function expectObject(value: unknown, key: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ScenarioError(key, `must be a JSON object, not ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function expectArray(value: unknown, key: string): unknown[] {
  if (!Array.isArray(value)) throw new ScenarioError(key, `must be a list, not ${describe(value)}`);
  return value;
}

function optionalArray(value: unknown, key: string): unknown[] {
  return value === undefined ? [] : expectArray(value, key);
}

function expectString(value: unknown, key: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new ScenarioError(key, `must be a non-empty string, not ${describe(value)}`);
  }
  return value;
}

function optionalString(value: unknown, key: string): string | undefined {
  return value === undefined ? undefined : expectString(value, key);
}

/** An RPC's host: a string, possibly empty (an empty host means "any host"). */
function optionalHost(value: unknown, key: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new ScenarioError(key, `must be a host name, not ${describe(value)}`);
}

function optionalBoolean(value: unknown, key: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean')
    throw new ScenarioError(key, `must be true or false, not ${describe(value)}`);
  return value;
}

function optionalSeconds(value: unknown, key: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ScenarioError(key, `must be a number of seconds >= 0, not ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  return JSON.stringify(value);
}
