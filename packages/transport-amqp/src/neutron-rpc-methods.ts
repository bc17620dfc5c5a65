import {
  type AgentServerMethod,
  type AgentStateReport,
  type BulkPullRequest,
  type DeviceListUpdate,
  type DeviceReference,
  type DeviceRequest,
  deviceRequestOf,
  type DevicesDetailsListRequest,
  type NetworkDetailsRequest,
  type ReportStateRequest,
  type SecurityGroupDevicesRequest,
  type TunnelSyncRequest,
  VERSIONED_RESOURCE_VERSIONS,
} from '@ml2ts/agent-rpc';
import { BadRequest } from '@ml2ts/driver-api';
import { formatAgentTime } from './oslo-context';

/** The topics and versions of Neutron's agent RPC, as its Zed server and agents use them. */
export const NeutronTopic = {
  /** The ML2 plugin's calls: device details and status, tunnels, networks, resources. */
  PLUGIN: 'q-plugin',
  /** The agents' heartbeats (`report_state`). */
  REPORTS: 'q-reports-plugin',
  /** The prefix of every topic the server fans notifications out on. */
  AGENT_NOTIFIER: 'q-agent-notifier',
} as const;

/** The version each server endpoint speaks (requests at a lower minor are served too). */
export const NeutronEndpointVersion = {
  /** The ML2 plugin's callbacks: device details, device status, `tunnel_sync`, networks. */
  PLUGIN: '1.9',
  /** `report_state` and `has_alive_neutron_server`. */
  AGENT_STATE: '1.2',
  /** `pull` and `bulk_pull` of versioned objects. */
  RESOURCES_PULL: '1.1',
  /** The agents' receiver of versioned-object `push`es. */
  RESOURCES_PUSH: '1.1',
  /** What an L2 agent's notification endpoint speaks (port, network, binding, tunnel, groups). */
  AGENT_NOTIFICATIONS: '1.7',
  /** The security group callbacks: `security_group_rules_for_devices` and `_info_for_devices`. */
  SECURITY_GROUPS: '1.3',
} as const;

/** The topic `<prefix>-<resource>-<operation>` a notifier fans one kind of event out on. Pure. */
export function agentNotifierTopic(resource: string, operation: string): string {
  return `${NeutronTopic.AGENT_NOTIFIER}-${resource}-${operation}`;
}

/** The topic versioned objects of one type and version are pushed on: `neutron-vo-Port-1.7`. Pure. */
export function resourceTopic(resourceType: string, version: string): string {
  return `neutron-vo-${resourceType}-${version}`;
}

/**
 * The wire method of ml2ts's `describeDevice`, which Neutron lacks (its OVS agent builds the
 * same view from its resource cache): served by ml2ts servers next to the ML2 plugin's methods,
 * refused with `NoSuchMethod` by a Python server.
 */
export const DESCRIBE_DEVICE_METHOD = 'describe_device';

/** One `AgentServerApi` method as it crosses the bus. */
export interface NeutronMethod {
  /** The `AgentServerApi` method. */
  readonly method: AgentServerMethod;
  /** Its name on the wire. */
  readonly wireMethod: string;
  /** The topic an agent calls it on. */
  readonly topic: string;
  /** The version an agent calls it at (what Neutron's own agents send). */
  readonly version: string;
  /** Agent side: the ml2ts request as the method's keyword arguments. Pure; throws nothing. */
  toWire(request: unknown, now: Date): Record<string, unknown>;
  /** Server side: the keyword arguments as the ml2ts request; throws `BadRequest` (400). */
  fromWire(args: Record<string, unknown>): unknown;
  /** Agent side: the reply's result as the ml2ts result. Pure. */
  resultFromWire(result: unknown): unknown;
}

/** Every `AgentServerApi` method, by name: its wire name, topic, version and conversions. */
export const NEUTRON_METHODS: Readonly<Record<AgentServerMethod, NeutronMethod>> = {
  reportState: {
    method: 'reportState',
    wireMethod: 'report_state',
    topic: NeutronTopic.REPORTS,
    version: NeutronEndpointVersion.AGENT_STATE,
    toWire: (request, now) => {
      const { agent_state, time } = (request ?? {}) as Partial<ReportStateRequest>;
      return {
        agent_state: { agent_state: agent_state ?? {} },
        time: typeof time === 'string' ? time : formatAgentTime(now),
      };
    },
    fromWire: (args): ReportStateRequest => {
      const outer = args.agent_state;
      const inner = isObject(outer) ? outer.agent_state : undefined;
      if (!isObject(inner)) {
        throw new BadRequest('report_state', 'agent_state must be {"agent_state": {...}}');
      }
      const request: ReportStateRequest = { agent_state: inner as unknown as AgentStateReport };
      if (typeof args.time === 'string') request.time = args.time;
      return request;
    },
    resultFromWire: (result) => result,
  },
  getDeviceDetails: deviceMethod('getDeviceDetails', 'get_device_details'),
  describeDevice: deviceMethod('describeDevice', DESCRIBE_DEVICE_METHOD),
  getDevicesDetailsList: {
    method: 'getDevicesDetailsList',
    // ml2ts's answer lists the failed devices, as this method of Neutron's does.
    wireMethod: 'get_devices_details_list_and_failed_devices',
    topic: NeutronTopic.PLUGIN,
    version: '1.5',
    toWire: (request) => {
      const { devices, agent_id, host } = (request ?? {}) as Partial<DevicesDetailsListRequest>;
      return {
        devices: (devices ?? []).map(deviceToWire),
        agent_id: agent_id ?? null,
        host: host ?? null,
      };
    },
    fromWire: (args) => devicesListFromWire(args),
    resultFromWire: (result) => result,
  },
  updateDeviceUp: {
    ...deviceMethod('updateDeviceUp', 'update_device_up'),
    resultFromWire: () => undefined,
  },
  updateDeviceDown: deviceMethod('updateDeviceDown', 'update_device_down'),
  updateDeviceList: {
    method: 'updateDeviceList',
    wireMethod: 'update_device_list',
    topic: NeutronTopic.PLUGIN,
    version: NeutronEndpointVersion.PLUGIN,
    toWire: (request) => {
      const update = (request ?? {}) as Partial<DeviceListUpdate>;
      return {
        devices_up: (update.devices_up ?? []).map(deviceToWire),
        devices_down: (update.devices_down ?? []).map(deviceToWire),
        agent_id: update.agent_id ?? null,
        host: update.host ?? null,
        refresh_tunnels: update.refresh_tunnels ?? false,
      };
    },
    fromWire: (args): DeviceListUpdate => {
      const update: DeviceListUpdate = {
        devices_up: listOf(args.devices_up, 'devices_up').map(deviceFromWire),
        devices_down: listOf(args.devices_down, 'devices_down').map(deviceFromWire),
      };
      setOptional(update, 'agent_id', args.agent_id);
      setOptional(update, 'host', args.host);
      // Agents older than RPC 1.8 called it agent_restarted.
      const refresh = args.refresh_tunnels ?? args.agent_restarted;
      if (typeof refresh === 'boolean') update.refresh_tunnels = refresh;
      return update;
    },
    resultFromWire: (result) => result,
  },
  tunnelSync: {
    method: 'tunnelSync',
    wireMethod: 'tunnel_sync',
    topic: NeutronTopic.PLUGIN,
    version: '1.4',
    toWire: (request) => {
      const sync = (request ?? {}) as Partial<TunnelSyncRequest>;
      const args: Record<string, unknown> = {
        tunnel_ip: sync.tunnel_ip ?? null,
        tunnel_type: sync.tunnel_type ?? null,
        host: sync.host ?? null,
      };
      if (sync.udp_port !== undefined) args.udp_port = sync.udp_port;
      return args;
    },
    fromWire: (args): TunnelSyncRequest => {
      const sync = {
        tunnel_ip: typeof args.tunnel_ip === 'string' ? args.tunnel_ip : '',
        tunnel_type: typeof args.tunnel_type === 'string' ? args.tunnel_type : '',
      } as TunnelSyncRequest;
      setOptional(sync, 'host', args.host);
      if (typeof args.udp_port === 'number') sync.udp_port = args.udp_port;
      return sync;
    },
    resultFromWire: (result) => result,
  },
  getNetworkDetails: {
    method: 'getNetworkDetails',
    wireMethod: 'get_network_details',
    topic: NeutronTopic.PLUGIN,
    version: '1.6',
    toWire: (request) => {
      const { network, agent_id, host } = (request ?? {}) as Partial<NetworkDetailsRequest>;
      return { network: network ?? null, agent_id: agent_id ?? null, host: host ?? null };
    },
    fromWire: (args): NetworkDetailsRequest => {
      if (typeof args.network !== 'string') {
        throw new BadRequest('get_network_details', 'network must be a network id');
      }
      const request: NetworkDetailsRequest = { network: args.network };
      setOptional(request, 'agent_id', args.agent_id);
      setOptional(request, 'host', args.host);
      return request;
    },
    resultFromWire: (result) => result,
  },
  bulkPull: {
    method: 'bulkPull',
    wireMethod: 'bulk_pull',
    topic: NeutronTopic.PLUGIN,
    version: NeutronEndpointVersion.RESOURCES_PULL,
    toWire: (request) => {
      const pull = (request ?? {}) as Partial<BulkPullRequest>;
      const type = pull.resource_type ?? '';
      const known = (VERSIONED_RESOURCE_VERSIONS as Record<string, string>)[type];
      return {
        resource_type: type,
        version: pull.version ?? known ?? '1.0',
        filter_kwargs: pull.filter_kwargs ?? null,
      };
    },
    fromWire: (args): BulkPullRequest => {
      if (typeof args.resource_type !== 'string') {
        throw new BadRequest('bulk_pull', 'resource_type must be a resource type name');
      }
      const request: BulkPullRequest = { resource_type: args.resource_type };
      if (typeof args.version === 'string') request.version = args.version;
      if (isObject(args.filter_kwargs)) request.filter_kwargs = args.filter_kwargs;
      return request;
    },
    resultFromWire: (result) => result,
  },
  securityGroupRulesForDevices: {
    method: 'securityGroupRulesForDevices',
    wireMethod: 'security_group_rules_for_devices',
    topic: NeutronTopic.PLUGIN,
    // What Neutron's agents call it at; the endpoint serves up to 1.3.
    version: '1.1',
    toWire: (request) => ({ devices: devicesToWire(request) }),
    fromWire: (args) => securityGroupDevicesFromWire('security_group_rules_for_devices', args),
    resultFromWire: (result) => result,
  },
  securityGroupInfoForDevices: {
    method: 'securityGroupInfoForDevices',
    wireMethod: 'security_group_info_for_devices',
    topic: NeutronTopic.PLUGIN,
    version: NeutronEndpointVersion.SECURITY_GROUPS,
    toWire: (request) => ({
      devices: devicesToWire(request),
      call_version: SECURITY_GROUP_INFO_CALL_VERSION,
    }),
    fromWire: (args) => securityGroupDevicesFromWire('security_group_info_for_devices', args),
    resultFromWire: (result) => result,
  },
};

/**
 * The version of `security_group_info_for_devices`'s answer an agent asks for with
 * `call_version`: from 1.3 on the member addresses are `[ip, mac]` pairs, before that plain
 * addresses (what Neutron assumes of an agent that sends none).
 */
export const SECURITY_GROUP_INFO_CALL_VERSION = '1.3';

/** The `NeutronMethod` of an `AgentServerApi` method name; undefined for any other name. Pure. */
export function neutronMethodOf(method: string): NeutronMethod | undefined {
  return Object.hasOwn(NEUTRON_METHODS, method)
    ? NEUTRON_METHODS[method as AgentServerMethod]
    : undefined;
}

/** A method taking one device (`device`, `agent_id`, `host`) on the plugin topic at 1.9. */
function deviceMethod(method: AgentServerMethod, wireMethod: string): NeutronMethod {
  return {
    method,
    wireMethod,
    topic: NeutronTopic.PLUGIN,
    version: NeutronEndpointVersion.PLUGIN,
    toWire: (request) => {
      const device = (request ?? {}) as Partial<DeviceRequest>;
      return {
        device: deviceToWire(
          device.pci_slot
            ? { device: device.device ?? '', pci_slot: device.pci_slot }
            : (device.device ?? ''),
        ),
        agent_id: device.agent_id ?? null,
        host: device.host ?? null,
      };
    },
    fromWire: (args) => deviceRequestFromWire(args),
    resultFromWire: (result) => result,
  };
}

/**
 * A device reference as Neutron's agents send it: the name, or `[mac, pci_slot]` for an SR-IOV
 * VF. Pure.
 */
export function deviceToWire(reference: DeviceReference): unknown {
  if (typeof reference === 'string') return reference;
  return reference.pci_slot ? [reference.device, reference.pci_slot] : reference.device;
}

/**
 * A device reference off the wire: a name, `[mac, pci_slot]`, or `{device, pci_slot}`. Pure;
 * throws `BadRequest` for anything else.
 */
export function deviceFromWire(value: unknown): DeviceReference {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') {
    return typeof value[1] === 'string' && value[1]
      ? { device: value[0], pci_slot: value[1] }
      : value[0];
  }
  if (isObject(value) && typeof value.device === 'string') {
    return typeof value.pci_slot === 'string' && value.pci_slot
      ? { device: value.device, pci_slot: value.pci_slot }
      : value.device;
  }
  throw new BadRequest('device', 'a device must be a name or [mac, pci_slot]');
}

/** `device`, `agent_id`, `host` off the wire as a `DeviceRequest`. Throws `BadRequest`. */
export function deviceRequestFromWire(args: Record<string, unknown>): DeviceRequest {
  return deviceRequestOf(
    deviceFromWire(args.device),
    optionalString(args.host),
    optionalString(args.agent_id),
  );
}

/** `devices`, `agent_id`, `host` off the wire as a `DevicesDetailsListRequest`. */
export function devicesListFromWire(args: Record<string, unknown>): DevicesDetailsListRequest {
  const request: DevicesDetailsListRequest = {
    devices: listOf(args.devices, 'devices').map(deviceFromWire),
  };
  setOptional(request, 'agent_id', args.agent_id);
  setOptional(request, 'host', args.host);
  return request;
}

/** The device names of a security group request, as the agents send them. Pure. */
function devicesToWire(request: unknown): string[] {
  const { devices } = (request ?? {}) as Partial<SecurityGroupDevicesRequest>;
  return [...(devices ?? [])];
}

/** `devices` off the wire: a list of names. Throws `BadRequest` naming `method` otherwise. */
function securityGroupDevicesFromWire(
  method: string,
  args: Record<string, unknown>,
): SecurityGroupDevicesRequest {
  const devices = args.devices ?? [];
  if (!Array.isArray(devices) || devices.some((device) => typeof device !== 'string')) {
    throw new BadRequest(method, 'devices must be a list of device names');
  }
  return { devices: devices as string[] };
}

function listOf(value: unknown, name: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new BadRequest('device list', `${name} must be a list`);
  return value;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function setOptional<T extends object>(target: T, key: keyof T & string, value: unknown): void {
  const text = optionalString(value);
  if (text !== undefined) (target as Record<string, unknown>)[key] = text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
