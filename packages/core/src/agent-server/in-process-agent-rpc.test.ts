import { PortStatus, ReportStateResult } from '@ml2ts/driver-api';
import {
  type AgentNotification,
  InProcessTransport,
  openAgentChannel,
  RemoteCallError,
  RpcTimeoutError,
} from '@ml2ts/agent-rpc';
import {
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';
import { serveAgentRpc } from './serve-agent-rpc';

/** Lets queued microtasks (notification deliveries) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('serveAgentRpc over the in-process transport', () => {
  let engine: TestEngine | undefined;
  let transport: InProcessTransport | undefined;
  afterEach(async () => {
    await transport?.close();
    await engine?.close();
    engine = undefined;
    transport = undefined;
  });

  async function setup() {
    engine = await startTestEngine([new TestAgentDriver()]);
    transport = new InProcessTransport({ callTimeoutMs: 2_000 });
    const service = await serveAgentRpc(engine.plugin, transport);
    const network = await engine.plugin.createNetwork({});
    return { plugin: engine.plugin, transport, network, service };
  }

  it('runs the agent calls on the engine: report, details (BUILD), device up (ACTIVE), down', async () => {
    const { plugin, transport, network } = await setup();
    const channel = await openAgentChannel(transport, 'host1');
    expect(await channel.reportState({ agent_state: ovsReport('host1') })).toBe(
      ReportStateResult.NEW,
    );
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    const tap = `tap${port.id.slice(0, 11)}`;

    const described = await channel.describeDevice({ device: port.id, host: 'host1' });
    expect(described).toMatchObject({ port_id: port.id, network_type: 'vxlan' });
    expect((await plugin.getPort(port.id)).status).toBe(PortStatus.DOWN);

    const details = await channel.getDevicesDetailsList({
      devices: [tap, 'unknown'],
      host: 'host1',
      agent_id: 'agent',
    });
    expect(details.failed_devices).toEqual([]);
    expect(details.devices.map((device) => device.port_id)).toEqual([port.id, undefined]);
    expect((await plugin.getPort(port.id)).status).toBe(PortStatus.BUILD);

    expect(await channel.updateDeviceList({ devices_up: [tap], host: 'host1' })).toEqual({
      devices_up: [tap],
      failed_devices_up: [],
      devices_down: [],
      failed_devices_down: [],
    });
    expect((await plugin.getPort(port.id)).status).toBe(PortStatus.ACTIVE);

    expect(await channel.updateDeviceDown({ device: tap, host: 'host1' })).toEqual({
      device: tap,
      exists: true,
    });
    expect((await plugin.getPort(port.id)).status).toBe(PortStatus.DOWN);
    await channel.updateDeviceUp({ device: port.id, host: 'host1' });
    expect((await plugin.getPort(port.id)).status).toBe(PortStatus.ACTIVE);
    expect(
      await channel.getDeviceDetails({ device: port.id, host: 'host1', agent_id: 'agent' }),
    ).toMatchObject({ port_id: port.id });
    expect((await plugin.getPort(port.id)).status).toBe(PortStatus.BUILD);
  });

  it('carries engine errors back as RemoteCallError with type and status', async () => {
    const { transport } = await setup();
    const channel = await openAgentChannel(transport, 'host1');
    const failure = await channel
      .reportState({ agent_state: { ...ovsReport('host1'), host: '' } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RemoteCallError);
    expect(failure).toMatchObject({ type: 'InvalidInput', httpStatus: 400, method: 'reportState' });
    await expect(
      channel.updateDeviceUp({ device: 'unknown', host: 'host1' }),
    ).resolves.toBeUndefined();
  });

  it('publishes port_update and port_delete to every agent, and nothing else', async () => {
    const { plugin, transport, network } = await setup();
    await plugin.rpc.reportState(ovsReport('host1'));
    const first: AgentNotification[] = [];
    const second: AgentNotification[] = [];
    await (await openAgentChannel(transport, 'host1')).subscribe((n) => first.push(n));
    await (await openAgentChannel(transport, 'host2')).subscribe((n) => second.push(n));

    const port = await plugin.createPort({ network_id: network.id });
    await plugin.updatePort(port.id, { 'binding:host_id': 'host1' });
    await plugin.rpc.updateDeviceUp({ device: port.id, host: 'host1' }); // status events only
    await plugin.deletePort(port.id);
    await settle();

    expect(first.map((notification) => notification.type)).toEqual(['portUpdate', 'portDelete']);
    expect(first[0]).toMatchObject({
      type: 'portUpdate',
      port: { id: port.id, 'binding:host_id': 'host1' },
      network_type: 'vxlan',
      segmentation_id: 1001,
      physical_network: null,
    });
    expect(first[1]).toEqual({ type: 'portDelete', port_id: port.id });
    expect(second).toEqual(first);
  });

  it('stops serving and publishing once closed', async () => {
    const { plugin, transport, network, service } = await setup();
    const channel = await openAgentChannel(transport, 'host1', { timeoutMs: 50 });
    expect(await channel.reportState({ agent_state: ovsReport('host1') })).toBe(
      ReportStateResult.NEW,
    );
    const seen: string[] = [];
    await channel.subscribe((n) => seen.push(n.type));
    await service.close();
    await service.close();
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    await plugin.deletePort(port.id);
    await settle();
    expect(seen).toEqual([]);
    await expect(channel.reportState({ agent_state: ovsReport('host1') })).rejects.toBeInstanceOf(
      RpcTimeoutError,
    );
    expect((await plugin.listPorts()).map((p) => p.status)).not.toContain(PortStatus.ACTIVE);
  });
});
