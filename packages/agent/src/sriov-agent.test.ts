import { PortStatus, VifType } from '@ml2ts/driver-api';
import { type AgentEvent } from './agent-event';
import { InMemoryBridge } from './in-memory-bridge';
import { type L2Agent } from './l2-agent';
import { createSriovAgent } from './sriov-agent';
import { type AgentTestBed, startAgentTestBed } from './test-support/agent-test-bed';

const POLL = 2_000;
const HOST = 'sriovhost';

describe('SR-IOV NIC agent', () => {
  let bed: AgentTestBed;
  let agent: L2Agent;
  let vfs: InMemoryBridge;
  let events: AgentEvent[];

  beforeEach(async () => {
    bed = await startAgentTestBed();
    vfs = new InMemoryBridge('sriovhost-vfs');
    events = [];
    agent = createSriovAgent({
      host: HOST,
      transport: bed.transport,
      bridge: vfs,
      scheduler: bed.scheduler,
      initialReportDelayMax: 0,
      reportJitterMax: 0,
      deviceMappings: { physnet1: ['ens5f0'] },
      observer: (event) => events.push(event),
    });
    await agent.start();
    await bed.scheduler.runDue();
  });
  afterEach(async () => {
    await agent.stop();
    await bed.close();
  });

  async function vlanNetwork(segmentationId: number) {
    return bed.plugin.createNetwork({
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': segmentationId,
    });
  }

  async function directPort(networkId: string, pciSlot: string, mac?: string) {
    return bed.plugin.createPort({
      network_id: networkId,
      device_owner: 'compute:nova',
      ...(mac ? { mac_address: mac } : {}),
      'binding:host_id': HOST,
      'binding:vnic_type': 'direct',
      'binding:profile': {
        pci_slot: pciSlot,
        pci_vendor_info: '15b3:1018',
        physical_network: 'physnet1',
      },
    });
  }

  function plugVf(name: string, port: { mac_address: string }, pciSlot: string): string {
    vfs.addInterface({ name, mac: port.mac_address.toUpperCase(), pciSlot });
    return name;
  }

  it('registers with its device mappings and gets direct ports bound as hw_veb', async () => {
    const [registered] = await bed.plugin.agents.list();
    expect(registered).toMatchObject({
      agentType: 'NIC Switch agent',
      binary: 'neutron-sriov-nic-agent',
      host: HOST,
    });
    expect(registered.configurations).toEqual({
      device_mappings: { physnet1: ['ens5f0'] },
      extensions: [],
      devices: 0,
    });
    const port = await directPort((await vlanNetwork(120)).id, '0000:05:00.1');
    expect(port['binding:vif_type']).toBe(VifType.HW_VEB);
  });

  it("sets the VF's VLAN and link state; the port goes ACTIVE through BUILD", async () => {
    const network = await vlanNetwork(120);
    const port = await directPort(network.id, '0000:05:00.1');
    const vf = plugVf('ens5f0v1', port, '0000:05:00.1');
    await bed.scheduler.advance(POLL);

    expect(bed.transitions(port.id)).toEqual(['DOWN→BUILD', 'BUILD→ACTIVE']);
    expect(vfs.wiringOf(vf)).toEqual({
      kind: 'sriov',
      pci_slot: '0000:05:00.1',
      vlan: 120,
      link_state: 'enable',
    });

    const flat = await bed.plugin.createNetwork({
      'provider:network_type': 'flat',
      'provider:physical_network': 'physnet1',
    });
    const onFlat = await directPort(flat.id, '0000:05:00.2');
    const flatVf = plugVf('ens5f0v2', onFlat, '0000:05:00.2');
    vfs.addInterface({ name: 'ens5f0v3', mac: '00:00:00:00:00:00', pciSlot: '0000:05:00.3' });
    await bed.scheduler.advance(POLL);
    expect(vfs.wiringOf(flatVf)).toMatchObject({ vlan: 0, link_state: 'enable' });
    expect(vfs.wiringOf('ens5f0v3')).toBeUndefined();
    expect(agent.devices().size).toBe(2);
  });

  it('tells apart two VFs with one MAC address by their PCI slots', async () => {
    const mac = 'fa:16:3e:12:34:56';
    const first = await directPort((await vlanNetwork(121)).id, '0000:05:00.4', mac);
    const second = await directPort((await vlanNetwork(122)).id, '0000:05:00.5', mac);
    const firstVf = plugVf('ens5f0v4', first, '0000:05:00.4');
    const secondVf = plugVf('ens5f0v5', second, '0000:05:00.5');
    await bed.scheduler.advance(POLL);
    expect(vfs.wiringOf(firstVf)).toMatchObject({ vlan: 121 });
    expect(vfs.wiringOf(secondVf)).toMatchObject({ vlan: 122 });
    expect((await bed.plugin.getPort(first.id)).status).toBe(PortStatus.ACTIVE);
    expect((await bed.plugin.getPort(second.id)).status).toBe(PortStatus.ACTIVE);
  });

  it('takes a port DOWN when its VF goes away, and unwires the VF of a deleted port', async () => {
    const network = await vlanNetwork(120);
    const port = await directPort(network.id, '0000:05:00.1');
    const vf = plugVf('ens5f0v1', port, '0000:05:00.1');
    await bed.scheduler.advance(POLL);
    vfs.removeInterface(vf);
    await bed.scheduler.advance(POLL);
    expect((await bed.plugin.getPort(port.id)).status).toBe(PortStatus.DOWN);

    const deleted = await directPort(network.id, '0000:05:00.6');
    const deletedVf = plugVf('ens5f0v6', deleted, '0000:05:00.6');
    await bed.scheduler.advance(POLL);
    await bed.plugin.deletePort(deleted.id);
    await bed.scheduler.advance(POLL);
    expect(vfs.wiringOf(deletedVf)).toBeNull();
  });

  it('reports with a cast: it drops start_flag at once and cannot react to revived', async () => {
    const port = await directPort((await vlanNetwork(120)).id, '0000:05:00.1');
    plugVf('ens5f0v1', port, '0000:05:00.1');
    await bed.scheduler.advance(30_000);
    const [{ id }] = await bed.plugin.agents.list();
    // The server sees the agent silent for 100 s more than it was: it has died meanwhile.
    bed.serverClock.shift(100);
    expect((await bed.plugin.agents.get(id)).alive).toBe(false); // its next report revives it
    events.length = 0;
    await bed.scheduler.advance(30_000);

    expect((await bed.plugin.agents.get(id)).alive).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'reported', status: null, startFlag: false }),
    );
    expect(events.some((event) => event.type === 'resync' || event.type === 'deviceSeen')).toBe(
      false,
    );
    expect(bed.transitions(port.id)).toEqual(['DOWN→BUILD', 'BUILD→ACTIVE']);
  });
});
