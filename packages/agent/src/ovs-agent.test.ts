import { PortStatus, ReportStateResult, VifType } from '@ml2ts/driver-api';
import { type AgentEvent } from './agent-event';
import { DEAD_VLAN } from './device-wiring';
import { DEFAULT_OVS_CAPABILITIES, InMemoryBridge } from './in-memory-bridge';
import { type L2Agent } from './l2-agent';
import { createOvsAgent, type OvsAgentOptions } from './ovs-agent';
import { type OvsDeviceHandler } from './ovs-device-handler';
import {
  type AgentTestBed,
  ovsExternalIds,
  startAgentTestBed,
} from './test-support/agent-test-bed';

const POLL = 2_000;
const DEAD = { kind: 'ovs', tag: DEAD_VLAN, other_config: {}, drop_flow: true };

describe('Open vSwitch agent', () => {
  let bed: AgentTestBed;
  const agents: L2Agent[] = [];
  beforeEach(async () => {
    bed = await startAgentTestBed();
  });
  afterEach(async () => {
    for (const agent of agents.splice(0)) await agent.stop();
    await bed.close();
  });

  async function startOvs(options: Partial<OvsAgentOptions> = {}) {
    const bridge = new InMemoryBridge('br-int');
    const events: AgentEvent[] = [];
    const agent: L2Agent<OvsDeviceHandler> = createOvsAgent({
      host: 'compute1',
      transport: bed.transport,
      bridge,
      scheduler: bed.scheduler,
      initialReportDelayMax: 0,
      reportJitterMax: 0,
      bridgeMappings: { physnet1: 'br-eth1' },
      tunnelTypes: ['vxlan'],
      tunnelingIp: '192.0.2.11',
      firewallDriver: 'iptables_hybrid',
      observer: (event) => events.push(event),
      ...options,
    });
    agents.push(agent);
    await agent.start();
    await bed.scheduler.runDue();
    return { agent, bridge, events };
  }

  async function boundPort(networkId?: string, host = 'compute1') {
    const network = networkId ?? (await bed.plugin.createNetwork({})).id;
    return bed.plugin.createPort({
      network_id: network,
      device_owner: 'compute:nova',
      'binding:host_id': host,
    });
  }

  function plug(bridge: InMemoryBridge, port: { id: string; mac_address: string }) {
    const name = `qvo${port.id.slice(0, 11)}`;
    bridge.addInterface({ name, externalIds: ovsExternalIds(port) });
    return name;
  }

  it('registers with its configurations, which decide the hybrid plug of bound ports', async () => {
    await startOvs();
    await startOvs({ host: 'compute2', firewallDriver: 'openvswitch' });
    const [first, second] = await bed.plugin.agents.list();
    expect(first).toMatchObject({ agentType: 'Open vSwitch agent', host: 'compute1', alive: true });
    expect(first.binary).toBe('neutron-openvswitch-agent');
    expect(first.configurations).toMatchObject({
      bridge_mappings: { physnet1: 'br-eth1' },
      integration_bridge: 'br-int',
      tunnel_types: ['vxlan'],
      tunneling_ip: '192.0.2.11',
      datapath_type: 'system',
      ovs_hybrid_plug: true,
      ovs_capabilities: DEFAULT_OVS_CAPABILITIES,
      devices: 0,
    });
    expect(second.configurations.ovs_hybrid_plug).toBe(false);

    const hybrid = await boundPort();
    expect(hybrid['binding:vif_type']).toBe(VifType.OVS);
    expect(hybrid['binding:vif_details']).toMatchObject({
      ovs_hybrid_plug: true,
      bridge_name: 'br-int',
    });
    const plain = await boundPort(hybrid.network_id, 'compute2');
    expect(plain['binding:vif_details']).toMatchObject({ ovs_hybrid_plug: false });
  });

  it('wires a plugged interface of a bound port with its local VLAN; the port goes ACTIVE without BUILD', async () => {
    const { agent, bridge, events } = await startOvs();
    const port = await boundPort();
    const name = plug(bridge, port);
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.DOWN);

    await bed.scheduler.advance(POLL);
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.ACTIVE);
    expect(bed.transitions(port.id)).toEqual(['DOWN→ACTIVE']);
    expect(bridge.wiringOf(name)).toEqual({
      kind: 'ovs',
      tag: 1,
      other_config: {
        net_uuid: port.network_id,
        network_type: 'vxlan',
        segmentation_id: '1001',
        tag: '1',
      },
      drop_flow: false,
    });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'devicesReported', up: [port.id], down: [] }),
    );

    // Another port of that network shares the VLAN; a VLAN network gets the next one.
    const sibling = await boundPort(port.network_id);
    const vlanNetwork = await bed.plugin.createNetwork({
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': 150,
    });
    const onVlan = await boundPort(vlanNetwork.id);
    const siblingName = plug(bridge, sibling);
    const vlanName = plug(bridge, onVlan);
    await bed.scheduler.advance(POLL);
    expect(bridge.wiringOf(siblingName)).toMatchObject({ tag: 1 });
    expect(bridge.wiringOf(vlanName)).toEqual({
      kind: 'ovs',
      tag: 2,
      other_config: {
        net_uuid: vlanNetwork.id,
        network_type: 'vlan',
        physical_network: 'physnet1',
        segmentation_id: '150',
        tag: '2',
      },
      drop_flow: false,
    });
    expect((await bed.plugin.getPort(onVlan.id)).status).toBe(PortStatus.ACTIVE);
    expect(agent.configurations().devices).toBe(3);
  });

  it('takes an unplugged port DOWN and frees the local VLAN with its last port', async () => {
    const { agent, bridge } = await startOvs();
    const port = await boundPort();
    const name = plug(bridge, port);
    await bed.scheduler.advance(POLL);
    expect(agent.handler.vlans.list()).toHaveLength(1);

    bridge.removeInterface(name);
    await bed.scheduler.advance(POLL);
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.DOWN);
    expect(bed.transitions(port.id)).toEqual(['DOWN→ACTIVE', 'ACTIVE→DOWN']);
    expect(agent.handler.vlans.list()).toEqual([]);
    expect(agent.devices().has(port.id)).toBe(false);
  });

  it('moves a deleted port to the dead VLAN when the server says so', async () => {
    const { agent, bridge, events } = await startOvs();
    const port = await boundPort();
    const name = plug(bridge, port);
    await bed.scheduler.advance(POLL);

    await bed.plugin.deletePort(port.id);
    await bed.scheduler.advance(POLL);
    expect(bridge.wiringOf(name)).toEqual(DEAD);
    expect(agent.devices().get(port.id)?.outcome).toBe('unwired');
    expect(agent.handler.vlans.list()).toEqual([]);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'deviceUnwired', device: port.id, portId: port.id }),
    );
  });

  it('puts a binding_failed port on the dead VLAN and reports nothing for it', async () => {
    const { agent, bridge, events } = await startOvs();
    const unmapped = await bed.plugin.createNetwork({
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet2',
      'provider:segmentation_id': 250,
    });
    const port = await boundPort(unmapped.id);
    expect(port['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    const name = plug(bridge, port);
    await bed.scheduler.advance(POLL);

    expect(bridge.wiringOf(name)).toEqual(DEAD);
    expect(agent.devices().get(port.id)?.outcome).toBe('unbound');
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.DOWN);
    expect(bed.transitions(port.id)).toEqual([]);
    const reported = events.flatMap((event) =>
      event.type === 'devicesReported' ? [...event.up, ...event.down] : [],
    );
    expect(reported).not.toContain(port.id);
  });

  it('reacts to port updates: admin down → dead VLAN and DOWN; admin up → ACTIVE again', async () => {
    const { bridge } = await startOvs();
    const port = await boundPort();
    const name = plug(bridge, port);
    await bed.scheduler.advance(POLL);

    await bed.plugin.updatePort(port.id, { admin_state_up: false });
    await bed.scheduler.advance(POLL);
    expect(bridge.wiringOf(name)).toEqual(DEAD);
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.DOWN);

    await bed.plugin.updatePort(port.id, { admin_state_up: true });
    await bed.scheduler.advance(POLL);
    expect(bridge.wiringOf(name)).toMatchObject({ tag: 1, drop_flow: false });
    expect(bed.transitions(port.id)).toEqual(['DOWN→ACTIVE', 'ACTIVE→DOWN', 'DOWN→ACTIVE']);
  });

  it('waits for an ofport, and ignores interfaces without attached-mac', async () => {
    const { agent, bridge } = await startOvs();
    const port = await boundPort();
    const other = await boundPort(port.network_id);
    bridge.addInterface({ name: 'qvo-pending', externalIds: ovsExternalIds(port), ofport: null });
    bridge.addInterface({ name: 'qvo-nomac', externalIds: { 'iface-id': other.id } });
    await bed.scheduler.advance(POLL);
    expect(bridge.wiringOf('qvo-pending')).toBeUndefined();
    expect(bridge.wiringOf('qvo-nomac')).toBeUndefined();
    expect(agent.devices().size).toBe(0);

    await bed.scheduler.advance(POLL); // still not ready: looked at again, nothing done
    bridge.assignOfport('qvo-pending', 12);
    await bed.scheduler.advance(POLL);
    expect(bridge.wiringOf('qvo-pending')).toMatchObject({ tag: 1 });
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.ACTIVE);
    expect((await bed.plugin.getPort(other.id)).status).toBe(PortStatus.DOWN);
  });

  it('reports a re-added interface down first, so that its up is a fresh transition', async () => {
    const { bridge } = await startOvs();
    const port = await boundPort();
    const name = plug(bridge, port);
    await bed.scheduler.advance(POLL);

    bridge.removeInterface(name);
    plug(bridge, port);
    await bed.scheduler.advance(POLL);
    expect(bed.transitions(port.id)).toEqual(['DOWN→ACTIVE', 'ACTIVE→DOWN', 'DOWN→ACTIVE']);
    expect(bridge.wiringOf(name)).toMatchObject({ tag: 1 });
  });

  it('sends start_flag until a report after the first loop round, and resyncs when revived', async () => {
    const { agent, bridge, events } = await startOvs();
    const port = await boundPort();
    plug(bridge, port);
    await bed.scheduler.advance(60_000);
    const reports = events.filter((event) => event.type === 'reported');
    expect(reports.map((event) => [event.status, event.startFlag])).toEqual([
      [ReportStateResult.NEW, true],
      [ReportStateResult.ALIVE, true],
      [ReportStateResult.ALIVE, false],
    ]);
    expect(agent.sendsStartFlag).toBe(false);

    // The server sees the agent silent for 100 s more than it was: it has died meanwhile.
    bed.serverClock.shift(100);
    events.length = 0;
    await bed.scheduler.advance(30_000 + POLL);
    const types = events.map((event) => event.type);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'reported', status: ReportStateResult.REVIVED }),
    );
    expect(types.indexOf('resync')).toBeLessThan(types.indexOf('deviceSeen'));
    expect(events).toContainEqual(expect.objectContaining({ type: 'deviceSeen', device: port.id }));
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.ACTIVE);
  });
});
