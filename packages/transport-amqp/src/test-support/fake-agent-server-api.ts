import {
  type AgentServerApi,
  type AgentServerMethod,
  type BulkPullRequest,
  type DeviceListUpdate,
  type DeviceRequest,
  type DevicesDetailsListRequest,
  type NetworkDetailsRequest,
  type ReportStateRequest,
  type SecurityGroupDevice,
  type SecurityGroupDevicesRequest,
  type SecurityGroupInfo,
  type SecurityGroupRulesForDevices,
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
 * `bug` a plain `TypeError`, `slow` waits until `release()` is called. The security group calls
 * answer each device but `unknown` as port `port-<device>` in group `sg-1`, whose rule names
 * `sg-2`, which has one fixed IP and one allowed address pair; a `bad` among the devices throws
 * `InvalidInput`.
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

  async securityGroupRulesForDevices(
    request: SecurityGroupDevicesRequest,
  ): Promise<SecurityGroupRulesForDevices> {
    this.securityGroupDevices('securityGroupRulesForDevices', request);
    return Object.fromEntries(
      knownDevices(request).map((device) => [
        `port-${device}`,
        fakeDevice(device, [
          {
            security_group_id: 'sg-1',
            direction: 'ingress',
            ethertype: 'IPv4',
            remote_group_id: 'sg-2',
            source_ip_prefix: '192.0.2.5/32',
          },
        ]),
      ]),
    );
  }

  async securityGroupInfoForDevices(
    request: SecurityGroupDevicesRequest,
  ): Promise<SecurityGroupInfo> {
    this.securityGroupDevices('securityGroupInfoForDevices', request);
    return {
      devices: Object.fromEntries(
        knownDevices(request).map((device) => [`port-${device}`, fakeDevice(device, [])]),
      ),
      security_groups: {
        'sg-1': [
          { direction: 'ingress', ethertype: 'IPv4', stateful: true, remote_group_id: 'sg-2' },
        ],
      },
      sg_member_ips: {
        'sg-2': {
          IPv4: [
            ['192.0.2.5', null],
            ['192.0.2.128/25', 'fa:16:3e:00:00:05'],
          ],
        },
      },
    };
  }

  private securityGroupDevices(method: AgentServerMethod, request: SecurityGroupDevicesRequest) {
    this.record(method, request);
    if (request.devices.includes('bad')) throw new InvalidInput('device bad is malformed');
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

/** The devices of a security group request that the fake knows: all but `unknown`. */
function knownDevices(request: SecurityGroupDevicesRequest): string[] {
  return request.devices.filter((device) => device !== 'unknown');
}

/** The fake's port `port-<device>` in group `sg-1`, with `rules`. */
function fakeDevice(device: string, rules: SecurityGroupDevice['security_group_rules']) {
  return {
    id: `port-${device}`,
    device,
    network_id: 'net-1',
    mac_address: 'fa:16:3e:00:00:01',
    fixed_ips: ['192.0.2.10'],
    security_groups: ['sg-1'],
    security_group_rules: rules,
    security_group_source_groups: ['sg-2'],
    security_group_remote_address_groups: [],
  } as unknown as SecurityGroupDevice;
}
