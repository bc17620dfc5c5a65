import { type Logger, type ReportStateResult, silentLogger } from '@ml2ts/driver-api';
import { type AgentRpc } from '../ml2/agent-rpc';
import { type VersionedObjectReader } from './versioned-objects/versioned-object-reader';
import { type SecurityGroupInfoReader } from './security-group-info';
import { OPERATION_LOGGER, parameter, publicOperation } from '../ml2/public-operation';
import {
  deviceListUpdateRule,
  devicesDetailsListRule,
  reportStateRequestRule,
  securityGroupDevicesRule,
} from '../validation';
import {
  type AgentServerApi,
  type DeviceDetails,
  type DeviceDownResult,
  type DeviceListResult,
  type DeviceListUpdate,
  deviceRequestOf,
  type DevicesDetailsList,
  type DevicesDetailsListRequest,
  type DeviceRequest,
  type ReportStateRequest,
  type TunnelSyncRequest,
  type TunnelSyncResult,
  type NetworkDetailsRequest,
  type BulkPullRequest,
  type VersionedObjectPrimitive,
  type SecurityGroupDevicesRequest,
  type SecurityGroupInfo,
  type SecurityGroupRulesForDevices,
} from '@ml2ts/agent-rpc';

/**
 * The server side of the agent API: answers each call with the engine's agent RPC handlers
 * (`Ml2Plugin.rpc`). Transports put it behind their wire. Bulk calls run the per-device handler
 * for each device so that SR-IOV agents can send a PCI slot with each MAC address; a device whose
 * handler throws is listed as failed, the others still run. The requests of the calls it
 * answers itself (the `reportState` envelope, the bulk calls, the security group calls) are
 * checked before anything runs (400 naming the attribute); anything unforeseen is a 500
 * `InternalServerError`.
 */
export class PluginAgentServer implements AgentServerApi {
  /** The logger the operation guard reports unexpected errors to. */
  readonly [OPERATION_LOGGER]: Logger;

  private readonly rpc: AgentRpc;
  private readonly objects: VersionedObjectReader;
  private readonly securityGroups: SecurityGroupInfoReader;

  /**
   * Answers with `plugin`'s agent RPC handlers, its versioned objects and its security group
   * reader; `logger` receives the per-device failures of bulk calls.
   */
  constructor(
    plugin: {
      readonly rpc: AgentRpc;
      readonly versionedObjects: VersionedObjectReader;
      readonly securityGroupInfo: SecurityGroupInfoReader;
    },
    private readonly logger: Logger = silentLogger,
  ) {
    this.rpc = plugin.rpc;
    this.objects = plugin.versionedObjects;
    this.securityGroups = plugin.securityGroupInfo;
    this[OPERATION_LOGGER] = logger;
  }

  /** See `AgentServerApi.reportState`. */
  @publicOperation('report_state', parameter('', reportStateRequestRule))
  async reportState(request: ReportStateRequest): Promise<ReportStateResult | null> {
    return this.rpc.reportState(request.agent_state, request.time);
  }

  /** See `AgentServerApi.getDeviceDetails`; `AgentRpc` checks the request. */
  @publicOperation('get_device_details')
  async getDeviceDetails(request: DeviceRequest): Promise<DeviceDetails> {
    return this.rpc.getDeviceDetails(request);
  }

  /** See `AgentServerApi.describeDevice`; `AgentRpc` checks the request. */
  @publicOperation('describe_device')
  async describeDevice(request: DeviceRequest): Promise<DeviceDetails> {
    return this.rpc.describeDevice(request);
  }

  /** See `AgentServerApi.getDevicesDetailsList`. */
  @publicOperation('get_devices_details_list', parameter('', devicesDetailsListRule))
  async getDevicesDetailsList(request: DevicesDetailsListRequest): Promise<DevicesDetailsList> {
    const result: DevicesDetailsList = { devices: [], failed_devices: [] };
    for (const reference of request.devices) {
      const device = deviceRequestOf(reference, request.host, request.agent_id);
      try {
        result.devices.push(await this.rpc.getDeviceDetails(device));
      } catch (error) {
        this.logger.error('get_device_details failed', {
          device: device.device,
          error: String(error),
        });
        result.failed_devices.push(device.device);
      }
    }
    return result;
  }

  /** See `AgentServerApi.updateDeviceUp`; `AgentRpc` checks the request. */
  @publicOperation('update_device_up')
  async updateDeviceUp(request: DeviceRequest): Promise<void> {
    return this.rpc.updateDeviceUp(request);
  }

  /** See `AgentServerApi.updateDeviceDown`; `AgentRpc` checks the request. */
  @publicOperation('update_device_down')
  async updateDeviceDown(request: DeviceRequest): Promise<DeviceDownResult> {
    return this.rpc.updateDeviceDown(request);
  }

  /** See `AgentServerApi.updateDeviceList`. */
  @publicOperation('update_device_list', parameter('', deviceListUpdateRule))
  async updateDeviceList(request: DeviceListUpdate): Promise<DeviceListResult> {
    const result: DeviceListResult = {
      devices_up: [],
      failed_devices_up: [],
      devices_down: [],
      failed_devices_down: [],
    };
    for (const reference of request.devices_up ?? []) {
      const device = deviceRequestOf(reference, request.host, request.agent_id);
      try {
        await this.rpc.updateDeviceUp(device);
        result.devices_up.push(device.device);
      } catch (error) {
        this.logger.error('update_device_up failed', {
          device: device.device,
          error: String(error),
        });
        result.failed_devices_up.push(device.device);
      }
    }
    for (const reference of request.devices_down ?? []) {
      const device = deviceRequestOf(reference, request.host, request.agent_id);
      try {
        result.devices_down.push(await this.rpc.updateDeviceDown(device));
      } catch (error) {
        this.logger.error('update_device_down failed', {
          device: device.device,
          error: String(error),
        });
        result.failed_devices_down.push(device.device);
      }
    }
    return result;
  }

  /** See `AgentServerApi.tunnelSync`; `AgentRpc` checks the request. */
  @publicOperation('tunnel_sync')
  async tunnelSync(request: TunnelSyncRequest): Promise<TunnelSyncResult> {
    return this.rpc.tunnelSync(request);
  }

  /** See `AgentServerApi.getNetworkDetails`; the reader checks the request. */
  @publicOperation('get_network_details')
  async getNetworkDetails(request: NetworkDetailsRequest): Promise<Record<string, unknown>> {
    return this.objects.networkDetails(request);
  }

  /** See `AgentServerApi.bulkPull`; the reader checks the request. */
  @publicOperation('bulk_pull')
  async bulkPull(request: BulkPullRequest): Promise<VersionedObjectPrimitive[]> {
    return this.objects.bulkPull(request);
  }

  /** See `AgentServerApi.securityGroupRulesForDevices`. */
  @publicOperation('security_group_rules_for_devices', parameter('', securityGroupDevicesRule))
  async securityGroupRulesForDevices(
    request: SecurityGroupDevicesRequest,
  ): Promise<SecurityGroupRulesForDevices> {
    return this.securityGroups.rulesForDevices(request.devices);
  }

  /** See `AgentServerApi.securityGroupInfoForDevices`. */
  @publicOperation('security_group_info_for_devices', parameter('', securityGroupDevicesRule))
  async securityGroupInfoForDevices(
    request: SecurityGroupDevicesRequest,
  ): Promise<SecurityGroupInfo> {
    return this.securityGroups.infoForDevices(request.devices);
  }
}
