import { isIP } from 'node:net';
import { OVS_DATAPATH_TYPES, OVS_FIREWALL_DRIVERS } from '@ml2ts/agent';
import { ConfigurationError, NetworkType, TUNNEL_NETWORK_TYPES } from '@ml2ts/driver-api';
import { UsageError } from '../usage-error';
import { describeJson, isJsonObject, readAgentJsonFile } from './agent-file';

/** The agent types `ml2ts agent --type` runs. */
export const AGENT_COMMAND_TYPES = ['openvswitch', 'linuxbridge', 'sriov'] as const;

/** One of `AGENT_COMMAND_TYPES`. */
export type AgentCommandType = (typeof AGENT_COMMAND_TYPES)[number];

/** The integration bridge of the Open vSwitch agent unless `integration_bridge` names another. */
export const DEFAULT_INTEGRATION_BRIDGE = 'br-int';

/** What a `--config` file of `ml2ts agent` sets, validated. */
export interface AgentConfig {
  /** `transport_url`, when the file gives one. */
  readonly transportUrl?: string;
  /** `integration_bridge` (Open vSwitch): the name of the bridge the agent watches. */
  readonly integrationBridge?: string;
  /**
   * The options of the agent factory (`createOvsAgent`, ...) the file sets, by option name
   * (`reportInterval`, `bridgeMappings`, `tunnelingIp`, ...): only those given.
   */
  readonly options: Readonly<Record<string, unknown>>;
}

/** No file: every option at its default. */
export const EMPTY_AGENT_CONFIG: AgentConfig = { options: {} };

/** Thrown by a check: what the value must be. */
class Expected extends Error {}

/** Reads a value of one key: returns what the agent takes, or throws `Expected`. */
type Check = (value: unknown, type: AgentCommandType) => unknown;

/** One key of the file. */
interface ConfigKey {
  /** The agent types that take it. */
  readonly types: readonly AgentCommandType[];
  /** The factory option it sets; absent for what the command itself uses. */
  readonly option?: string;
  readonly check: Check;
}

const ALL = AGENT_COMMAND_TYPES;
const TUNNELLING: readonly AgentCommandType[] = ['openvswitch', 'linuxbridge'];

/** The longest duration a timer can wait, in seconds (about 24.8 days). */
const MAX_SECONDS = 2_147_483;

const seconds =
  (allowZero: boolean): Check =>
  (value) => {
    const valid =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (allowZero ? value >= 0 : value > 0) &&
      value <= MAX_SECONDS;
    if (!valid) {
      throw new Expected(
        `must be a number of seconds ${allowZero ? '>= 0' : '> 0'} and <= ${MAX_SECONDS}`,
      );
    }
    return value;
  };

const text: Check = (value) => {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Expected('must be a non-empty string');
  }
  return value;
};

const flag: Check = (value) => {
  if (typeof value !== 'boolean') throw new Expected('must be true or false');
  return value;
};

const textList: Check = (value) => {
  if (
    !Array.isArray(value) ||
    value.some((entry) => typeof entry !== 'string' || entry.trim() === '')
  ) {
    throw new Expected('must be a list of non-empty strings');
  }
  return [...new Set(value as string[])];
};

const choice =
  (allowed: readonly string[]): Check =>
  (value) => {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw new Expected(`must be one of ${allowed.join(', ')}`);
    }
    return value;
  };

const nameMapping =
  (what: string, example: string): Check =>
  (value) => {
    const valid =
      isJsonObject(value) &&
      Object.entries(value).every(
        ([physnet, name]) => physnet !== '' && typeof name === 'string' && name.trim() !== '',
      );
    if (!valid) {
      throw new Expected(
        `must be an object of physical network → ${what} name, such as {"physnet1": "${example}"}`,
      );
    }
    return { ...value };
  };

const deviceMappings: Check = (value) => {
  const valid =
    isJsonObject(value) &&
    Object.entries(value).every(
      ([physnet, devices]) =>
        physnet !== '' &&
        Array.isArray(devices) &&
        devices.length > 0 &&
        devices.every((device) => typeof device === 'string' && device.trim() !== ''),
    );
  if (!valid) {
    throw new Expected(
      'must be an object of physical network → non-empty list of physical function (NIC) ' +
        'names, such as {"physnet1": ["ens2f0"]}',
    );
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, string[]>).map(([physnet, pfs]) => [physnet, [...pfs]]),
  );
};

const tunnelTypes: Check = (value, type) => {
  const allowed = type === 'linuxbridge' ? [NetworkType.VXLAN] : TUNNEL_NETWORK_TYPES;
  if (!Array.isArray(value) || value.some((entry) => !allowed.includes(entry as string))) {
    throw new Expected(
      `must be a list drawn from ${allowed.join(', ')} (the tunnel types the ${type} agent carries)`,
    );
  }
  return [...new Set(value as string[])];
};

const ipAddress: Check = (value) => {
  if (typeof value !== 'string' || isIP(value) === 0) {
    throw new Expected('must be an IP address, such as 192.0.2.11 (the tunnel endpoint)');
  }
  return value;
};

/** Every key a `--config` file may hold, in the order the help text lists them. */
const CONFIG_KEYS: Readonly<Record<string, ConfigKey>> = {
  transport_url: { types: ALL, check: text },
  report_interval: { types: ALL, option: 'reportInterval', check: seconds(false) },
  agent_down_time: { types: ALL, option: 'agentDownTime', check: seconds(false) },
  initial_report_delay_max: { types: ALL, option: 'initialReportDelayMax', check: seconds(true) },
  report_jitter_max: { types: ALL, option: 'reportJitterMax', check: seconds(true) },
  polling_interval: { types: ALL, option: 'pollingInterval', check: seconds(false) },
  rpc_response_timeout: { types: ALL, option: 'callTimeout', check: seconds(false) },
  availability_zone: { types: ALL, option: 'availabilityZone', check: text },
  extensions: { types: ALL, option: 'extensions', check: textList },
  integration_bridge: { types: ['openvswitch'], check: text },
  bridge_mappings: {
    types: TUNNELLING,
    option: 'bridgeMappings',
    check: nameMapping('bridge', 'br-eth1'),
  },
  interface_mappings: {
    types: ['linuxbridge'],
    option: 'interfaceMappings',
    check: nameMapping('interface', 'eth1'),
  },
  device_mappings: { types: ['sriov'], option: 'deviceMappings', check: deviceMappings },
  tunnel_types: { types: TUNNELLING, option: 'tunnelTypes', check: tunnelTypes },
  local_ip: { types: TUNNELLING, option: 'tunnelingIp', check: ipAddress },
  datapath_type: {
    types: ['openvswitch'],
    option: 'datapathType',
    check: choice(OVS_DATAPATH_TYPES),
  },
  firewall_driver: {
    types: ['openvswitch'],
    option: 'firewallDriver',
    check: choice(OVS_FIREWALL_DRIVERS),
  },
  vhostuser_socket_dir: { types: ['openvswitch'], option: 'vhostuserSocketDir', check: text },
  l2_population: { types: TUNNELLING, option: 'l2Population', check: flag },
  baremetal_smartnic: { types: ['openvswitch'], option: 'baremetalSmartnic', check: flag },
};

/** The keys an agent of `type` takes, in help-text order. */
export function agentConfigKeys(type: AgentCommandType): string[] {
  return Object.entries(CONFIG_KEYS)
    .filter(([, key]) => key.types.includes(type))
    .map(([name]) => name);
}

/**
 * Reads the `--config FILE` of an agent of `type`: a JSON object of the keys the help text
 * lists (Neutron's option names). Blocks while the file is read. Throws `UsageError` naming the
 * file and the key at fault, with what it must be: the file cannot be read or is not a JSON
 * object, a key is unknown or belongs to another agent type, a value has the wrong type or
 * range, or `tunnel_types` is not empty without `local_ip`.
 */
export function readAgentConfigFile(file: string, type: AgentCommandType): AgentConfig {
  const parsed = readAgentJsonFile(
    file,
    '--config',
    'a JSON object of agent options, such as {"report_interval": 30}',
  );
  return checkAgentConfig(parsed, type, `--config ${file}`);
}

/**
 * Validates an agent configuration object (see `readAgentConfigFile`); `source` names it in
 * messages. Pure. Throws `UsageError` for anything wrong.
 */
export function checkAgentConfig(
  parsed: unknown,
  type: AgentCommandType,
  source: string,
): AgentConfig {
  if (!isJsonObject(parsed)) {
    throw new UsageError(
      `${source} must hold a JSON object of agent options, such as {"report_interval": 30}, ` +
        `not ${describeJson(parsed)}`,
    );
  }
  const options: Record<string, unknown> = {};
  let transportUrl: string | undefined;
  let integrationBridge: string | undefined;
  for (const [name, value] of Object.entries(parsed)) {
    const key = Object.prototype.hasOwnProperty.call(CONFIG_KEYS, name)
      ? CONFIG_KEYS[name]
      : undefined;
    if (!key) {
      throw new UsageError(
        `${source}: unknown key "${name}"; the ${type} agent takes ` +
          `${agentConfigKeys(type).join(', ')}` +
          (name === 'host' ? ' (its host is --host NAME)' : ''),
      );
    }
    if (!key.types.includes(type)) {
      throw new UsageError(
        `${source}: "${name}" is an option of the ${key.types.join(' and ')} agent` +
          `${key.types.length > 1 ? 's' : ''}, not of the ${type} agent`,
      );
    }
    let checked: unknown;
    try {
      checked = key.check(value, type);
    } catch (error) {
      if (!(error instanceof Expected)) throw error;
      throw new UsageError(`${source}: "${name}" ${error.message} (got ${describeJson(value)})`);
    }
    if (name === 'transport_url') transportUrl = checked as string;
    else if (name === 'integration_bridge') integrationBridge = checked as string;
    else options[key.option!] = checked;
  }
  const tunnels = options.tunnelTypes as string[] | undefined;
  if (tunnels !== undefined && tunnels.length > 0 && options.tunnelingIp === undefined) {
    throw new UsageError(
      `${source}: "local_ip" is required when "tunnel_types" is not empty: the tunnel ` +
        'endpoint, an IP address such as 192.0.2.11',
    );
  }
  return {
    ...(transportUrl !== undefined ? { transportUrl } : {}),
    ...(integrationBridge !== undefined ? { integrationBridge } : {}),
    options,
  };
}

/**
 * The `UsageError` for a `ConfigurationError` the agent factory threw for the options of
 * `source`: its option names (`reportInterval`, ...) become the file's keys (`report_interval`).
 */
export function configurationUsageError(error: ConfigurationError, source: string): UsageError {
  let message = error.message.replace(/^Invalid configuration: /, '');
  for (const [name, key] of Object.entries(CONFIG_KEYS)) {
    if (key.option) message = message.replace(new RegExp(`\\b${key.option}\\b`, 'g'), name);
  }
  return new UsageError(`${source}: ${message}`);
}
