import {
  type AgentEvent,
  createLinuxBridgeAgent,
  createOvsAgent,
  createSriovAgent,
  DEAD_VLAN,
  InMemoryBridge,
  type L2Agent,
} from '@ml2ts/agent';
import { InProcessTransport } from '@ml2ts/agent-rpc';
import { serveAgentRpc } from '@ml2ts/core';
import { BindingFailedError } from './errors/binding-failed-error';
import { InMemoryHostDataPlane } from './host-data-plane';
import { type InstancePort } from './instance-port';
import {
  type ComputeTestBed,
  driveUntil,
  driveUntilSettled,
  HOSTS,
  startComputeTestBed,
  VF_SLOTS,
} from './test-support/compute-test-bed';

/**
 * The whole flow of a VM's NIC: real agents of the three types on their hosts' bridges, talking
 * to the engine over the in-process transport, and the compute side booting VMs. Time is the
 * manual scheduler's: agents poll every 2 s and report every 30 s of manual time, nothing waits
 * for real.
 */
describe('booting VMs through the compute side and the L2 agents', () => {
  let bed: ComputeTestBed;
  let transport: InProcessTransport;
  let agents: { ovs: L2Agent; linuxbridge: L2Agent; sriov: L2Agent };
  const events: Record<string, AgentEvent[]> = {};
  const vifPlugged: Array<{ portId: string; deviceId: string }> = [];

  beforeEach(async () => {
    bed = await startComputeTestBed();
    transport = new InProcessTransport();
    await serveAgentRpc(bed.plugin, transport);
    bed.plugin.notifier.on('vifPlugged', ({ portId, deviceId }) =>
      vifPlugged.push({ portId, deviceId }),
    );
    vifPlugged.length = 0;
    const common = (host: string) => {
      events[host] = [];
      return {
        host,
        transport,
        scheduler: bed.scheduler,
        random: { nextInt: () => 0 },
        observer: (event: AgentEvent) => events[host].push(event),
      };
    };
    agents = {
      ovs: createOvsAgent({
        ...common(HOSTS.ovs),
        bridge: bed.hosts.brInt,
        tunnelTypes: ['vxlan'],
        tunnelingIp: '192.0.2.11',
        bridgeMappings: { physnet1: 'br-eth1' },
        firewallDriver: 'iptables_hybrid',
      }),
      linuxbridge: createLinuxBridgeAgent({
        ...common(HOSTS.linuxbridge),
        bridge: bed.hosts.taps,
        interfaceMappings: { physnet1: 'eth1' },
        tunnelTypes: ['vxlan'],
        tunnelingIp: '192.0.2.12',
      }),
      sriov: createSriovAgent({
        ...common(HOSTS.sriov),
        bridge: bed.hosts.vfs,
        deviceMappings: { physnet1: ['ens2f0'] },
      }),
    };
    for (const agent of Object.values(agents)) await agent.start();
    await bed.scheduler.advance(0);
  });

  afterEach(async () => {
    for (const agent of Object.values(agents ?? {})) await agent.stop();
    await transport?.close();
    await bed?.close();
  });

  /** Boots a VM, moving manual time on until the compute side got vif-plugged. */
  function boot(
    name: string,
    host: string,
    network: string,
    extra: { vnicType?: string; profile?: Record<string, unknown> } = {},
  ): Promise<InstancePort> {
    const uuid = `00000000-0000-4000-8000-${name.padStart(12, '0')}`;
    return driveUntilSettled(
      bed.scheduler,
      bed.compute.allocateForInstance({ instance: { uuid, name }, host, network, ...extra }),
    );
  }

  function eventTypes(host: string, device: string): string[] {
    return events[host]
      .filter((event) => 'device' in event && event.device === device)
      .map((event) => event.type);
  }

  const statusOf = async (portId: string) => (await bed.plugin.getPort(portId)).status;

  it('registers the three agents alive, with what they report', async () => {
    const listed = await bed.plugin.agents.list();
    expect(listed.map((agent) => [agent.host, agent.agentType, agent.alive])).toEqual([
      [HOSTS.linuxbridge, 'Linux bridge agent', true],
      [HOSTS.ovs, 'Open vSwitch agent', true],
      [HOSTS.sriov, 'NIC Switch agent', true],
    ]);
    const ovs = listed.find((agent) => agent.host === HOSTS.ovs)!;
    expect(ovs.configurations).toMatchObject({
      ovs_hybrid_plug: true,
      integration_bridge: 'br-int',
      tunnel_types: ['vxlan'],
    });
  });

  it('OVS (iptables_hybrid): DOWN→ACTIVE without BUILD, a local VLAN per network', async () => {
    const first = await boot('1', HOSTS.ovs, bed.networks.vxlan);
    const second = await boot('2', HOSTS.ovs, bed.networks.vlan);

    for (const port of [first, second]) {
      expect(port.bound['binding:vif_type']).toBe('ovs');
      expect(port.vif.plan.kind).toBe('ovs_hybrid');
      expect(bed.transitions(port.portId)).toEqual(['DOWN→ACTIVE']);
      expect(eventTypes(HOSTS.ovs, port.portId)).toEqual(['deviceSeen', 'deviceWired']);
    }
    expect(vifPlugged).toEqual([
      { portId: first.portId, deviceId: first.instanceUuid },
      { portId: second.portId, deviceId: second.instanceUuid },
    ]);
    const qvo = (port: InstancePort) => `qvo${port.portId.slice(0, 11)}`;
    expect(bed.hosts.brInt.wiringOf(qvo(first))).toEqual({
      kind: 'ovs',
      tag: 1,
      other_config: {
        net_uuid: bed.networks.vxlan,
        network_type: 'vxlan',
        segmentation_id: '1001',
        tag: '1',
      },
      drop_flow: false,
    });
    expect(bed.hosts.brInt.wiringOf(qvo(second))).toEqual({
      kind: 'ovs',
      tag: 2,
      other_config: {
        net_uuid: bed.networks.vlan,
        network_type: 'vlan',
        physical_network: 'physnet1',
        segmentation_id: '100',
        tag: '2',
      },
      drop_flow: false,
    });
    expect(agents.ovs.devices().get(first.portId)).toMatchObject({
      portId: first.portId,
      outcome: 'up',
    });
    // The agent reported the device up before the compute side heard vif-plugged.
    const reported = events[HOSTS.ovs].find(
      (event) => event.type === 'devicesReported' && event.up.includes(first.portId),
    );
    expect(reported).toBeDefined();
  });

  it('Linux bridge: DOWN→BUILD→ACTIVE, the tap in brq<network> with the VLAN uplink', async () => {
    const port = await boot('3', HOSTS.linuxbridge, bed.networks.vlan);
    const tap = `tap${port.portId.slice(0, 11)}`;
    expect(port.bound['binding:vif_type']).toBe('bridge');
    expect(port.vif.devices).toEqual([{ bridge: 'taps', interfaceName: tap }]);
    expect(bed.transitions(port.portId)).toEqual(['DOWN→BUILD', 'BUILD→ACTIVE']);
    expect(vifPlugged).toEqual([{ portId: port.portId, deviceId: port.instanceUuid }]);
    expect(bed.hosts.taps.wiringOf(tap)).toEqual({
      kind: 'linuxbridge',
      bridge: `brq${bed.networks.vlan.slice(0, 11)}`,
      uplink: 'eth1.100',
      tap_state: 'up',
    });
    expect(eventTypes(HOSTS.linuxbridge, tap)).toEqual(['deviceSeen', 'deviceWired']);
    expect(agents.linuxbridge.devices().get(tap)).toMatchObject({
      portId: port.portId,
      outcome: 'up',
      wiring: bed.hosts.taps.wiringOf(tap),
    });

    const vxlan = await boot('4', HOSTS.linuxbridge, bed.networks.vxlan);
    expect(bed.hosts.taps.wiringOf(`tap${vxlan.portId.slice(0, 11)}`)).toMatchObject({
      bridge: `brq${bed.networks.vxlan.slice(0, 11)}`,
      uplink: 'vxlan-1001',
    });
  });

  it('SR-IOV: DOWN→BUILD→ACTIVE, the VF given the MAC and programmed with the VLAN', async () => {
    const port = await boot('5', HOSTS.sriov, bed.networks.vlan, {
      vnicType: 'direct',
      profile: { pci_slot: VF_SLOTS[0], physical_network: 'physnet1' },
    });
    expect(port.bound['binding:vif_type']).toBe('hw_veb');
    expect(port.bound['binding:vif_details']).toMatchObject({ vlan: '100' });
    expect(bed.transitions(port.portId)).toEqual(['DOWN→BUILD', 'BUILD→ACTIVE']);
    expect(vifPlugged).toEqual([{ portId: port.portId, deviceId: port.instanceUuid }]);
    expect(bed.hosts.vfs.getInterface('ens2f0v0')?.mac).toBe(port.active.mac_address);
    expect(bed.hosts.vfs.wiringOf('ens2f0v0')).toEqual({
      kind: 'sriov',
      pci_slot: VF_SLOTS[0],
      vlan: 100,
      link_state: 'enable',
    });
    expect(eventTypes(HOSTS.sriov, port.active.mac_address)).toEqual(['deviceSeen', 'deviceWired']);
  });

  it('unplugging a VIF takes the port DOWN through the agent, on every agent type', async () => {
    const ports = [
      await boot('6', HOSTS.ovs, bed.networks.vxlan),
      await boot('7', HOSTS.linuxbridge, bed.networks.vlan),
      await boot('8', HOSTS.sriov, bed.networks.vlan, {
        vnicType: 'direct',
        profile: { pci_slot: VF_SLOTS[1] },
      }),
    ];
    for (const port of ports) await bed.compute.unplug(port);
    await driveUntil(bed.scheduler, async () =>
      (await Promise.all(ports.map((port) => statusOf(port.portId)))).every(
        (status) => status === 'DOWN',
      ),
    );
    expect(bed.transitions(ports[0].portId)).toEqual(['DOWN→ACTIVE', 'ACTIVE→DOWN']);
    for (const port of ports.slice(1)) {
      expect(bed.transitions(port.portId)).toEqual(['DOWN→BUILD', 'BUILD→ACTIVE', 'ACTIVE→DOWN']);
    }
    const removed = (host: string) =>
      events[host].filter((event) => event.type === 'deviceRemoved').map((event) => event.device);
    expect(removed(HOSTS.ovs)).toEqual([ports[0].portId]);
    expect(removed(HOSTS.linuxbridge)).toEqual([`tap${ports[1].portId.slice(0, 11)}`]);
    expect(removed(HOSTS.sriov)).toEqual([ports[2].active.mac_address]);
    expect(agents.ovs.devices().size).toBe(0);
    expect(bed.hosts.vfs.getInterface('ens2f0v1')?.mac).toBe('00:00:00:00:00:00');
  });

  it('deleting a plugged port tells the agents, which unwire its device', async () => {
    const ovs = await boot('9', HOSTS.ovs, bed.networks.vxlan);
    const lb = await boot('10', HOSTS.linuxbridge, bed.networks.vxlan);
    const sriov = await boot('11', HOSTS.sriov, bed.networks.vlan, {
      vnicType: 'direct',
      profile: { pci_slot: VF_SLOTS[2] },
    });
    for (const port of [ovs, lb, sriov]) await bed.plugin.deletePort(port.portId);
    const unwired = (host: string) =>
      events[host].filter((event) => event.type === 'deviceUnwired');
    await driveUntil(bed.scheduler, () =>
      Object.values(HOSTS).every((host) => unwired(host).length === 1),
    );
    expect(unwired(HOSTS.ovs)[0]).toMatchObject({ device: ovs.portId, portId: ovs.portId });
    expect(unwired(HOSTS.linuxbridge)[0]).toMatchObject({ portId: lb.portId });
    expect(unwired(HOSTS.sriov)[0]).toMatchObject({ portId: sriov.portId });
    expect(bed.hosts.brInt.wiringOf(`qvo${ovs.portId.slice(0, 11)}`)).toEqual({
      kind: 'ovs',
      tag: DEAD_VLAN,
      other_config: {},
      drop_flow: true,
    });
    expect(bed.hosts.taps.wiringOf(`tap${lb.portId.slice(0, 11)}`)).toBeNull();
    expect(bed.hosts.vfs.wiringOf('ens2f0v2')).toBeNull();
  });

  it('stops a boot on a host whose agent died, with the reason from the trace', async () => {
    const brInt = new InMemoryBridge('br-int');
    bed.compute.addHost(new InMemoryHostDataPlane('compute-dead', { ovsBridges: [brInt] }));
    const doomed = createOvsAgent({
      host: 'compute-dead',
      transport,
      bridge: brInt,
      scheduler: bed.scheduler,
      random: { nextInt: () => 0 },
      tunnelTypes: ['vxlan'],
      tunnelingIp: '192.0.2.99',
    });
    await doomed.start();
    await bed.scheduler.advance(0);
    await doomed.stop();
    await driveUntil(bed.scheduler, async () => {
      const agent = (await bed.plugin.agents.list({ host: 'compute-dead' }))[0];
      return !agent.alive;
    });

    const error = (await driveUntilSettled(
      bed.scheduler,
      bed.compute.allocateForInstance({
        instance: { uuid: '00000000-0000-4000-8000-0000000000dd', name: 'doomed' },
        host: 'compute-dead',
        network: bed.networks.vxlan,
      }),
    ).catch((caught: unknown) => caught)) as BindingFailedError;
    expect(error).toBeInstanceOf(BindingFailedError);
    expect(error.message).toMatch(/agent \S+ is dead: its last heartbeat was \d+ s ago/);
    expect(await brInt.listInterfaces()).toEqual([]);
    // The live agents kept reporting meanwhile.
    const live = await bed.plugin.agents.list({ host: HOSTS.ovs });
    expect(live[0].alive).toBe(true);
  });
});
