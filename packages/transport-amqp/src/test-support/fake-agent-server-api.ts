import {
  type AgentServerApi,
  type AgentServerMethod,
  type BulkPullRequest,
  type DeviceListUpdate,
  type DeviceRequest,
  type DevicesDetailsListRequest,
  type NetworkDetailsRequest,
  type ReportStateRequest,
  type TunnelSyncRequest,
} from '@ml2ts/agent-rpc';
import { InvalidInput, Ml2Error } from '@ml2ts/driver-api';

/** One request a `FakeAgentServerApi` received. */
export interface ReceivedRequest {
  readonly method: AgentServerMethod;
  readonly request: unknown;
}

/**
 * An `AgentServerApi` for transport tests: records every request and answers fixed, recognisable
 * results. Device `bad` throws `InvalidInput` (400), `gone` an `Ml2Error` `PortNotFound` (404),
 * `bug` a plain `TypeError`, `slow` waits until `release()` is called.
 */
export class FakeAgentServerApi implements AgentServerApi {
  readonly received: ReceivedRequest[] = [];
  private releaseSlow: Array<() => void> = [];
  /** How many `slow` requests are waiting. */
  get slowCount(): number {
    return this.releaseSlow.length;
  }

  /** Lets every waiting `slow` request finish. */
  release(): void {
    for (const release of this.releaseSlow.splice(0)) release();
  }

  async reportState(request: ReportStateRequest) {
    this.record('reportState', request);
    return request.agent_state.start_flag ? ('new' as const) : ('alive' as const);
  }

  async getDeviceDetails(request: DeviceRequest) {
    await this.device('getDeviceDetails', request);
    return {
      device: request.device,
      network_id: 'net-1',
      segmentation_id: 101,
      admin_state_up: true,
    };
  }

  async describeDevice(request: DeviceRequest) {
    await this.device('describeDevice', request);
    return { device: request.device, network_type: 'vxlan', segmentation_id: 7 };
  }

  async getDevicesDetailsList(request: DevicesDetailsListRequest) {
    this.record('getDevicesDetailsList', request);
    const names = request.devices.map((device) =>
      typeof device === 'string' ? device : device.device,
    );
    return {
      devices: names
        .filter((name) => name !== 'bad')
        .map((device) => ({ device, network_id: 'net-1' })),
      failed_devices: names.filter((name) => name === 'bad'),
    };
  }

  async updateDeviceUp(request: DeviceRequest) {
    await this.device('updateDeviceUp', request);
  }

  async updateDeviceDown(request: DeviceRequest) {
    await this.device('updateDeviceDown', request);
    return { device: request.device, exists: request.device !== 'unknown' };
  }

  async updateDeviceList(request: DeviceListUpdate) {
    this.record('updateDeviceList', request);
    const name = (device: unknown) =>
      typeof device === 'string' ? device : (device as { device: string }).device;
    return {
      devices_up: (request.devices_up ?? []).map(name),
      failed_devices_up: [],
      devices_down: (request.devices_down ?? []).map((device) => ({
        device: name(device),
        exists: name(device) !== 'unknown',
      })),
      failed_devices_down: [],
    };
  }

  async tunnelSync(request: TunnelSyncRequest) {
    this.record('tunnelSync', request);
    if (request.tunnel_ip === 'not-an-ip')
      throw new InvalidInput('tunnel_ip not-an-ip is not an IP address');
    return {
      tunnels: [{ host: request.host ?? '', ip_address: request.tunnel_ip, udp_port: 4789 }],
    };
  }

  async getNetworkDetails(request: NetworkDetailsRequest) {
    this.record('getNetworkDetails', request);
    if (request.network === 'gone')
      throw new Ml2Error('NetworkNotFound', 404, 'Network gone could not be found.');
    return { id: request.network, mtu: 1450, 'provider:network_type': 'vxlan' };
  }

  async bulkPull(request: BulkPullRequest) {
    this.record('bulkPull', request);
    return [
      {
        'versioned_object.name': request.resource_type,
        'versioned_object.namespace': 'versionedobjects',
        'versioned_object.version': request.version ?? '1.0',
        'versioned_object.data': { id: 'r-1' },
      },
    ];
  }

  private record(method: AgentServerMethod, request: unknown): void {
    this.received.push({ method, request });
  }

  private async device(method: AgentServerMethod, request: DeviceRequest): Promise<void> {
    this.record(method, request);
    if (request.device === 'bad') throw new InvalidInput(`device ${request.device} is malformed`);
    if (request.device === 'gone')
      throw new Ml2Error('PortNotFound', 404, 'Port gone could not be found.');
    if (request.device === 'bug') throw new TypeError('database is locked');
    if (request.device === 'slow')
      await new Promise<void>((resolve) => this.releaseSlow.push(resolve));
  }
}
