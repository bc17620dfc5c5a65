import * as path from 'node:path';
import { type AgentNotification, type VersionedObjectPrimitive } from '@ml2ts/agent-rpc';
import { type PortResource } from '@ml2ts/driver-api';
import {
  agentNotificationEndpoints,
  AGENT_NOTIFICATION_TOPICS,
  neutronFanoutOf,
} from './neutron-notifications';
import { deviceFromWire, deviceToWire, NEUTRON_METHODS } from './neutron-rpc-methods';
import { neutronServerEndpoints } from './neutron-server-endpoints';
import { FakeAgentServerApi } from './test-support/fake-agent-server-api';
import { neutronSamples } from './test-support/neutron-samples';

const samples = neutronSamples(path.resolve(__dirname, '../../../../shared/neutron-agent/samples'));
const withSamples = samples.available ? describe : describe.skip;
if (!samples.available) console.warn(samples.reason);

const now = new Date(Date.UTC(2026, 11, 1, 7, 56, 4, 315));

describe('Neutron RPC methods', () => {
  it('sends device references as names, or [mac, pci_slot] for VFs, and reads them back', () => {
    expect(deviceToWire('tap1')).toBe('tap1');
    expect(deviceToWire({ device: 'fa:16:3e:00:00:01', pci_slot: '0000:04:00.1' })).toEqual([
      'fa:16:3e:00:00:01',
      '0000:04:00.1',
    ]);
    expect(deviceFromWire(['fa:16:3e:00:00:01', '0000:04:00.1'])).toEqual({
      device: 'fa:16:3e:00:00:01',
      pci_slot: '0000:04:00.1',
    });
    expect(deviceFromWire(['fa:16:3e:00:00:01', null])).toBe('fa:16:3e:00:00:01');
    expect(() => deviceFromWire(42)).toThrow(/device must be a name/);
  });

  it('sends reportState with the nested agent_state and a time of now when it has none', () => {
    expect(
      NEUTRON_METHODS.reportState.toWire({ agent_state: { host: 'h', binary: 'b' } }, now),
    ).toEqual({
      agent_state: { agent_state: { host: 'h', binary: 'b' } },
      time: '2026-12-01T07:56:04.315000',
    });
  });

  it("refuses a report_state whose agent_state is not Neutron's nested shape", () => {
    expect(() => NEUTRON_METHODS.reportState.fromWire({ agent_state: { host: 'h' } })).toThrow(
      /agent_state must be/,
    );
  });

  it('sends the security group calls as Neutron agents do, and reads them back', () => {
    const rules = NEUTRON_METHODS.securityGroupRulesForDevices;
    const info = NEUTRON_METHODS.securityGroupInfoForDevices;
    expect([rules.wireMethod, rules.topic, rules.version]).toEqual([
      'security_group_rules_for_devices',
      'q-plugin',
      '1.1',
    ]);
    expect([info.wireMethod, info.topic, info.version]).toEqual([
      'security_group_info_for_devices',
      'q-plugin',
      '1.3',
    ]);
    const request = { devices: ['tap1234567890a', 'fa:16:3e:00:00:01'] };
    expect(rules.toWire(request, now)).toEqual(request);
    expect(info.toWire(request, now)).toEqual({ ...request, call_version: '1.3' });
    expect(rules.fromWire(rules.toWire(request, now))).toEqual(request);
    expect(info.fromWire(info.toWire(request, now))).toEqual(request);
    expect(info.fromWire({})).toEqual({ devices: [] });
    expect(() => rules.fromWire({ devices: 'tap1' })).toThrow(/devices must be a list/);
    expect(() => info.fromWire({ devices: [['fa:16:3e:00:00:01', 'slot']] })).toThrow(
      /devices must be a list of device names/,
    );
  });

  it('answers security_group_info_for_devices with [ip, mac] pairs from 1.3 on', async () => {
    const endpoints = neutronServerEndpoints(new FakeAgentServerApi());
    const endpoint = endpoints['q-plugin'].find(
      (candidate) => 'security_group_info_for_devices' in candidate.methods,
    )!;
    expect(endpoint.version).toBe('1.3');
    const call = (args: Record<string, unknown>) =>
      endpoint.methods.security_group_info_for_devices(args, {}) as Promise<
        Record<string, unknown>
      >;
    const devices = ['tap1', 'unknown'];
    const current = await call({ devices, call_version: '1.3' });
    expect(Object.keys(current.devices as object)).toEqual(['port-tap1']);
    expect(current.sg_member_ips).toEqual({
      'sg-2': {
        IPv4: [
          ['192.0.2.5', null],
          ['192.0.2.128/25', 'fa:16:3e:00:00:05'],
        ],
      },
    });
    // An agent that sends no call_version (or one below 1.3) gets the addresses alone, under
    // both IP versions.
    for (const older of [{ devices }, { devices, call_version: '1.2' }]) {
      const answer = await call(older);
      expect(answer.sg_member_ips).toEqual({
        'sg-2': { IPv4: ['192.0.2.5', '192.0.2.128/25'], IPv6: [] },
      });
      expect(answer.devices).toEqual(current.devices);
      expect(answer.security_groups).toEqual(current.security_groups);
    }
    await expect(call({ devices, call_version: 'latest' })).rejects.toMatchObject({
      httpStatus: 400,
    });
  });

  it('maps every AgentServerApi method to a server endpoint method at a version it serves', () => {
    const endpoints = neutronServerEndpoints(new FakeAgentServerApi());
    for (const method of Object.values(NEUTRON_METHODS)) {
      const served = endpoints[method.topic as 'q-plugin' | 'q-reports-plugin'].some(
        (endpoint) => method.wireMethod in endpoint.methods,
      );
      expect([method.method, served]).toEqual([method.method, true]);
    }
  });
});

withSamples("Neutron RPC methods compared with Neutron's recorded calls", () => {
  it.each([
    ['report_state', 'reportState'],
    ['tunnel_sync', 'tunnelSync'],
    ['get_network_details', 'getNetworkDetails'],
    ['update_device_list', 'updateDeviceList'],
    ['update_device_down', 'updateDeviceDown'],
    ['bulk_pull-Port', 'bulkPull'],
    ['bulk_pull-SecurityGroupRule', 'bulkPull'],
  ] as const)('%s: reads the recorded args and writes them back the same', (name, method) => {
    const sample = samples.load(name);
    const recorded = sample.body['oslo.message'];
    const spec = NEUTRON_METHODS[method];
    expect(recorded.method).toBe(spec.wireMethod);
    expect(sample.routing_keys).toEqual([spec.topic]);
    expect(recorded.version).toBe(spec.version);
    const request = spec.fromWire(recorded.args as Record<string, unknown>);
    expect(spec.toWire(request, now)).toEqual(recorded.args);
  });

  it.each([
    ['report_state', 'reportState'],
    ['tunnel_sync', 'tunnelSync'],
    ['update_device_list', 'updateDeviceList'],
    ['update_device_down', 'updateDeviceDown'],
  ] as const)(
    '%s: the server endpoint answers with the recorded reply shape',
    async (name, method) => {
      const sample = samples.load(name);
      const recorded = sample.body['oslo.message'];
      const api = new FakeAgentServerApi();
      const endpoints = neutronServerEndpoints(api);
      const topic = NEUTRON_METHODS[method].topic as 'q-plugin' | 'q-reports-plugin';
      const endpoint = endpoints[topic].find(
        (candidate) => (recorded.method as string) in candidate.methods,
      )!;
      const result = await endpoint.methods[recorded.method as string](
        recorded.args as Record<string, unknown>,
        {},
      );
      const expected = sample.reply!.body['oslo.message'].result;
      expect(shapeOf(result)).toEqual(shapeOf(expected));
    },
  );

  it.each([
    ['push-Port-1.7-updated'],
    ['push-Port-1.7-deleted'],
    ['push-Network-1.1-updated'],
    ['push-Network-1.1-deleted'],
    ['push-SecurityGroup-1.5-updated'],
    ['push-SecurityGroupRule-1.2-updated'],
    ['push-SecurityGroupRule-1.2-deleted'],
    ['push-Subnet-1.1-updated'],
    ['push-Subnet-1.1-deleted'],
    ['port_update'],
    ['port_delete'],
    ['network_delete'],
    ['security_groups_rule_updated'],
    ['security_groups_member_updated'],
    ['tunnel_update'],
  ])(
    '%s: a notification makes the recorded fanout, and the fanout makes the notification',
    (name) => {
      const sample = samples.load(name);
      const recorded = sample.body['oslo.message'];
      const topic = sample.exchange.replace(/_fanout$/, '');
      expect(AGENT_NOTIFICATION_TOPICS).toContain(topic);
      const received: AgentNotification[] = [];
      const endpoints = agentNotificationEndpoints(topic, (notification) =>
        received.push(notification),
      );
      const endpoint = endpoints.find(
        (candidate) => (recorded.method as string) in candidate.methods,
      )!;
      endpoint.methods[recorded.method as string](recorded.args as Record<string, unknown>, {});
      expect(received).toHaveLength(1);
      const fanout = neutronFanoutOf(received[0]);
      expect(fanout).toMatchObject({ topic, method: recorded.method, version: recorded.version });
      expect(fanout!.args).toEqual(recorded.args);
      const context = recorded._context_project_id === null ? 'agent' : 'server';
      expect(fanout!.context).toBe(context);
    },
  );

  it.each([
    [
      'network_delete_end',
      (args: Record<string, unknown>): AgentNotification => ({
        type: 'dhcpNetworkDelete',
        network_id: (args.payload as { network_id: string }).network_id,
      }),
    ],
    [
      'report_agent_resource_versions',
      (args: Record<string, unknown>): AgentNotification => ({
        type: 'agentResourceVersions',
        agent_host: args.agent_host as string,
        agent_type: args.agent_type as string,
        version_map: args.version_map as Record<string, string>,
      }),
    ],
  ] as const)(
    '%s: the notification for servers and DHCP agents makes the recorded fanout',
    (name, notificationOf) => {
      const sample = samples.load(name);
      const recorded = sample.body['oslo.message'];
      const fanout = neutronFanoutOf(notificationOf(recorded.args as Record<string, unknown>));
      expect(fanout).toMatchObject({
        topic: sample.exchange.replace(/_fanout$/, ''),
        method: recorded.method,
        version: recorded.version,
      });
      expect(fanout!.args).toEqual(recorded.args);
      expect(fanout!.context).toBe(recorded._context_project_id === null ? 'agent' : 'server');
    },
  );
});

describe('Neutron fanouts', () => {
  const port = { id: 'p1' } as unknown as PortResource;
  const primitive: VersionedObjectPrimitive = {
    'versioned_object.name': 'Port',
    'versioned_object.namespace': 'versionedobjects',
    'versioned_object.version': '1.7',
    'versioned_object.data': { id: 'p1' },
  };

  it('sends nothing for a push without resources or a group update without groups', () => {
    expect(
      neutronFanoutOf({
        type: 'resourcePush',
        resource_type: 'Port',
        event_type: 'updated',
        resources: [],
      }),
    ).toBeNull();
    expect(neutronFanoutOf({ type: 'securityGroupsRuleUpdated', security_groups: [] })).toBeNull();
  });

  it.each<[AgentNotification, string, string, string]>([
    [
      {
        type: 'resourcePush',
        resource_type: 'Port',
        event_type: 'updated',
        resources: [primitive],
      },
      'neutron-vo-Port-1.7',
      'push',
      '1.1',
    ],
    [
      { type: 'portUpdate', port, network_type: 'vlan', segmentation_id: 5, physical_network: 'p' },
      'q-agent-notifier-port-update',
      'port_update',
      '1.0',
    ],
    [
      { type: 'networkUpdate', network: { id: 'n' } },
      'q-agent-notifier-network-update',
      'network_update',
      '1.4',
    ],
    [
      { type: 'bindingActivate', port_id: 'p', host: 'h' },
      'q-agent-notifier-binding-activate',
      'binding_activate',
      '1.5',
    ],
    [
      { type: 'bindingDeactivate', port_id: 'p', host: 'h', network_id: 'n' },
      'q-agent-notifier-binding-deactivate',
      'binding_deactivate',
      '1.5',
    ],
  ])(
    'sends %j on the topic, method and version Neutron uses',
    (notification, topic, method, version) => {
      const fanout = neutronFanoutOf(notification);
      expect(fanout).toMatchObject({ topic, method, version });
      const received: AgentNotification[] = [];
      const endpoints = agentNotificationEndpoints(topic, (delivered) => received.push(delivered));
      endpoints.find((endpoint) => method in endpoint.methods)!.methods[method](fanout!.args, {});
      expect(received).toEqual([notification]);
    },
  );

  it("sends binding_deactivate with the port's network, as Neutron does", () => {
    expect(
      neutronFanoutOf({ type: 'bindingDeactivate', port_id: 'p', host: 'h', network_id: 'n' })!
        .args,
    ).toEqual({ port_id: 'p', host: 'h', network_id: 'n' });
  });
});

/** The structure of a JSON value: key names and value kinds, not values. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, shapeOf(item)]),
    );
  }
  return value === null ? 'null' : typeof value;
}
