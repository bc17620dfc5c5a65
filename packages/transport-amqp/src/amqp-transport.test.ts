import * as path from 'node:path';
import {
  type AgentNotification,
  agentServerClient,
  ChannelClosedError,
  openAgentChannel,
  RemoteCallError,
  type RpcServer,
  type VersionedObjectPrimitive,
} from '@ml2ts/agent-rpc';
import { type PortResource } from '@ml2ts/driver-api';
import type * as amqp from 'amqplib';
import { AmqpConnection } from './amqp-connection';
import { AmqpTransport } from './amqp-transport';
import { OsloRpcClient } from './oslo-rpc-client';
import { eventually } from './test-support/eventually';
import { FakeAgentServerApi } from './test-support/fake-agent-server-api';
import { neutronSamples } from './test-support/neutron-samples';
import { describeWithRabbitmq, useScratchVhost } from './test-support/scratch-vhost';
import { TransportUnreachable } from './transport-unreachable';
import { TransportUrlError } from './transport-url-error';

const samples = neutronSamples(path.resolve(__dirname, '../../../../shared/neutron-agent/samples'));
if (!samples.available) console.warn(samples.reason);

const FAST_RETRY = { initialDelayMs: 20, maxDelayMs: 200 };

const primitive = (name: string, id: string): VersionedObjectPrimitive => ({
  'versioned_object.name': name,
  'versioned_object.namespace': 'versionedobjects',
  'versioned_object.version': name === 'Port' ? '1.7' : '1.1',
  'versioned_object.data': { id },
});

/** One notification of every kind, in the order a test publishes them. */
const EVERY_NOTIFICATION: AgentNotification[] = [
  {
    type: 'resourcePush',
    resource_type: 'Port',
    event_type: 'updated',
    resources: [primitive('Port', 'p1')],
  },
  {
    type: 'resourcePush',
    resource_type: 'Network',
    event_type: 'deleted',
    resources: [primitive('Network', 'n1')],
  },
  {
    type: 'portUpdate',
    port: { id: 'p1', network_id: 'n1' } as unknown as PortResource,
    network_type: 'vxlan',
    segmentation_id: 1001,
    physical_network: null,
  },
  { type: 'portDelete', port_id: 'p1' },
  { type: 'networkDelete', network_id: 'n1' },
  { type: 'networkUpdate', network: { id: 'n1', mtu: 1450 } },
  { type: 'tunnelUpdate', tunnel_ip: '192.0.2.7', tunnel_type: 'vxlan' },
  { type: 'bindingDeactivate', port_id: 'p1', host: 'compute-1', network_id: 'n1' },
  { type: 'bindingActivate', port_id: 'p1', host: 'compute-2' },
  { type: 'securityGroupsRuleUpdated', security_groups: ['sg1'] },
  { type: 'securityGroupsMemberUpdated', security_groups: ['sg1', 'sg2'] },
];

describe('AmqpTransport without a broker', () => {
  it('refuses a URL it cannot use, at construction, with a 400', () => {
    expect(() => new AmqpTransport('amqp://mq/')).toThrow(TransportUrlError);
  });

  it('rejects connect with TransportUnreachable when no broker answers', async () => {
    const transport = new AmqpTransport({
      url: 'rabbit://guest:guest@127.0.0.1:1/',
      retry: FAST_RETRY,
    });
    const client = transport.createClient('compute-1');
    await expect(client.connect()).rejects.toBeInstanceOf(TransportUnreachable);
    await expect(transport.createServer().listen(new FakeAgentServerApi())).rejects.toBeInstanceOf(
      TransportUnreachable,
    );
    await transport.close();
    expect(() => transport.createClient('compute-1')).toThrow(ChannelClosedError);
  });
});

describeWithRabbitmq('AmqpTransport over RabbitMQ', () => {
  const vhost = useScratchVhost();
  let transport: AmqpTransport;
  let api: FakeAgentServerApi;
  let rpcServer: RpcServer;
  const extra: Array<{ close(): Promise<void> }> = [];

  beforeEach(async () => {
    transport = new AmqpTransport({
      url: vhost.current.url,
      host: 'ml2ts-server',
      callTimeoutMs: 5000,
      reportStateTimeoutMs: 4321,
      retry: FAST_RETRY,
    });
    api = new FakeAgentServerApi();
    rpcServer = transport.createServer();
    await rpcServer.listen(api);
  });
  afterEach(async () => {
    for (const closable of extra.splice(0).reverse()) await closable.close();
    await transport.close();
  });

  it('carries the whole AgentServerApi surface to the server and the answers back', async () => {
    const channel = await openAgentChannel(transport, 'compute-1');
    const agentState = {
      agent_type: 'Open vSwitch agent',
      binary: 'b',
      host: 'compute-1',
      topic: 'N/A',
      start_flag: true,
    };
    await expect(
      channel.reportState({ agent_state: agentState, time: '2026-12-01T07:56:04.315041' }),
    ).resolves.toBe('new');
    await expect(
      channel.getDeviceDetails({
        device: 'tap1',
        agent_id: 'ovs-agent-compute-1',
        host: 'compute-1',
      }),
    ).resolves.toEqual({
      device: 'tap1',
      network_id: 'net-1',
      segmentation_id: 101,
      admin_state_up: true,
    });
    await expect(
      channel.describeDevice({
        device: 'fa:16:3e:00:00:01',
        pci_slot: '0000:04:00.1',
        host: 'compute-1',
      }),
    ).resolves.toEqual({ device: 'fa:16:3e:00:00:01', network_type: 'vxlan', segmentation_id: 7 });
    await expect(
      channel.getDevicesDetailsList({ devices: ['a', 'bad'], agent_id: 'x', host: 'compute-1' }),
    ).resolves.toEqual({
      devices: [{ device: 'a', network_id: 'net-1' }],
      failed_devices: ['bad'],
    });
    await expect(
      channel.updateDeviceUp({ device: 'a', host: 'compute-1' }),
    ).resolves.toBeUndefined();
    await expect(
      channel.updateDeviceDown({ device: 'unknown', host: 'compute-1' }),
    ).resolves.toEqual({
      device: 'unknown',
      exists: false,
    });
    await expect(
      channel.updateDeviceList({
        devices_up: ['a'],
        devices_down: [{ device: 'fa:16:3e:00:00:02', pci_slot: '0000:04:00.2' }],
        agent_id: 'x',
        host: 'compute-1',
        refresh_tunnels: true,
      }),
    ).resolves.toEqual({
      devices_up: ['a'],
      failed_devices_up: [],
      devices_down: [{ device: 'fa:16:3e:00:00:02', exists: true }],
      failed_devices_down: [],
    });
    await expect(
      channel.tunnelSync({ tunnel_ip: '192.0.2.1', tunnel_type: 'vxlan', host: 'compute-1' }),
    ).resolves.toEqual({
      tunnels: [{ host: 'compute-1', ip_address: '192.0.2.1', udp_port: 4789 }],
    });
    await expect(channel.getNetworkDetails({ network: 'n1', host: 'compute-1' })).resolves.toEqual({
      id: 'n1',
      mtu: 1450,
      'provider:network_type': 'vxlan',
    });
    await expect(
      channel.bulkPull({
        resource_type: 'SecurityGroupRule',
        filter_kwargs: { security_group_id: ['sg1'] },
      }),
    ).resolves.toEqual([
      { ...primitive('SecurityGroupRule', 'r-1'), 'versioned_object.version': '1.2' },
    ]);
    const rules = await channel.securityGroupRulesForDevices({ devices: ['tap1', 'unknown'] });
    expect(Object.keys(rules)).toEqual(['port-tap1']);
    expect(rules['port-tap1']).toMatchObject({
      device: 'tap1',
      fixed_ips: ['192.0.2.10'],
      security_group_rules: [{ remote_group_id: 'sg-2', source_ip_prefix: '192.0.2.5/32' }],
    });
    const info = await channel.securityGroupInfoForDevices({ devices: ['tap1'] });
    expect(info).toEqual(
      await new FakeAgentServerApi().securityGroupInfoForDevices({
        devices: ['tap1'],
      }),
    );

    expect(api.received).toEqual([
      {
        method: 'reportState',
        request: { agent_state: agentState, time: '2026-12-01T07:56:04.315041' },
      },
      {
        method: 'getDeviceDetails',
        request: { device: 'tap1', agent_id: 'ovs-agent-compute-1', host: 'compute-1' },
      },
      {
        method: 'describeDevice',
        request: { device: 'fa:16:3e:00:00:01', pci_slot: '0000:04:00.1', host: 'compute-1' },
      },
      {
        method: 'getDevicesDetailsList',
        request: { devices: ['a', 'bad'], agent_id: 'x', host: 'compute-1' },
      },
      { method: 'updateDeviceUp', request: { device: 'a', host: 'compute-1' } },
      { method: 'updateDeviceDown', request: { device: 'unknown', host: 'compute-1' } },
      {
        method: 'updateDeviceList',
        request: {
          devices_up: ['a'],
          devices_down: [{ device: 'fa:16:3e:00:00:02', pci_slot: '0000:04:00.2' }],
          agent_id: 'x',
          host: 'compute-1',
          refresh_tunnels: true,
        },
      },
      {
        method: 'tunnelSync',
        request: { tunnel_ip: '192.0.2.1', tunnel_type: 'vxlan', host: 'compute-1' },
      },
      { method: 'getNetworkDetails', request: { network: 'n1', host: 'compute-1' } },
      {
        method: 'bulkPull',
        request: {
          resource_type: 'SecurityGroupRule',
          version: '1.2',
          filter_kwargs: { security_group_id: ['sg1'] },
        },
      },
      { method: 'securityGroupRulesForDevices', request: { devices: ['tap1', 'unknown'] } },
      { method: 'securityGroupInfoForDevices', request: { devices: ['tap1'] } },
    ]);
    await channel.close();
  });

  it('carries server errors back as RemoteCallError with their type and status', async () => {
    const server = agentServerClient(transport.createClient('compute-1'));
    await expect(server.getNetworkDetails({ network: 'gone' })).rejects.toMatchObject({
      constructor: RemoteCallError,
      type: 'NetworkNotFound',
      httpStatus: 404,
      method: 'getNetworkDetails',
    });
    await expect(
      server.tunnelSync({ tunnel_ip: 'not-an-ip', tunnel_type: 'vxlan' }),
    ).rejects.toMatchObject({
      type: 'InvalidInput',
      httpStatus: 400,
    });
    await expect(server.getDeviceDetails({ device: 'bug' })).rejects.toMatchObject({
      type: 'RemoteError',
      httpStatus: 500,
      message: 'database is locked',
    });
  });

  it("answers calls shaped exactly as Neutron's agent sends them", async () => {
    const connection = new AmqpConnection({ url: vhost.current.url, retry: FAST_RETRY });
    const neutronAgent = new OsloRpcClient({ connection, callTimeoutMs: 5000 });
    extra.push(connection, neutronAgent);
    const reports = { topic: 'q-reports-plugin', version: '1.2' };
    await expect(neutronAgent.call(reports, 'has_alive_neutron_server', {})).resolves.toBe(true);
    const reportArgs = samples.available
      ? (samples.load('report_state').body['oslo.message'].args as Record<string, unknown>)
      : {
          agent_state: { agent_state: { host: 'compute-1', start_flag: true } },
          time: '2026-12-01T07:56:04.315041',
        };
    await expect(neutronAgent.call(reports, 'report_state', reportArgs)).resolves.toBe('new');
    await expect(
      neutronAgent.call({ topic: 'q-plugin', version: '1.2' }, 'report_state', reportArgs),
    ).resolves.toBe('new');
    await expect(
      neutronAgent.call({ topic: 'q-plugin', version: '1.9' }, 'get_devices_details_list', {
        devices: ['a', ['fa:16:3e:00:00:03', '0000:04:00.3']],
        agent_id: 'x',
        host: null,
      }),
    ).resolves.toEqual([
      { device: 'a', network_id: 'net-1' },
      { device: 'fa:16:3e:00:00:03', network_id: 'net-1' },
    ]);
    await expect(
      neutronAgent.call({ topic: 'q-plugin', version: '1.1' }, 'pull', {
        resource_type: 'Network',
        version: '1.1',
        resource_id: 'n1',
      }),
    ).resolves.toMatchObject({ 'versioned_object.name': 'Network' });
    // The security group calls at the versions Neutron's agents send them: the rules at 1.1,
    // the info at 1.3 with call_version 1.3 ([ip, mac] pairs); an older info call gets the
    // member addresses alone.
    await expect(
      neutronAgent.call({ topic: 'q-plugin', version: '1.1' }, 'security_group_rules_for_devices', {
        devices: ['tap1'],
      }),
    ).resolves.toMatchObject({ 'port-tap1': { device: 'tap1', security_groups: ['sg-1'] } });
    await expect(
      neutronAgent.call({ topic: 'q-plugin', version: '1.3' }, 'security_group_info_for_devices', {
        devices: ['tap1'],
        call_version: '1.3',
      }),
    ).resolves.toMatchObject({
      sg_member_ips: {
        'sg-2': {
          IPv4: [
            ['192.0.2.5', null],
            ['192.0.2.128/25', 'fa:16:3e:00:00:05'],
          ],
        },
      },
    });
    await expect(
      neutronAgent.call({ topic: 'q-plugin', version: '1.2' }, 'security_group_info_for_devices', {
        devices: ['tap1'],
      }),
    ).resolves.toMatchObject({
      sg_member_ips: { 'sg-2': { IPv4: ['192.0.2.5', '192.0.2.128/25'], IPv6: [] } },
    });
    await expect(
      neutronAgent.call({ topic: 'q-plugin', version: '1.4' }, 'security_group_info_for_devices', {
        devices: ['tap1'],
        call_version: '1.3',
      }),
    ).rejects.toMatchObject({ type: 'NoSuchMethod' });
    await expect(
      neutronAgent.call({ topic: 'q-plugin', version: '1.3' }, 'security_group_rules_for_devices', {
        devices: ['bad'],
      }),
    ).rejects.toMatchObject({ type: 'InvalidInput', httpStatus: 400 });
    await expect(
      neutronAgent.call({ topic: 'q-reports-plugin', version: '2.0' }, 'report_state', reportArgs),
    ).rejects.toMatchObject({
      type: 'UnsupportedVersion',
    });
    await expect(
      neutronAgent.call(
        { topic: 'q-plugin', version: '1.9' },
        'get_ports_by_vnic_type_and_host',
        {},
      ),
    ).rejects.toMatchObject({
      type: 'NoSuchMethod',
    });
  });

  it("sends reportState with the report timeout as the message's expiration", async () => {
    const watcher = new AmqpConnection({ url: vhost.current.url, retry: FAST_RETRY });
    extra.push(watcher);
    const seen: amqp.ConsumeMessage[] = [];
    await watcher.addTopology({
      description: 'report watcher',
      setup: async (channel) => {
        const { queue } = await channel.assertQueue('', { exclusive: true });
        await channel.bindQueue(queue, 'neutron', 'q-reports-plugin');
        await channel.bindQueue(queue, 'neutron', 'q-plugin');
        await channel.consume(queue, (message) => message && seen.push(message), { noAck: true });
      },
    });
    const client = transport.createClient('compute-1');
    await client.call('reportState', { agent_state: { host: 'compute-1' } });
    await eventually(() => seen.length === 1);
    expect(seen[0].fields.routingKey).toBe('q-reports-plugin');
    expect(seen[0].properties.expiration).toBe('4321');
    await expect(client.call('has_alive_neutron_server', {})).resolves.toBe(true);
    await eventually(() => seen.length === 2);
    expect(seen[1].fields.routingKey).toBe('q-plugin');
    expect(seen[1].properties.expiration).toBe('5000');
  });

  it('fans every notification out to every subscriber, one copy each, in order', async () => {
    const first: AgentNotification[] = [];
    const second: AgentNotification[] = [];
    const subscriberA = transport.createSubscriber('compute-1');
    const subscriberB = transport.createSubscriber('compute-2');
    await subscriberA.subscribe((notification) => first.push(notification));
    await subscriberA.subscribe(() => {
      throw new Error('a listener that fails must not hurt the others');
    });
    const cancelled: AgentNotification[] = [];
    const subscription = await subscriberB.subscribe((notification) =>
      cancelled.push(notification),
    );
    await subscriberB.subscribe((notification) => second.push(notification));
    await subscription.cancel();
    const publisher = transport.createPublisher();
    for (const notification of EVERY_NOTIFICATION) await publisher.publish(notification);
    // Pushes without resources and group updates without groups are not sent, as in Neutron.
    await publisher.publish({
      type: 'resourcePush',
      resource_type: 'Port',
      event_type: 'updated',
      resources: [],
    });
    await eventually(
      () => first.length >= EVERY_NOTIFICATION.length && second.length >= EVERY_NOTIFICATION.length,
    );
    await publisher.publish({ type: 'portDelete', port_id: 'last' });
    await eventually(() => first.length === EVERY_NOTIFICATION.length + 1);
    await eventually(() => second.length === EVERY_NOTIFICATION.length + 1);
    // Each topic is a queue of its own: order holds within a topic, not across topics.
    const sorted = (list: AgentNotification[]) =>
      [...list].map((notification) => JSON.stringify(notification)).sort();
    const expected = [...EVERY_NOTIFICATION, { type: 'portDelete', port_id: 'last' }];
    expect(sorted(first)).toEqual(sorted(expected as AgentNotification[]));
    expect(sorted(second)).toEqual(sorted(expected as AgentNotification[]));
    const portDeletes = first.filter((notification) => notification.type === 'portDelete');
    expect(portDeletes).toEqual([
      { type: 'portDelete', port_id: 'p1' },
      { type: 'portDelete', port_id: 'last' },
    ]);
    expect(cancelled).toEqual([]);
  });

  it('keeps calls and notifications working after the broker drops every connection', async () => {
    const client = transport.createClient('compute-1');
    const server = agentServerClient(client, { timeoutMs: 10_000 });
    const received: AgentNotification[] = [];
    const subscriber = transport.createSubscriber('compute-1');
    await subscriber.subscribe((notification) => received.push(notification));
    await expect(server.updateDeviceDown({ device: 'a' })).resolves.toEqual({
      device: 'a',
      exists: true,
    });
    const publisher = transport.createPublisher();
    await publisher.publish({ type: 'portDelete', port_id: 'before' });
    await eventually(() => received.length === 1);

    await vhost.current.closeAllConnections();

    await expect(server.updateDeviceDown({ device: 'b' })).resolves.toEqual({
      device: 'b',
      exists: true,
    });
    await publisher.publish({ type: 'portDelete', port_id: 'after' });
    await eventually(() => received.length === 2);
    expect(received[1]).toEqual({ type: 'portDelete', port_id: 'after' });
  });

  it('answers the calls already taken before the server finishes closing', async () => {
    const server = agentServerClient(transport.createClient('compute-1'));
    const slow = server.getDeviceDetails({ device: 'slow' });
    await eventually(() => api.slowCount === 1);
    let closed = false;
    const closing = rpcServer.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    api.release();
    await expect(slow).resolves.toMatchObject({ device: 'slow' });
    await closing;
    expect(closed).toBe(true);
  });

  it('refuses to listen twice', async () => {
    const server = transport.createServer();
    await server.listen(api);
    await expect(server.listen(api)).rejects.toMatchObject({ type: 'AlreadyListening' });
  });
});
