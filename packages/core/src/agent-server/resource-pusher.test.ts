import {
  type AgentNotification,
  InProcessTransport,
  openAgentChannel,
  type ResourcePushNotification,
} from '@ml2ts/agent-rpc';
import {
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { serveAgentRpc } from './serve-agent-rpc';

/** The pushes in `seen`, as `type event id...` lines, and forgets them. */
function drain(seen: AgentNotification[]): string[] {
  const lines = seen
    .filter((notification): notification is ResourcePushNotification => {
      return notification.type === 'resourcePush';
    })
    .map(
      (push) =>
        `${push.resource_type} ${push.event_type} ` +
        push.resources.map((object) => String(object['versioned_object.data'].id)).join(' '),
    );
  seen.length = 0;
  return lines;
}

describe('pushing changed resources to agents', () => {
  let engine: TestEngine | undefined;
  let transport: InProcessTransport | undefined;
  afterEach(async () => {
    await transport?.close();
    await engine?.close();
    engine = undefined;
    transport = undefined;
  });

  async function setup(pushResources: boolean) {
    engine = await startTestEngine([new TestAgentDriver()]);
    transport = new InProcessTransport({ callTimeoutMs: 2_000 });
    const service = await serveAgentRpc(engine.plugin, transport, { pushResources });
    /** Waits until the changes so far are pushed and delivered to the subscriber. */
    const settle = async () => {
      await service.pushesSettled();
      for (let turn = 0; turn < 5; turn++) {
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    const channel = await openAgentChannel(transport, 'host1');
    const seen: AgentNotification[] = [];
    await channel.subscribe((notification) => seen.push(notification));
    await channel.reportState({ agent_state: ovsReport('host1') });
    return { plugin: engine.plugin, channel, seen, settle };
  }

  it('pushes every create, update and delete as versioned objects, after the commit', async () => {
    const { plugin, seen, channel, settle } = await setup(true);
    const network = await plugin.createNetwork({ name: 'n' });
    await settle();
    expect(drain(seen)).toEqual([`Network updated ${network.id}`]);

    const subnet = await plugin.createSubnet({
      network_id: network.id,
      cidr: '10.9.0.0/24',
      ip_version: 4,
    });
    await settle();
    expect(drain(seen)).toEqual([`Subnet updated ${subnet.id}`]);

    const port = await plugin.createPort({
      network_id: network.id,
      'binding:host_id': 'host1',
      device_owner: 'compute:nova',
    });
    await settle();
    // The create, its binding and the default group's creation reach agents as one Port push.
    expect(drain(seen)).toEqual([`Port updated ${port.id}`]);
    const [pushedPort] = (
      await channel.bulkPull({ resource_type: 'Port', filter_kwargs: { id: [port.id] } })
    ).map((object) => object['versioned_object.data']);
    expect(pushedPort).toMatchObject({ id: port.id, network_id: network.id });

    const group = await plugin.createSecurityGroup({ name: 'web', project_id: 'p' });
    await settle();
    expect(drain(seen)).toEqual([`SecurityGroup updated ${group.id}`]);
    const rule = await plugin.createSecurityGroupRule({
      security_group_id: group.id,
      direction: 'ingress',
      ethertype: 'IPv4',
      protocol: 'tcp',
      port_range_min: 80,
      port_range_max: 80,
    });
    await settle();
    expect(drain(seen)).toEqual([
      `SecurityGroup updated ${group.id}`,
      `SecurityGroupRule updated ${rule.id}`,
    ]);
    await plugin.deleteSecurityGroupRule(rule.id);
    await settle();
    expect(drain(seen)).toEqual([
      `SecurityGroup updated ${group.id}`,
      `SecurityGroupRule deleted ${rule.id}`,
    ]);

    await plugin.updatePort(port.id, { name: 'renamed' });
    await settle();
    expect(drain(seen)).toEqual([`Port updated ${port.id}`]);
    await plugin.deletePort(port.id);
    await plugin.deleteNetwork(network.id);
    await settle();
    expect(drain(seen)).toEqual([
      `Port deleted ${port.id}`,
      `Subnet deleted ${subnet.id}`,
      `Network deleted ${network.id}`,
    ]);
  });

  it("tells a deleted network's MTU and sharing, and sends the legacy network_delete", async () => {
    const { plugin, seen, settle } = await setup(true);
    const network = await plugin.createNetwork({ shared: true });
    await plugin.deleteNetwork(network.id);
    await settle();
    const deleted = seen.find(
      (notification): notification is ResourcePushNotification =>
        notification.type === 'resourcePush' && notification.event_type === 'deleted',
    );
    expect(deleted?.resources).toEqual([
      {
        'versioned_object.name': 'Network',
        'versioned_object.namespace': 'versionedobjects',
        'versioned_object.version': '1.1',
        'versioned_object.data': {
          id: network.id,
          mtu: network.mtu,
          qos_policy_id: null,
          shared: true,
        },
        'versioned_object.changes': ['id', 'mtu', 'qos_policy_id', 'shared'],
      },
    ]);
    expect(seen).toContainEqual({ type: 'networkDelete', network_id: network.id });
  });

  it('pushes a port again when its status changes', async () => {
    const { plugin, seen, channel, settle } = await setup(true);
    const network = await plugin.createNetwork({});
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    await settle();
    drain(seen);
    await channel.updateDeviceList({ devices_up: [port.id], host: 'host1' });
    await settle();
    expect(drain(seen)).toEqual([`Port updated ${port.id}`]);
    const [object] = await channel.bulkPull({
      resource_type: 'Port',
      filter_kwargs: { id: port.id },
    });
    expect(object['versioned_object.data'].status).toBe('ACTIVE');
  });

  it('sends the legacy network_update when an update names the MTU, as Neutron does', async () => {
    const { plugin, seen, settle } = await setup(false);
    const network = await plugin.createNetwork({});
    await plugin.updateNetwork(network.id, { name: 'renamed' });
    await settle();
    expect(seen.filter((notification) => notification.type === 'networkUpdate')).toEqual([]);
    await plugin.updateNetwork(network.id, { mtu: 1400 });
    await settle();
    expect(seen.filter((notification) => notification.type === 'networkUpdate')).toEqual([
      {
        type: 'networkUpdate',
        network: expect.objectContaining({ id: network.id, mtu: 1400, name: 'renamed' }),
      },
    ]);
  });

  it('tells DHCP agents of a deleted network, and other servers of the versions an agent speaks', async () => {
    const { plugin, seen, settle, channel } = await setup(false);
    const network = await plugin.createNetwork({});
    await plugin.deleteNetwork(network.id);
    await channel.reportState({
      agent_state: { ...ovsReport('host2'), resource_versions: { Port: '1.7', Network: '1.1' } },
    });
    await channel.reportState({ agent_state: ovsReport('host2') });
    await settle();
    expect(seen.filter((notification) => notification.type === 'dhcpNetworkDelete')).toEqual([
      { type: 'dhcpNetworkDelete', network_id: network.id },
    ]);
    expect(seen.filter((notification) => notification.type === 'agentResourceVersions')).toEqual([
      {
        type: 'agentResourceVersions',
        agent_host: 'host2',
        agent_type: ovsReport('host2').agent_type,
        version_map: { Port: '1.7', Network: '1.1' },
      },
    ]);
  });

  it('pushes nothing unless asked to', async () => {
    const { plugin, seen, settle } = await setup(false);
    const network = await plugin.createNetwork({});
    await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    await settle();
    expect(drain(seen)).toEqual([]);
  });
});
