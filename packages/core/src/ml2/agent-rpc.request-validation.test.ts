import { InvalidInput } from '@ml2ts/driver-api';
import { PluginAgentServer } from '../agent-server/plugin-agent-server';
import {
  dumpDatabase,
  ovsReport,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';

/** A method as a caller that ignores the request types sees it. */
type Untyped = (...args: unknown[]) => Promise<unknown>;

describe('agent RPC requests are checked before any database work', () => {
  let engine: TestEngine;
  let portId: string;

  beforeEach(async () => {
    engine = await startTestEngine([new TestAgentDriver()]);
    await engine.plugin.rpc.reportState(ovsReport('host1'));
    const network = await engine.plugin.createNetwork({});
    portId = (await engine.plugin.createPort({ network_id: network.id })).id;
  });
  afterEach(async () => engine.close());

  const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);
  const report = (changes: Record<string, unknown>) => ({ ...ovsReport('host2'), ...changes });
  const reportState = (...args: unknown[]) =>
    (engine.plugin.rpc.reportState as unknown as Untyped)(...args);

  /** [label, call, the attribute the 400 names]. */
  const refused: Array<[string, () => Promise<unknown>, string]> = [
    ['host of 10 MB', () => reportState(report({ host: tenMegabytes })), 'agent_state.host'],
    [
      'agent_type of 10 MB',
      () => reportState(report({ agent_type: tenMegabytes })),
      'agent_state.agent_type',
    ],
    [
      'binary of 256 characters',
      () => reportState(report({ binary: 'b'.repeat(256) })),
      'agent_state.binary',
    ],
    ['empty topic', () => reportState(report({ topic: '' })), 'agent_state.topic'],
    [
      'availability_zone of 10 MB',
      () => reportState(report({ availability_zone: tenMegabytes })),
      'agent_state.availability_zone',
    ],
    [
      'resource_versions of 10 MB',
      () => reportState(report({ resource_versions: { Port: tenMegabytes } })),
      'agent_state.resource_versions.Port',
    ],
    [
      'resource_versions with a number',
      () => reportState(report({ resource_versions: { Port: 1.7 } })),
      'agent_state.resource_versions.Port',
    ],
    [
      'resource_versions that are a list',
      () => reportState(report({ resource_versions: ['Port'] })),
      'agent_state.resource_versions',
    ],
    ['load "heavy"', () => reportState(report({ load: 'heavy' })), 'agent_state.load'],
    ['negative load', () => reportState(report({ load: -1 })), 'agent_state.load'],
    ['fractional load', () => reportState(report({ load: 0.5 })), 'agent_state.load'],
    [
      'start_flag "yes"',
      () => reportState(report({ start_flag: 'yes' })),
      'agent_state.start_flag',
    ],
    [
      'configurations too large',
      () => reportState(report({ configurations: { big: 'c'.repeat(5000) } })),
      'agent_state.configurations',
    ],
    ['an unknown key', () => reportState(report({ colour: 'red' })), 'agent_state.colour'],
    ['no report at all', () => reportState(undefined), 'agent_state'],
    ['a time that is not a string', () => reportState(report({}), 42), 'time'],
    ['a time that is not a timestamp', () => reportState(report({}), 'soon'), 'time'],
    [
      'get_device_details without device',
      () => (engine.plugin.rpc.getDeviceDetails as unknown as Untyped)({ host: 'host1' }),
      'device',
    ],
    [
      'update_device_up with a host that is a number',
      () => (engine.plugin.rpc.updateDeviceUp as unknown as Untyped)({ device: portId, host: 1 }),
      'host',
    ],
    [
      'update_device_down with an agent_id of 10 MB',
      () =>
        (engine.plugin.rpc.updateDeviceDown as unknown as Untyped)({
          device: portId,
          agent_id: tenMegabytes,
        }),
      'agent_id',
    ],
    [
      'describe_device with an unknown key',
      () => (engine.plugin.rpc.describeDevice as unknown as Untyped)({ device: portId, port: 1 }),
      'port',
    ],
    [
      'get_devices_details_list without a list',
      () =>
        (new PluginAgentServer(engine.plugin).getDevicesDetailsList as unknown as Untyped)({
          devices: 'tap1',
        }),
      'devices',
    ],
    [
      'update_device_list with a device that is a number',
      () =>
        (new PluginAgentServer(engine.plugin).updateDeviceList as unknown as Untyped)({
          devices_up: [7],
        }),
      'devices_up[0]',
    ],
    [
      'the report_state envelope without agent_state',
      () =>
        (new PluginAgentServer(engine.plugin).reportState as unknown as Untyped)({
          time: 'x',
        }),
      'agent_state',
    ],
    [
      'agent admin state that is a string',
      () => (engine.plugin.agents.setAdminState as unknown as Untyped)('agent', 'up'),
      'admin_state_up',
    ],
  ];

  it.each(refused)(
    '%s: 400 naming the attribute, nothing written',
    async (_label, act, attribute) => {
      const before = await dumpDatabase(engine);
      const error = await act().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error).toMatchObject({ type: 'InvalidInput', httpStatus: 400, attribute });
      expect((error as Error).message.length).toBeLessThan(1000);
      expect(await dumpDatabase(engine)).toEqual(before);
    },
  );

  it('accepts a full report as Neutron agents send it, availability_zone null included', async () => {
    const result = await engine.plugin.rpc.reportState(
      {
        ...ovsReport('host2'),
        availability_zone: null as unknown as string,
        load: 0,
        resource_versions: { Port: '1.7', Network: '1.1' },
        uuid: '9d531d57-7422-499c-bfea-1ae493f5abbb',
      },
      '2026-01-01T00:00:01.000000',
    );
    expect(result).toBe('new');
    const [agent] = await engine.plugin.agents.list({ host: 'host2' });
    expect(agent.host).toBe('host2');
  });

  it('accepts the device requests agents send, refresh_tunnels included', async () => {
    await engine.plugin.rpc.updateDeviceUp({
      device: portId,
      agent_id: 'ovs-agent-host1',
      host: 'host1',
      refresh_tunnels: true,
    } as Parameters<typeof engine.plugin.rpc.updateDeviceUp>[0]);
    const result = await new PluginAgentServer(engine.plugin).updateDeviceList({
      devices_up: [portId],
      devices_down: [],
      agent_id: 'ovs-agent-host1',
      host: 'host1',
      refresh_tunnels: true,
    });
    expect(result.devices_up).toEqual([portId]);
  });
});
