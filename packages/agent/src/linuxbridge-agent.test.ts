import { PortStatus, ReportStateResult, VifType } from '@ml2ts/driver-api';
import { type AgentEvent } from './agent-event';
import { InMemoryBridge } from './in-memory-bridge';
import { type L2Agent } from './l2-agent';
import { createLinuxBridgeAgent } from './linuxbridge-agent';
import { networkBridgeName, tapDeviceName } from './linuxbridge-device-handler';
import { type AgentTestBed, startAgentTestBed } from './test-support/agent-test-bed';

const POLL = 2_000;
const HOST = 'lbhost';

describe('Linux bridge agent', () => {
  let bed: AgentTestBed;
  let agent: L2Agent;
  let bridge: InMemoryBridge;
  let events: AgentEvent[];

  beforeEach(async () => {
    bed = await startAgentTestBed();
    bridge = new InMemoryBridge('lbhost-taps');
    events = [];
    agent = createLinuxBridgeAgent({
      host: HOST,
      transport: bed.transport,
      bridge,
      scheduler: bed.scheduler,
      initialReportDelayMax: 0,
      reportJitterMax: 0,
      interfaceMappings: { physnet1: 'eth1' },
      bridgeMappings: { physnet2: 'br-physnet2' },
      tunnelTypes: ['vxlan'],
      tunnelingIp: '192.0.2.21',
      observer: (event) => events.push(event),
    });
    await agent.start();
    await bed.scheduler.runDue();
  });
  afterEach(async () => {
    await agent.stop();
    await bed.close();
  });

  async function boundPort(networkId?: string) {
    const network = networkId ?? (await bed.plugin.createNetwork({})).id;
    const port = await bed.plugin.createPort({
      network_id: network,
      device_owner: 'compute:nova',
      'binding:host_id': HOST,
    });
    return port;
  }

  function plug(port: { id: string; mac_address: string }): string {
    const name = tapDeviceName(port.id);
    bridge.addInterface({ name, mac: port.mac_address });
    return name;
  }

  it('registers with its mappings and binds ports as bridge', async () => {
    const [registered] = await bed.plugin.agents.list();
    expect(registered).toMatchObject({
      agentType: 'Linux bridge agent',
      binary: 'neutron-linuxbridge-agent',
      host: HOST,
      topic: 'N/A',
    });
    expect(registered.configurations).toEqual({
      interface_mappings: { physnet1: 'eth1' },
      bridge_mappings: { physnet2: 'br-physnet2' },
      tunnel_types: ['vxlan'],
      tunneling_ip: '192.0.2.21',
      l2_population: false,
      extensions: [],
      devices: 0,
    });
    expect((await boundPort())['binding:vif_type']).toBe(VifType.BRIDGE);
  });

  it('plugs the tap into the network bridge; the port goes ACTIVE through BUILD', async () => {
    const port = await boundPort();
    const tap = plug(port);
    expect(tap).toBe(`tap${port.id.slice(0, 11)}`);
    await bed.scheduler.advance(POLL);

    expect(bed.transitions(port.id)).toEqual(['DOWN→BUILD', 'BUILD→ACTIVE']);
    expect(bridge.wiringOf(tap)).toEqual({
      kind: 'linuxbridge',
      bridge: networkBridgeName(port.network_id),
      uplink: 'vxlan-1001',
      tap_state: 'up',
    });
    expect(networkBridgeName(port.network_id)).toBe(`brq${port.network_id.slice(0, 11)}`);

    const vlanNetwork = await bed.plugin.createNetwork({
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': 150,
    });
    const mappedNetwork = await bed.plugin.createNetwork({
      'provider:network_type': 'flat',
      'provider:physical_network': 'physnet2',
    });
    const onVlan = plug(await boundPort(vlanNetwork.id));
    const onMapped = plug(await boundPort(mappedNetwork.id));
    await bed.scheduler.advance(POLL);
    expect(bridge.wiringOf(onVlan)).toMatchObject({
      bridge: networkBridgeName(vlanNetwork.id),
      uplink: 'eth1.150',
    });
    expect(bridge.wiringOf(onMapped)).toMatchObject({ bridge: 'br-physnet2', uplink: null });
  });

  it('takes an unplugged port DOWN and unwires the tap of a deleted port', async () => {
    const port = await boundPort();
    const tap = plug(port);
    await bed.scheduler.advance(POLL);
    bridge.removeInterface(tap);
    await bed.scheduler.advance(POLL);
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.DOWN);
    expect(bed.transitions(port.id)).toEqual(['DOWN→BUILD', 'BUILD→ACTIVE', 'ACTIVE→DOWN']);

    const deleted = await boundPort(port.network_id);
    const deletedTap = plug(deleted);
    await bed.scheduler.advance(POLL);
    await bed.plugin.deletePort(deleted.id);
    await bed.scheduler.advance(POLL);
    expect(bridge.wiringOf(deletedTap)).toBeNull();
    expect(agent.devices().get(deletedTap)).toMatchObject({
      outcome: 'unwired',
      portId: deleted.id,
    });
  });

  it('leaves the tap of a binding_failed port unplugged and unreported', async () => {
    const network = await bed.plugin.createNetwork({
      'provider:network_type': 'flat',
      'provider:physical_network': 'physnet3',
    });
    const port = await boundPort(network.id);
    expect(port['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    const tap = plug(port);
    await bed.scheduler.advance(POLL);
    expect(bridge.wiringOf(tap)).toBeUndefined();
    expect(agent.devices().get(tap)?.outcome).toBe('unbound');
    expect(bed.transitions(port.id)).toEqual([]);
  });

  it('drops start_flag after its first successful report, and resyncs (BUILD again) when revived', async () => {
    const port = await boundPort();
    plug(port);
    await bed.scheduler.advance(30_000);
    expect(events.flatMap((event) => (event.type === 'reported' ? [event.startFlag] : []))).toEqual(
      [true, false],
    );

    // The server sees the agent silent for 100 s more than it was: it has died meanwhile.
    bed.serverClock.shift(100);
    await bed.scheduler.advance(30_000);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'reported', status: ReportStateResult.REVIVED }),
    );
    expect(bed.transitions(port.id)).toEqual([
      'DOWN→BUILD',
      'BUILD→ACTIVE',
      'ACTIVE→BUILD',
      'BUILD→ACTIVE',
    ]);
  });
});
