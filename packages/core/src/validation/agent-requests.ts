import {
  type AgentStateReport,
  type DeviceListUpdate,
  type DeviceReference,
  type DeviceRequest,
  type DevicesDetailsListRequest,
  type ReportStateRequest,
  type SecurityGroupDevicesRequest,
} from '@ml2ts/agent-rpc';
import { type AgentUpdateRequest, AttributeLimits, Limits } from '@ml2ts/driver-api';
import { jsonObjectRule, listRule, stringMapRule } from './collection-rules';
import { descriptionRule } from './common-attributes';
import { objectRule } from './object-rule';
import { invalidValue, type Rule } from './rule';
import { booleanRule, integerRule, nullable, stringRule } from './scalar-rules';

/**
 * An agent report as validation passes it on: `availability_zone` may be null (no zone),
 * `configurations` null (none, stored as `{}`).
 */
export type CheckedAgentState = Omit<AgentStateReport, 'availability_zone' | 'configurations'> & {
  availability_zone?: string | null;
  configurations?: Record<string, unknown> | null;
};

/** A device request as validation passes it on (`refresh_tunnels` is accepted and unused). */
export type CheckedDeviceRequest = DeviceRequest & { refresh_tunnels?: boolean };

const agentField = stringRule(AttributeLimits.AGENT_FIELD_MAX_LENGTH, { nonEmpty: true });

/**
 * The `agent_state` of `report_state`: `agent_type`, `binary`, `host` and `topic` non-empty
 * strings of at most 255 characters (required); `configurations` a JSON object whose canonical
 * JSON fits 4095 characters (null or absent: `{}`); `resource_versions` an object of string
 * versions whose JSON fits its 8191-character column; `availability_zone` a string or null;
 * `load` a non-negative 32-bit integer; `start_flag` a boolean; `uuid` (the report's id, for
 * logs) a string. Any other key is refused (400).
 */
export const agentStateRule: Rule<CheckedAgentState> = objectRule<CheckedAgentState>({
  resource: 'agent_state',
  fields: {
    agent_type: agentField,
    binary: agentField,
    host: stringRule(AttributeLimits.HOST_MAX_LENGTH, { nonEmpty: true }),
    topic: agentField,
    configurations: nullable(
      jsonObjectRule({ maxSerializedLength: Limits.MAX_AGENT_CONFIGURATIONS_LENGTH }),
    ),
    start_flag: booleanRule,
    resource_versions: stringMapRule({
      maxEntries: AttributeLimits.MAX_RESOURCE_VERSIONS_ENTRIES,
      maxFieldLength: AttributeLimits.RESOURCE_VERSION_FIELD_MAX_LENGTH,
      maxSerializedLength: AttributeLimits.MAX_RESOURCE_VERSIONS_LENGTH,
    }),
    availability_zone: nullable(stringRule(AttributeLimits.AGENT_FIELD_MAX_LENGTH)),
    load: integerRule(0, AttributeLimits.MAX_AGENT_LOAD),
    uuid: stringRule(AttributeLimits.AGENT_FIELD_MAX_LENGTH),
  },
  required: ['agent_type', 'binary', 'host', 'topic'],
});

/** The agent's own clock sent with a report (parsed later; here only its size and type). */
export const agentTimeRule: Rule<string> = stringRule(AttributeLimits.AGENT_TIME_MAX_LENGTH);

/**
 * The request of `get_device_details`, `describe_device`, `update_device_up` and
 * `update_device_down`: `device` a non-empty string (required), `agent_id` and `host` strings
 * (an empty host means any host), `pci_slot` a string, `refresh_tunnels` a boolean. Any other
 * key is refused (400).
 */
export const deviceRequestRule: Rule<CheckedDeviceRequest> = objectRule<CheckedDeviceRequest>({
  resource: 'device request',
  fields: {
    device: stringRule(AttributeLimits.DEVICE_MAX_LENGTH, { nonEmpty: true }),
    agent_id: stringRule(AttributeLimits.AGENT_FIELD_MAX_LENGTH),
    host: stringRule(AttributeLimits.HOST_MAX_LENGTH),
    pci_slot: stringRule(AttributeLimits.PCI_SLOT_MAX_LENGTH),
    refresh_tunnels: booleanRule,
  },
  required: ['device'],
});

/** The filter of `agents.list`: `host` and `agentType`, strings. */
export const agentListFilterRule: Rule<{ host?: string; agentType?: string }> = objectRule<{
  host?: string;
  agentType?: string;
}>({
  resource: 'agent filter',
  fields: {
    host: stringRule(AttributeLimits.HOST_MAX_LENGTH),
    agentType: stringRule(AttributeLimits.AGENT_FIELD_MAX_LENGTH),
  },
});

/**
 * The request of `agents.update`: `admin_state_up` (a boolean) and `description` (a string of at
 * most 255 characters, or null). The agent's other attributes are refused as not updatable
 * (400); any other key as unknown.
 */
export const agentUpdateRule: Rule<AgentUpdateRequest> = objectRule<AgentUpdateRequest>({
  resource: 'agent',
  fields: {
    admin_state_up: booleanRule,
    description: nullable(descriptionRule),
  },
  notUpdatable: [
    'id',
    'agent_type',
    'binary',
    'topic',
    'host',
    'availability_zone',
    'configurations',
    'load',
    'resources_synced',
  ],
  readOnly: ['alive', 'created_at', 'started_at', 'heartbeat_timestamp'],
});

const deviceNameRule = stringRule(AttributeLimits.DEVICE_MAX_LENGTH, { nonEmpty: true });

const deviceObjectRule = objectRule<{ device: string; pci_slot?: string }>({
  resource: 'device',
  fields: {
    device: deviceNameRule,
    pci_slot: stringRule(AttributeLimits.PCI_SLOT_MAX_LENGTH),
  },
  required: ['device'],
});

/** One device of a bulk call: its name, or `{device, pci_slot}` (SR-IOV agents). */
export const deviceReferenceRule: Rule<DeviceReference> = {
  expected: `${deviceNameRule.expected}, or an object with device and pci_slot`,
  check(value, path) {
    if (typeof value === 'string') return deviceNameRule.check(value, path);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return deviceObjectRule.check(value, path);
    }
    throw invalidValue(path, this.expected, value);
  },
};

const deviceReferencesRule = listRule(deviceReferenceRule, AttributeLimits.MAX_DEVICES_PER_CALL);

/** The request of `report_state` as the agent API carries it: `agent_state` and `time`. */
export const reportStateRequestRule: Rule<ReportStateRequest> = objectRule<ReportStateRequest>({
  resource: 'report_state request',
  fields: {
    agent_state: agentStateRule as Rule<AgentStateReport>,
    time: agentTimeRule,
  },
  required: ['agent_state'],
});

/** The request of `get_devices_details_list`: `devices` (required), `agent_id`, `host`. */
export const devicesDetailsListRule: Rule<DevicesDetailsListRequest> =
  objectRule<DevicesDetailsListRequest>({
    resource: 'get_devices_details_list request',
    fields: {
      devices: deviceReferencesRule,
      agent_id: stringRule(AttributeLimits.AGENT_FIELD_MAX_LENGTH),
      host: stringRule(AttributeLimits.HOST_MAX_LENGTH),
    },
    required: ['devices'],
  });

/**
 * The request of `update_device_list`: `devices_up`, `devices_down`, `agent_id`, `host`,
 * `refresh_tunnels`.
 */
export const deviceListUpdateRule: Rule<DeviceListUpdate> = objectRule<DeviceListUpdate>({
  resource: 'update_device_list request',
  fields: {
    devices_up: deviceReferencesRule,
    devices_down: deviceReferencesRule,
    agent_id: stringRule(AttributeLimits.AGENT_FIELD_MAX_LENGTH),
    host: stringRule(AttributeLimits.HOST_MAX_LENGTH),
    refresh_tunnels: booleanRule,
  },
});

/**
 * The request of `security_group_rules_for_devices` and `security_group_info_for_devices`:
 * `devices` (required), a list of at most 65536 device names, each a non-empty string of at
 * most 255 characters. Any other key is refused (400).
 */
export const securityGroupDevicesRule: Rule<SecurityGroupDevicesRequest> =
  objectRule<SecurityGroupDevicesRequest>({
    resource: 'security group devices request',
    fields: {
      devices: listRule(deviceNameRule, AttributeLimits.MAX_DEVICES_PER_CALL),
    },
    required: ['devices'],
  });
