import { InvalidInput, Ml2Error, PortStatus, ReportStateResult } from '@ml2ts/driver-api';
import { type AgentRpc } from '../ml2/agent-rpc';
import { Notifier } from '../ml2/notifier';
import { ovsReport, startTestEngine, TestAgentDriver, type TestEngine } from '../test-support/test-engine';
import { type AgentNotification } from '@ml2ts/agent-rpc';
import { InProcessTransport } from '@ml2ts/agent-rpc';
import { ChannelClosedError, RemoteCallError } from '@ml2ts/agent-rpc';

/** Lets queued microtasks (notification deliveries) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('InProcessTransport', () => {
  let engine: TestEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  async function setup() {
    engine = await startTestEngine([new TestAgentDriver()]);
    const transport = new InProcessTransport(engine.plugin);
    const network = await engine.plugin.createNetwork({});
    return { plugin: engine.plugin, transport, network };
  }

  it('passes requests and replies as JSON copies: nothing shared, Dates become strings', async () => {
    const received: unknown[] = [];
    const reply = { status: 'alive', at: new Date(Date.UTC(2026, 0, 2)), gone: undefined };
    const rpc = {
      reportState: async (report: unknown, time: unknown) => {
        received.push(report, time);
        return reply;
      },
    } as unknown as AgentRpc;
    const transport = new InProcessTransport({ rpc, notifier: new Notifier() });
    const sent = {
      agent_state: {
        ...ovsReport('host1'),
        configurations: { since: new Date(Date.UTC(2026, 0, 1)), skipped: undefined },
      },
      time: '2026-01-01T00:00:00.000000',
    };
    const answer = (await transport.connect('host1').reportState(sent)) as unknown;

    expect(received[0]).not.toBe(sent.agent_state);
    expect(received[0]).toMatchObject({ configurations: { since: '2026-01-01T00:00:00.000Z' } });
    expect('skipped' in (received[0] as { configurations: object }).configurations).toBe(false);
    expect(received[1]).toBe('2026-01-01T00:00:00.000000');
    expect(answer).not.toBe(reply);
    expect(answer).toEqual({ status: 'alive', at: '2026-01-02T00:00:00.000Z' });
  });

  it('runs the agent calls on the engine: report, details (BUILD), device up (ACTIVE), down', async () => {
    const { plugin, transport, network } = await setup();
    const channel = transport.connect('host1');
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

  it('carries server errors back as RemoteCallError with type and status', async () => {
    const { transport } = await setup();
    const channel = transport.connect('host1');
    const failure = await channel
      .reportState({ agent_state: { ...ovsReport('host1'), host: '' } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RemoteCallError);
    expect(failure).toBeInstanceOf(Ml2Error);
    expect(failure).not.toBeInstanceOf(InvalidInput);
    expect(failure).toMatchObject({ type: 'InvalidInput', httpStatus: 400, method: 'reportState' });

    const broken = new InProcessTransport({
      rpc: {
        describeDevice: async () => {
          throw new TypeError('database is locked');
        },
      } as unknown as AgentRpc,
      notifier: new Notifier(),
    });
    await expect(broken.connect('host1').describeDevice({ device: 'x' })).rejects.toMatchObject({
      type: 'RemoteError',
      httpStatus: 500,
      message: 'database is locked',
    });
  });

  it('fans port_update and port_delete out to every channel, each with its own copy', async () => {
    const { plugin, transport, network } = await setup();
    await plugin.rpc.reportState(ovsReport('host1'));
    const first: AgentNotification[] = [];
    const second: AgentNotification[] = [];
    transport.connect('host1').subscribe((notification) => first.push(notification));
    transport.connect('host2').subscribe((notification) => second.push(notification));

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
    expect(second[0]).not.toBe(first[0]);
  });

  it('delivers after the emitting call, and survives a throwing listener', async () => {
    const notifier = new Notifier();
    const transport = new InProcessTransport({ rpc: {} as AgentRpc, notifier });
    const seen: string[] = [];
    const channel = transport.connect('host1');
    channel.subscribe(() => {
      throw new Error('listener bug');
    });
    channel.subscribe((notification) => seen.push(notification.type));

    notifier.emit('portDelete', { portId: 'p1' });
    notifier.emit('vifPlugged', { portId: 'p1', deviceId: 'vm', status: 'ACTIVE' });
    expect(seen).toEqual([]);
    await settle();
    expect(seen).toEqual(['portDelete']);
  });

  it('stops delivering to unsubscribed listeners and closed channels; closed calls reject', async () => {
    const notifier = new Notifier();
    const transport = new InProcessTransport({ rpc: {} as AgentRpc, notifier });
    const kept: string[] = [];
    const dropped: string[] = [];
    const closing: string[] = [];
    const channel = transport.connect('host1');
    channel.subscribe((notification) => kept.push(notification.type));
    const unsubscribe = channel.subscribe((notification) => dropped.push(notification.type));
    const other = transport.connect('host2');
    other.subscribe((notification) => closing.push(notification.type));
    expect(transport.openChannels).toBe(2);

    unsubscribe();
    other.close();
    other.close();
    expect(transport.openChannels).toBe(1);
    notifier.emit('portDelete', { portId: 'p1' });
    await settle();
    expect(kept).toEqual(['portDelete']);
    expect(dropped).toEqual([]);
    expect(closing).toEqual([]);
    await expect(other.describeDevice({ device: 'p1' })).rejects.toBeInstanceOf(ChannelClosedError);
    expect(() => other.subscribe(() => undefined)).toThrow(ChannelClosedError);

    transport.close();
    notifier.emit('portDelete', { portId: 'p2' });
    await settle();
    expect(kept).toEqual(['portDelete']);
    expect(transport.openChannels).toBe(0);
    expect(() => transport.connect('host3')).toThrow(ChannelClosedError);
  });
});
