import { NetworkSegment } from '@ml2ts/store';
import {
  AgentType,
  DeclineReason,
  type MechanismDriver,
  PortStatus,
  VifType,
  type PortContext,
} from '@ml2ts/driver-api';
import {
  ovsReport,
  scriptedDriver,
  startTestEngine,
  TestAgentDriver,
  type TestEngine,
} from '../test-support/test-engine';

/** Binds every port on the first segment with vif_type ovs. */
const bindAll = (context: PortContext) =>
  context.setBinding(context.segmentsToBind[0].id, VifType.OVS, { port_filter: true });

/**
 * Behaviours of Neutron's ML2 plugin that are easy to get wrong and that ml2ts reproduces on
 * purpose (docs/neutron-behaviours.md tells each one's story).
 */
describe('ML2 plugin behaviours that surprise, reproduced from Neutron', () => {
  let engine: TestEngine;
  afterEach(async () => engine?.close());

  async function setup(drivers: MechanismDriver[] = [new TestAgentDriver()]) {
    engine = await startTestEngine(drivers);
    await engine.plugin.rpc.reportState(ovsReport('host1'));
    const network = await engine.plugin.createNetwork({ name: 'net1' });
    return { plugin: engine.plugin, network };
  }

  it('a failing binding is committed as binding_failed; nothing retries until a trigger', async () => {
    const driver = scriptedDriver('never', () => undefined);
    const { plugin, network } = await setup([driver]);
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    // ml2ts computes a failing binding once per trigger (docs/differences-from-neutron.md).
    expect(driver.bindCalls).toBe(1);
    await plugin.getPort(port.id);
    expect(driver.bindCalls).toBe(1);
    await plugin.updatePort(port.id, { name: 'renamed' });
    expect(driver.bindCalls).toBe(2);
  });

  it('binding_failed is not an API error and leaves the status as it was', async () => {
    const { plugin, network } = await setup([scriptedDriver('never', () => undefined)]);
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port.status).toBe(PortStatus.DOWN);
    expect(port['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    expect(port['binding:vif_details']).toEqual({});
  });

  it('equal profiles in another key order are not a concurrent change', async () => {
    const { plugin, network } = await setup();
    const port = await plugin.createPort({
      network_id: network.id,
      'binding:host_id': 'host1',
      'binding:profile': { b: 1, a: { y: 2, x: 1 } },
    });
    expect(port['binding:vif_type']).toBe(VifType.OVS);
    const again = await plugin.updatePort(port.id, {
      'binding:profile': { a: { x: 1, y: 2 }, b: 1 },
    });
    expect(again['binding:vif_type']).toBe(VifType.OVS);
    expect(again.status).toBe(port.status);
  });

  it('any update, even a rename, re-attempts a failed binding; a bound port is not rebound', async () => {
    const driver = new TestAgentDriver();
    engine = await startTestEngine([driver]);
    const { plugin } = engine;
    const network = await plugin.createNetwork({});
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    await plugin.rpc.reportState(ovsReport('host1'));
    const renamed = await plugin.updatePort(port.id, { name: 'just a name' });
    expect(renamed['binding:vif_type']).toBe(VifType.OVS);
    const spy = jest.spyOn(driver, 'bindPort');
    await plugin.updatePort(port.id, { name: 'another name', device_id: 'vm-1' });
    expect(spy).not.toHaveBeenCalled();
  });

  it('a network without static segments skips binding silently (unbound, not failed)', async () => {
    const { plugin, network } = await setup();
    const networkRow = network.id;
    await engine.store.transaction((manager) =>
      manager.delete(NetworkSegment, { networkId: networkRow }),
    );
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port['binding:vif_type']).toBe(VifType.UNBOUND);
    const trace = await plugin.explainBinding(port.id);
    expect(trace?.outcome).toBe('not_attempted');
  });

  it('host null and host empty both unbind, delete the levels and set DOWN, with no port_update', async () => {
    const { plugin, network } = await setup();
    const updates: string[] = [];
    plugin.notifier.on('portUpdate', ({ port }) => updates.push(port.id));
    for (const host of [null, ''] as const) {
      const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
      await plugin.rpc.updateDeviceUp({ device: port.id, host: 'host1' });
      expect((await plugin.getPort(port.id)).status).toBe(PortStatus.ACTIVE);
      const unbound = await plugin.updatePort(port.id, { 'binding:host_id': host });
      expect(unbound['binding:host_id']).toBe('');
      expect(unbound['binding:vif_type']).toBe(VifType.UNBOUND);
      expect(unbound['binding:vif_details']).toEqual({});
      expect(unbound.status).toBe(PortStatus.DOWN);
      expect(await plugin.getBindingLevels(port.id)).toEqual([]);
    }
    expect(updates).toEqual([]);
  });

  it("port_update after an update carries the port's security groups, as the port shows them", async () => {
    const { plugin, network } = await setup();
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port.security_groups).toHaveLength(1);
    const updates: Array<readonly string[]> = [];
    plugin.notifier.on('portUpdate', (event) => updates.push(event.port.security_groups));
    await plugin.updatePort(port.id, { admin_state_up: false });
    expect(updates).toEqual([port.security_groups]);
  });

  it('a profile change of a running port resets it to DOWN until the agent reports up', async () => {
    const { plugin, network } = await setup();
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    await plugin.rpc.updateDeviceUp({ device: port.id, host: 'host1' });
    const tweaked = await plugin.updatePort(port.id, { 'binding:profile': { tweak: true } });
    expect(tweaked.status).toBe(PortStatus.DOWN);
    expect(tweaked['binding:vif_type']).toBe(VifType.OVS);
    await plugin.rpc.updateDeviceUp({ device: port.id, host: 'host1' });
    expect((await plugin.getPort(port.id)).status).toBe(PortStatus.ACTIVE);
  });

  it('ACTIVE needs every provisioning block cleared, a usable binding and admin up', async () => {
    const { plugin, network } = await setup();
    // An owner without an L2 block goes ACTIVE on the first completion report.
    const dhcp = await plugin.createPort({
      network_id: network.id,
      device_owner: 'network:dhcp',
      'binding:host_id': 'host1',
    });
    await plugin.rpc.updateDeviceUp({ device: dhcp.id, host: 'host1' });
    expect((await plugin.getPort(dhcp.id)).status).toBe(PortStatus.ACTIVE);
    // Admin down never goes ACTIVE.
    const down = await plugin.createPort({
      network_id: network.id,
      device_owner: 'compute:nova',
      admin_state_up: false,
      'binding:host_id': 'host1',
    });
    await plugin.rpc.updateDeviceUp({ device: down.id, host: 'host1' });
    expect((await plugin.getPort(down.id)).status).toBe(PortStatus.DOWN);
    // binding_failed never goes ACTIVE.
    const failed = await plugin.createPort({
      network_id: network.id,
      device_owner: 'compute:nova',
      'binding:host_id': 'host-without-agent',
    });
    await plugin.rpc.updateDeviceUp({ device: failed.id });
    expect((await plugin.getPort(failed.id)).status).toBe(PortStatus.DOWN);
    // unbound (no host) never goes ACTIVE: the check retries ten times, then gives up.
    const unbound = await plugin.createPort({
      network_id: network.id,
      device_owner: 'compute:nova',
    });
    await plugin.rpc.updateDeviceUp({ device: unbound.id });
    expect((await plugin.getPort(unbound.id)).status).toBe(PortStatus.DOWN);
  });

  it('agent admin_state_up is ignored by binding; only liveness counts', async () => {
    const { plugin, network } = await setup();
    const [agent] = await plugin.agents.list({ host: 'host1' });
    await plugin.agents.setAdminState(agent.id, false);
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port['binding:vif_type']).toBe(VifType.OVS);
  });

  it('a dead agent makes its driver decline, with the heartbeat age and limit in the trace', async () => {
    const { plugin, network } = await setup();
    engine.clock.advance(76);
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    const trace = await plugin.explainBinding(port.id);
    const reason = trace?.attempts[0].entries[0].reasons.find(
      (candidate) => candidate.code === DeclineReason.AGENT_DEAD,
    );
    expect(reason?.facts).toMatchObject({ heartbeatAgeSeconds: 76, agentDownTime: 75 });
  });

  it('heartbeat time comes from the server clock, the agent time only drops stale reports', async () => {
    engine = await startTestEngine([new TestAgentDriver()]);
    const { plugin } = engine;
    expect(
      await plugin.rpc.reportState(ovsReport('host1'), '2020-01-01T00:00:00.000000'),
    ).toBeNull();
    expect(await plugin.agents.list()).toEqual([]);
    expect(await plugin.rpc.reportState(ovsReport('host1'), '2099-01-01T00:00:00.000000')).toBe(
      'new',
    );
    const [agent] = await plugin.agents.list();
    expect(agent.heartbeatTimestamp.toISOString()).toBe(engine.clock.now().toISOString());
    // Exactly agent_down_time old is still alive; a millisecond more is dead.
    engine.clock.advance(75);
    expect((await plugin.agents.get(agent.id)).alive).toBe(true);
    engine.clock.advance(0.001);
    expect((await plugin.agents.get(agent.id)).alive).toBe(false);
  });

  it('only a revived OVS agent rebinds its failed ports; new agents and other types do not', async () => {
    const ovs = new TestAgentDriver();
    const bridge = new TestAgentDriver('testlb', AgentType.LINUXBRIDGE);
    engine = await startTestEngine([ovs, bridge]);
    const { plugin } = engine;
    const network = await plugin.createNetwork({});
    const lbReport = {
      ...ovsReport('host1'),
      agent_type: AgentType.LINUXBRIDGE,
      binary: 'neutron-linuxbridge-agent',
    };
    expect(await plugin.rpc.reportState(ovsReport('host1'))).toBe('new');
    expect(await plugin.rpc.reportState(lbReport)).toBe('new');
    engine.clock.advance(100);
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    expect(await plugin.rpc.reportState({ ...lbReport, start_flag: false })).toBe('revived');
    expect((await plugin.getPort(port.id))['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    expect(await plugin.rpc.reportState({ ...ovsReport('host1'), start_flag: false })).toBe(
      'revived',
    );
    expect((await plugin.getPort(port.id))['binding:vif_type']).toBe(VifType.OVS);
    expect(await plugin.rpc.reportState(ovsReport('host1'))).toBe('alive');
  });

  it('a revived OVS agent that is admin down rebinds nothing', async () => {
    const { plugin, network } = await setup();
    const [agent] = await plugin.agents.list();
    await plugin.agents.setAdminState(agent.id, false);
    engine.clock.advance(100);
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(await plugin.rpc.reportState(ovsReport('host1'))).toBe('revived');
    expect((await plugin.getPort(port.id))['binding:vif_type']).toBe(VifType.BINDING_FAILED);
  });

  it('the same driver may bind at several levels on different segments', async () => {
    const driver = scriptedDriver('stacked', async (context) => {
      const [segment] = context.segmentsToBind;
      if (segment.networkType === 'vxlan') {
        const dynamic = await context.allocateDynamicSegment({
          networkType: 'vlan',
          physicalNetwork: 'physnet1',
        });
        context.continueBinding(segment.id, [dynamic]);
      } else {
        bindAll(context);
      }
    });
    const { plugin, network } = await setup([driver]);
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port['binding:vif_details']).toMatchObject({
      bound_drivers: { '0': 'stacked', '1': 'stacked' },
    });
    const levels = await plugin.getBindingLevels(port.id);
    expect(levels.map((level) => [level.level, level.segment?.network_type])).toEqual([
      [0, 'vxlan'],
      [1, 'vlan'],
    ]);
  });

  it('a throwing driver is skipped and the next one binds', async () => {
    const broken = scriptedDriver('broken', () => {
      throw new Error('cannot reach the switch');
    });
    const { plugin, network } = await setup([broken, scriptedDriver('good', bindAll)]);
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port['binding:vif_details']).toMatchObject({ bound_drivers: { '0': 'good' } });
    const trace = await plugin.explainBinding(port.id);
    expect(trace?.attempts[0].entries[0]).toMatchObject({
      driver: 'broken',
      decision: 'error',
      error: 'cannot reach the switch',
    });
  });

  it('continueBinding with an empty list completes the binding with the current vif_type', async () => {
    const { plugin, network } = await setup([
      scriptedDriver('stopper', (context) =>
        context.continueBinding(context.segmentsToBind[0].id, []),
      ),
    ]);
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port['binding:vif_type']).toBe(VifType.UNBOUND);
    expect(await plugin.getBindingLevels(port.id)).toHaveLength(1);
  });

  it('ports without fixed IPs are bound only by l2 drivers', async () => {
    const legacy = scriptedDriver('legacy', bindAll, { connectivity: 'legacy' });
    const { plugin, network } = await setup([legacy, scriptedDriver('l2driver', bindAll)]);
    const noIps = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(noIps['binding:vif_details']).toMatchObject({ bound_drivers: { '0': 'l2driver' } });
    const subnet = await plugin.createSubnet({ network_id: network.id, cidr: '10.0.0.0/24' });
    const withIp = await plugin.createPort({
      network_id: network.id,
      'binding:host_id': 'host1',
      fixed_ips: [{ subnet_id: subnet.id, ip_address: '10.0.0.5' }],
    });
    expect(withIp['binding:vif_details']).toMatchObject({ bound_drivers: { '0': 'legacy' } });
  });

  it('with fixed IPs only segments of the subnets (or unsegmented subnets) are candidates', async () => {
    const { plugin } = await setup();
    const network = await plugin.createNetwork({
      segments: [
        {
          'provider:network_type': 'vlan',
          'provider:physical_network': 'physnet1',
          'provider:segmentation_id': 150,
        },
        { 'provider:network_type': 'vxlan', 'provider:segmentation_id': 5000 },
      ],
    });
    const segments = await plugin.listSegments(network.id);
    const subnet = await plugin.createSubnet({
      network_id: network.id,
      cidr: '10.1.0.0/24',
      segment_id: segments[1].id,
    });
    const port = await plugin.createPort({
      network_id: network.id,
      'binding:host_id': 'host1',
      fixed_ips: [{ subnet_id: subnet.id, ip_address: '10.1.0.9' }],
    });
    const [level] = await plugin.getBindingLevels(port.id);
    expect(level.segment?.network_type).toBe('vxlan');
  });

  it('dynamic segments are shared, looked up without network_type, and kept on unbind and delete', async () => {
    const allocations: string[] = [];
    const driver = scriptedDriver('hier', async (context) => {
      const [segment] = context.segmentsToBind;
      if (segment.networkType === 'vxlan') {
        const dynamic = await context.allocateDynamicSegment({
          networkType: allocations.length === 0 ? 'vlan' : 'flat',
          physicalNetwork: 'physnet1',
        });
        allocations.push(dynamic.id);
        context.continueBinding(segment.id, [dynamic]);
      } else {
        bindAll(context);
      }
    });
    const { plugin, network } = await setup([driver]);
    const first = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    const second = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(allocations[0]).toBe(allocations[1]);
    await plugin.updatePort(first.id, { 'binding:host_id': '' });
    await plugin.deletePort(second.id);
    const segments = await plugin.listSegments(network.id);
    expect(segments.filter((segment) => segment.is_dynamic)).toHaveLength(1);
  });

  it('a dynamic VLAN on a physnet the network already has a static VLAN segment on fails the driver', async () => {
    const driver = scriptedDriver('hier', async (context) => {
      const dynamic = await context.allocateDynamicSegment({
        networkType: 'vlan',
        physicalNetwork: 'physnet1',
        segmentationId: 120,
      });
      context.continueBinding(context.segmentsToBind[0].id, [dynamic]);
    });
    const { plugin } = await setup([driver]);
    const network = await plugin.createNetwork({
      segments: [
        {
          'provider:network_type': 'vlan',
          'provider:physical_network': 'physnet1',
          'provider:segmentation_id': 110,
        },
      ],
    });
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    expect(port['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    const trace = await plugin.explainBinding(port.id);
    expect(trace?.attempts[0].entries[0].decision).toBe('error');
  });

  it('the MAC cannot change while bound (409), but can while unbound or failed', async () => {
    const { plugin, network } = await setup();
    const bound = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    await expect(
      plugin.updatePort(bound.id, { mac_address: 'fa:16:3e:aa:bb:cc' }),
    ).rejects.toMatchObject({
      type: 'PortBound',
      httpStatus: 409,
    });
    const unbound = await plugin.createPort({ network_id: network.id });
    const changed = await plugin.updatePort(unbound.id, { mac_address: 'FA-16-3E-AA-BB-CC' });
    expect(changed.mac_address).toBe('fa:16:3e:aa:bb:cc');
  });

  it('generated MAC addresses start with base_mac: three octets, and the fourth unless 00', async () => {
    engine = await startTestEngine([new TestAgentDriver()], {
      DEFAULT: { base_mac: 'FA:16:3E:4F:00:00' },
    });
    const network = await engine.plugin.createNetwork({});
    for (let port = 0; port < 3; port++) {
      const created = await engine.plugin.createPort({ network_id: network.id });
      expect(created.mac_address).toMatch(/^fa:16:3e:4f:[0-9a-f]{2}:[0-9a-f]{2}$/);
    }
    await engine.close();
    engine = await startTestEngine([new TestAgentDriver()], {
      DEFAULT: { base_mac: '52:54:00:00:00:00' },
    });
    const other = await engine.plugin.createNetwork({});
    const port = await engine.plugin.createPort({ network_id: other.id });
    expect(port.mac_address).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
  });

  it('the profile limit is on the serialized JSON, 4095 characters (400)', async () => {
    const { plugin, network } = await setup();
    const fits = { k: 'x'.repeat(4095 - '{"k":""}'.length) };
    const port = await plugin.createPort({ network_id: network.id, 'binding:profile': fits });
    expect(port['binding:profile']).toEqual(fits);
    await expect(
      plugin.updatePort(port.id, { 'binding:profile': { k: `${fits.k}y` } }),
    ).rejects.toMatchObject({
      type: 'InvalidInput',
      httpStatus: 400,
      message: expect.stringContaining('binding:profile value too large'),
    });
  });

  it('a classic agent fetching details flips an ACTIVE port back to BUILD and can trigger binding', async () => {
    const { plugin, network } = await setup();
    const port = await plugin.createPort({ network_id: network.id, 'binding:host_id': 'host1' });
    await plugin.rpc.updateDeviceUp({ device: port.id, host: 'host1' });
    const details = await plugin.rpc.getDeviceDetails({
      device: `tap${port.id.slice(0, 11)}`,
      host: 'host1',
    });
    expect(details).toMatchObject({
      port_id: port.id,
      network_type: 'vxlan',
      segmentation_id: 1001,
    });
    expect((await plugin.getPort(port.id)).status).toBe(PortStatus.BUILD);

    const failedHost = await plugin.createPort({
      network_id: network.id,
      'binding:host_id': 'host2',
    });
    expect(failedHost['binding:vif_type']).toBe(VifType.BINDING_FAILED);
    await plugin.rpc.reportState(ovsReport('host2'));
    const rebound = await plugin.rpc.getDeviceDetails({ device: failedHost.id, host: 'host2' });
    expect(rebound.network_type).toBe('vxlan');
    expect((await plugin.getPort(failedHost.id))['binding:vif_type']).toBe(VifType.OVS);
  });

  it('device up from a host that is not the binding host changes no status', async () => {
    const { plugin, network } = await setup();
    const plugged: string[] = [];
    plugin.notifier.on('vifPlugged', ({ portId }) => plugged.push(portId));
    const port = await plugin.createPort({
      network_id: network.id,
      device_owner: 'compute:nova',
      'binding:host_id': 'host1',
    });
    await plugin.rpc.updateDeviceUp({ device: port.id, host: 'elsewhere' });
    expect((await plugin.getPort(port.id)).status).toBe(PortStatus.DOWN);
    expect(plugged).toEqual([port.id]); // the compute side hears of it directly
  });

  it('a VLAN-transparent network is refused unless every driver approves', async () => {
    const { plugin } = await setup([scriptedDriver('plain', bindAll)]);
    const before = await plugin.listNetworks();
    await expect(plugin.createNetwork({ vlan_transparent: true })).rejects.toMatchObject({
      type: 'VlanTransparencyDriverError',
      httpStatus: 400,
    });
    expect(await plugin.listNetworks()).toEqual(before);
    await engine.close();
    engine = await startTestEngine([
      scriptedDriver('transparent', bindAll, { checkVlanTransparency: () => true }),
    ]);
    expect((await engine.plugin.createNetwork({ vlan_transparent: true })).vlan_transparent).toBe(
      true,
    );
  });

  it('the server adds no jitter: each heartbeat is stamped with the server time of its arrival', async () => {
    const { plugin } = await setup();
    engine.clock.advance(30);
    await plugin.rpc.reportState({ ...ovsReport('host1'), start_flag: false });
    const [agent] = await plugin.agents.list();
    expect(agent.heartbeatTimestamp.getTime()).toBe(engine.clock.now().getTime());
    expect(agent.startedAt.getTime()).toBe(engine.clock.now().getTime() - 30_000);
  });
});
