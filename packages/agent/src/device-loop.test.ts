import { ReportStateResult } from '@ml2ts/driver-api';
import {
  type AgentServerApi,
  type AgentTransport,
  type DeviceDetails,
  type DeviceListUpdate,
  type DeviceRequest,
  InProcessTransport,
} from '@ml2ts/agent-rpc';
import { type AgentEvent } from './agent-event';
import { InMemoryBridge } from './in-memory-bridge';
import { ManualScheduler } from './manual-scheduler';
import { createOvsAgent } from './ovs-agent';

const POLL = 2_000;

/**
 * A server that knows every port as bound on VXLAN 1001 of network `net`, fails the devices in
 * `failing`, and records the calls.
 */
function fakeServer(failing: Set<string>, failingUp: Set<string> = new Set()) {
  const described: string[] = [];
  const lists: DeviceListUpdate[] = [];
  const server = {
    reportState: async () => ReportStateResult.NEW,
    describeDevice: async (request: DeviceRequest): Promise<DeviceDetails> => {
      described.push(request.device);
      if (failing.has(request.device)) throw new Error('lookup failed');
      return {
        device: request.device,
        port_id: request.device,
        network_id: 'net',
        network_type: 'vxlan',
        segmentation_id: 1001,
        physical_network: null,
        admin_state_up: true,
      };
    },
    updateDeviceList: async (request: DeviceListUpdate) => {
      lists.push(structuredClone(request));
      const up = (request.devices_up ?? []) as string[];
      const down = (request.devices_down ?? []) as string[];
      return {
        devices_up: up.filter((device) => !failingUp.has(device)),
        failed_devices_up: up.filter((device) => failingUp.has(device)),
        devices_down: down.map((device) => ({ device, exists: true })),
        failed_devices_down: [],
      };
    },
  } as unknown as AgentServerApi;
  const transport = new InProcessTransport();
  void transport.createServer().listen(server);
  return { transport, described, lists };
}

function plugMany(bridge: InMemoryBridge, count: number, prefix = 'port') {
  for (let index = 0; index < count; index++) {
    const id = `${prefix}-${index}`;
    bridge.addInterface({
      name: `qvo-${id}`,
      externalIds: { 'iface-id': id, 'attached-mac': 'fa:16:3e:00:00:01' },
    });
  }
}

async function startAgent(transport: AgentTransport, bridge: InMemoryBridge) {
  const scheduler = new ManualScheduler();
  const events: AgentEvent[] = [];
  const agent = createOvsAgent({
    host: 'compute1',
    transport,
    bridge,
    scheduler,
    tunnelTypes: ['vxlan'],
    tunnelingIp: '192.0.2.11',
    initialReportDelayMax: 0,
    reportJitterMax: 0,
    observer: (event) => events.push(event),
  });
  await agent.start();
  await scheduler.runDue();
  return { agent, scheduler, events };
}

describe('DeviceLoop', () => {
  it('reports devices in update_device_list chunks of 20, refreshing tunnels in round 0', async () => {
    const { transport, lists } = fakeServer(new Set());
    const bridge = new InMemoryBridge();
    plugMany(bridge, 45);
    const { agent } = await startAgent(transport, bridge);
    expect(lists.map((call) => [call.devices_up?.length, call.refresh_tunnels])).toEqual([
      [20, true],
      [20, true],
      [5, true],
    ]);
    expect(lists[0]).toMatchObject({ host: 'compute1', agent_id: 'ovs-agent-compute1' });
    expect(agent.roundsCompleted).toBe(1);
    await agent.stop();
  });

  it('retries a failing device 5 times after its first failure, then gives up', async () => {
    const { transport, described } = fakeServer(new Set(['bad']));
    const bridge = new InMemoryBridge();
    bridge.addInterface({
      name: 'qvo-bad',
      externalIds: { 'iface-id': 'bad', 'attached-mac': 'fa:16:3e:00:00:02' },
    });
    const { agent, scheduler, events } = await startAgent(transport, bridge);
    await scheduler.advance(20 * POLL);

    expect(described.filter((device) => device === 'bad')).toHaveLength(6);
    const failures = events.flatMap((event) =>
      event.type === 'deviceFailed' ? [[event.failures, event.givenUp]] : [],
    );
    expect(failures).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
      [6, true],
    ]);
    expect(agent.devices().size).toBe(0);
    await agent.stop();
  });

  it('retries a device the server failed to bring up, and forgets the failures once it succeeds', async () => {
    const failingUp = new Set(['flaky']);
    const { transport, described, lists } = fakeServer(new Set(), failingUp);
    const bridge = new InMemoryBridge();
    bridge.addInterface({
      name: 'qvo-flaky',
      externalIds: { 'iface-id': 'flaky', 'attached-mac': 'fa:16:3e:00:00:03' },
    });
    const { agent, scheduler, events } = await startAgent(transport, bridge);
    failingUp.clear();
    await scheduler.advance(POLL);
    expect(described).toEqual(['flaky', 'flaky']);
    expect(lists.map((call) => call.devices_up)).toEqual([['flaky'], ['flaky']]);
    await scheduler.advance(5 * POLL);
    expect(described).toHaveLength(2);

    failingUp.add('flaky');
    agent.resync();
    await scheduler.advance(POLL);
    const failures = events.flatMap((event) =>
      event.type === 'deviceFailed' ? [event.failures] : [],
    );
    expect(failures).toEqual([1, 1]);
    await agent.stop();
  });

  it('makes the next round a full resync when a round fails', async () => {
    const { transport, described } = fakeServer(new Set());
    const bridge = new InMemoryBridge();
    plugMany(bridge, 2);
    const { agent, scheduler, events } = await startAgent(transport, bridge);
    expect(described).toEqual(['port-0', 'port-1']);

    const list = bridge.listInterfaces.bind(bridge);
    bridge.listInterfaces = async () => {
      bridge.listInterfaces = list;
      throw new Error('ovsdb connection lost');
    };
    plugMany(bridge, 1, 'new');
    await scheduler.advance(POLL);
    expect(events).toContainEqual(expect.objectContaining({ type: 'resync', reason: 'error' }));
    await scheduler.advance(POLL);
    expect(described.slice(2).sort()).toEqual(['new-0', 'port-0', 'port-1']);
    await agent.stop();
  });

  it('does nothing in a round without events, and runs rounds on demand', async () => {
    const { transport, described } = fakeServer(new Set());
    const bridge = new InMemoryBridge();
    plugMany(bridge, 1);
    const { agent, scheduler } = await startAgent(transport, bridge);
    await scheduler.advance(3 * POLL);
    expect(described).toEqual(['port-0']);
    expect(agent.roundsCompleted).toBe(4);

    agent.resync();
    await agent.syncDevices();
    expect(described).toEqual(['port-0', 'port-0']);
    await agent.stop();
    plugMany(bridge, 1, 'late');
    await scheduler.advance(3 * POLL);
    expect(described).toHaveLength(2);
  });
});
