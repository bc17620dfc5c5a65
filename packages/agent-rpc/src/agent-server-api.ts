import { type ReportStateResult } from '@ml2ts/driver-api';
import { type AgentStateReport } from './agent-state-report';
import { type DeviceDetails } from './device-details';
import { type DeviceRequest } from './device-request';
import {
  type SecurityGroupDevicesRequest,
  type SecurityGroupInfo,
  type SecurityGroupRulesForDevices,
} from './security-group-info';
import { type TunnelSyncRequest, type TunnelSyncResult } from './tunnel-endpoint';
import { type VersionedObjectPrimitive } from './versioned-object';

/**
 * A device in a bulk request: its name as the agent knows it (a port id, `tap<id prefix>`, a MAC
 * address), or, for SR-IOV agents, the MAC address with the VF's PCI slot.
 */
export type DeviceReference = string | { device: string; pci_slot?: string };

/** `report_state`: the agent's state and its own UTC clock (`%Y-%m-%dT%H:%M:%S.%f`). */
export interface ReportStateRequest {
  agent_state: AgentStateReport;
  /** The agent's clock; drives the stale-report drop and the start-up skew warning only. */
  time?: string;
}

/** `get_devices_details_list`: the devices one agent asks about. */
export interface DevicesDetailsListRequest {
  devices: readonly DeviceReference[];
  agent_id?: string;
  /** The agent's host; empty or absent means "any". */
  host?: string;
}

/** The answer to `get_devices_details_list`: details per device, and the devices that failed. */
export interface DevicesDetailsList {
  devices: DeviceDetails[];
  /** Names (the `device` strings) of the devices whose lookup threw. */
  failed_devices: string[];
}

/** `update_device_list`: devices that came up and devices that went down, in one call. */
export interface DeviceListUpdate {
  devices_up?: readonly DeviceReference[];
  devices_down?: readonly DeviceReference[];
  agent_id?: string;
  host?: string;
  /** OVS agents set it on their first loop iteration; the server ignores it (no l2population). */
  refresh_tunnels?: boolean;
}

/** The answer to `update_device_list`, by device name. */
export interface DeviceListResult {
  devices_up: string[];
  failed_devices_up: string[];
  /** Per device reported down: whether a port matched it (as `updateDeviceDown` answers). */
  devices_down: DeviceDownResult[];
  failed_devices_down: string[];
}

/** The answer to `update_device_down`. */
export interface DeviceDownResult {
  device: string;
  /** False when no port matches the device. */
  exists: boolean;
}

/** `get_network_details`: the network as the API shows it, for the agent on `host`. */
export interface NetworkDetailsRequest {
  /** The network id. */
  network: string;
  agent_id?: string;
  host?: string;
}

/**
 * `bulk_pull`: the current versioned objects of one resource type that match a filter. Neutron's
 * OVS agent fills its resource cache with it: ports by `id`, networks by `id`, security groups by
 * `id`, rules by `security_group_id`, subnets by `network_id` or `id`.
 */
export interface BulkPullRequest {
  /** `Port`, `Network`, `Subnet`, `SecurityGroup` or `SecurityGroupRule`. */
  resource_type: string;
  /** The object version the agent caches; answered at ml2ts's version of that type. */
  version?: string;
  /** Field name to the list of accepted values (or one value); all must match. Empty: all. */
  filter_kwargs?: Record<string, unknown>;
}

/**
 * Everything an L2 agent may ask of the server, as one interface. Each
 * method takes one JSON-serializable request and answers a JSON-serializable result, so that a
 * transport can carry it over a message bus unchanged. Implementations run their own units of
 * work (never call them inside one); they may block on the database. A throw is a server error:
 * across a transport it arrives as a `RemoteCallError` carrying the error's type and status.
 */
export interface AgentServerApi {
  /** Heartbeat: `new`, `alive`, `revived`, or null when the report was stale and ignored. */
  reportState(request: ReportStateRequest): Promise<ReportStateResult | null>;
  /**
   * Details of one device for classic agents: may bind the port, and from the bound host (or
   * without a host) moves it to `BUILD` (`DOWN` when admin down).
   */
  getDeviceDetails(request: DeviceRequest): Promise<DeviceDetails>;
  /**
   * The same details as the OVS agent's resource cache holds them: read-only, never binds and
   * never changes the status (Neutron's OVS agent reads its own cache instead of asking the
   * server, so OVS ports never pass through `BUILD`).
   */
  describeDevice(request: DeviceRequest): Promise<DeviceDetails>;
  /** `getDeviceDetails` per device; a device whose lookup throws is listed as failed. */
  getDevicesDetailsList(request: DevicesDetailsListRequest): Promise<DevicesDetailsList>;
  /** The device is wired: clears the L2 provisioning block (the port may become `ACTIVE`). */
  updateDeviceUp(request: DeviceRequest): Promise<void>;
  /** The device is gone or admin down: the port goes `DOWN` when bound to this host. */
  updateDeviceDown(request: DeviceRequest): Promise<DeviceDownResult>;
  /** Up and down per device in one call; a device whose update throws is listed as failed. */
  updateDeviceList(request: DeviceListUpdate): Promise<DeviceListResult>;
  /**
   * `tunnel_sync`: records the agent's tunnel endpoint (replacing an older address of the same
   * host) and answers every endpoint of that tunnel type; the other agents hear of the new one by
   * a `tunnelUpdate` notification. A 400 for an address that is not an IP address or a type that
   * is not a tunnel type; a 409 when another host already holds the address.
   */
  tunnelSync(request: TunnelSyncRequest): Promise<TunnelSyncResult>;
  /** `get_network_details`: the network's API attributes; 404 `NetworkNotFound` when gone. */
  getNetworkDetails(request: NetworkDetailsRequest): Promise<Record<string, unknown>>;
  /**
   * `bulk_pull`: the matching resources as versioned objects, read in one unit of work; an empty
   * list when none matches. A 400 for a resource type ml2ts does not serve.
   */
  bulkPull(request: BulkPullRequest): Promise<VersionedObjectPrimitive[]>;
  /**
   * `security_group_rules_for_devices`: each known device's port with the rules of its security
   * groups, remote groups resolved to their members' addresses, plus the DHCP and router
   * advertisement rules every port gets; by port id. Devices that match no port, and ports
   * owned by the network (`network:*`), are left out. Read in one unit of work; may block on
   * the database. A 400 for a request that is not a list of device names.
   */
  securityGroupRulesForDevices(
    request: SecurityGroupDevicesRequest,
  ): Promise<SecurityGroupRulesForDevices>;
  /**
   * `security_group_info_for_devices`: the same devices, with the rules of their groups once
   * per group and the member addresses of the remote groups those rules name, for agents that
   * resolve remote groups themselves. Left out, read and refused as
   * `securityGroupRulesForDevices`.
   */
  securityGroupInfoForDevices(request: SecurityGroupDevicesRequest): Promise<SecurityGroupInfo>;
}

/** The name of one `AgentServerApi` method: what a message-bus transport puts on the wire. */
export type AgentServerMethod = keyof AgentServerApi;

/** Every `AgentServerApi` method, for transports that dispatch by name. */
export const AGENT_SERVER_METHODS: readonly AgentServerMethod[] = [
  'reportState',
  'getDeviceDetails',
  'describeDevice',
  'getDevicesDetailsList',
  'updateDeviceUp',
  'updateDeviceDown',
  'updateDeviceList',
  'tunnelSync',
  'getNetworkDetails',
  'bulkPull',
  'securityGroupRulesForDevices',
  'securityGroupInfoForDevices',
];

/** Splits a device reference into its name and optional PCI slot. */
export function deviceRequestOf(
  reference: DeviceReference,
  host: string | undefined,
  agentId: string | undefined,
): DeviceRequest {
  const request: DeviceRequest =
    typeof reference === 'string'
      ? { device: reference }
      : { device: reference.device, pci_slot: reference.pci_slot };
  if (host !== undefined) request.host = host;
  if (agentId !== undefined) request.agent_id = agentId;
  if (request.pci_slot === undefined) delete request.pci_slot;
  return request;
}
