import { type InMemoryBridge } from '@ml2ts/agent';
import { AgentType, PortNotFound } from '@ml2ts/driver-api';
import { BindingFailedError } from './errors/binding-failed-error';
import { ComputeHostNotFoundError } from './errors/compute-host-not-found-error';
import { UnsupportedVifError } from './errors/unsupported-vif-error';
import { VifPlugTimeoutError } from './errors/vif-plug-timeout-error';
import {
  type ComputeTestBed,
  driveUntilSettled,
  HOSTS,
  startComputeTestBed,
  VF_SLOTS,
} from './test-support/compute-test-bed';

const VM = { uuid: '6c1e9a52-3b0f-4d8e-9a77-1f2e3d4c5b6a', name: 'web-1' };

let bed: ComputeTestBed;
afterEach(async () => bed?.close());

/** Registers an agent on a host the way its first heartbeat would. */
async function registerAgent(agentType: string, host: string, configurations: object) {
  await bed.plugin.rpc.reportState({
    agent_type: agentType,
    binary: 'test-agent',
    host,
    topic: 'N/A',
    configurations: { ...configurations },
    start_flag: true,
  });
}

const registerOvs = (hybrid: boolean) =>
  registerAgent(AgentType.OVS, HOSTS.ovs, {
    tunnel_types: ['vxlan'],
    integration_bridge: 'br-int',
    ovs_hybrid_plug: hybrid,
  });

/**
 * Stands in for the host's agent: whenever an interface appears on `bridge`, reports its device
 * up (the device name comes from `device`).
 */
function reportUpWhenPlugged(
  bridge: InMemoryBridge,
  host: string,
  device: (name: string) => { device: string; pci_slot?: string } | null,
) {
  return bridge.watch((event) => {
    if (event.type !== 'added') return;
    const request = device(event.name);
    if (request) void bed.plugin.rpc.updateDeviceUp({ ...request, host });
  });
}

describe('ComputeService.allocateForInstance', () => {
  it('creates the port DOWN, binds it with host, device, owner, DNS name and profile, plugs it hybrid and waits for vif-plugged', async () => {
    bed = await startComputeTestBed();
    await registerOvs(true);
    const { brInt } = bed.hosts;
    reportUpWhenPlugged(brInt, HOSTS.ovs, (name) => {
      const portId = brInt.getInterface(name)?.externalIds['iface-id'];
      return portId ? { device: portId } : null;
    });

    const port = await bed.compute.allocateForInstance({
      instance: VM,
      host: HOSTS.ovs,
      network: bed.networks.vxlan,
      zone: 'az1',
      profile: { trusted: true },
    });

    expect(port.created).toMatchObject({
      status: 'DOWN',
      'binding:vif_type': 'unbound',
      'binding:host_id': '',
      device_id: '',
      device_owner: '',
    });
    expect(port.bound).toMatchObject({
      status: 'DOWN',
      'binding:host_id': HOSTS.ovs,
      device_id: VM.uuid,
      device_owner: 'compute:az1',
      dns_name: 'web-1',
      'binding:profile': { trusted: true },
      'binding:vif_type': 'ovs',
      'binding:vif_details': { ovs_hybrid_plug: true, bridge_name: 'br-int' },
    });
    expect(port.active.status).toBe('ACTIVE');
    expect(bed.transitions(port.portId)).toEqual(['DOWN→ACTIVE']);

    const short = port.portId.slice(0, 11);
    expect(port.vif.plan.kind).toBe('ovs_hybrid');
    expect(port.vif.devices).toEqual([
      { bridge: `qbr${short}`, interfaceName: `qvb${short}` },
      { bridge: 'br-int', interfaceName: `qvo${short}` },
      { bridge: `qbr${short}`, interfaceName: `tap${short}` },
    ]);
    expect(brInt.getInterface(`qvo${short}`)?.externalIds).toEqual({
      'iface-id': port.portId,
      'iface-status': 'active',
      'attached-mac': port.active.mac_address,
      'vm-uuid': VM.uuid,
    });
    const qbr = bed.hosts.ovs.linuxBridge(`qbr${short}`)!;
    expect(qbr.getInterface(`tap${short}`)?.mac).toBe(`fe${port.active.mac_address.slice(2)}`);

    expect(port.phases.map((phase) => phase.phase)).toEqual([
      'create_port',
      'bind_port',
      'plug_vif',
      'wait_vif_plugged',
    ]);
    for (const [index, phase] of port.phases.entries()) {
      expect(phase.endMs).toBeGreaterThanOrEqual(phase.startMs);
      if (index > 0) expect(phase.startMs).toBeGreaterThanOrEqual(port.phases[index - 1].endMs);
    }
  });

  it('plugs a plain tap on br-int when the agent does not ask for the hybrid plug', async () => {
    bed = await startComputeTestBed();
    await registerOvs(false);
    const { brInt } = bed.hosts;
    reportUpWhenPlugged(brInt, HOSTS.ovs, (name) => ({
      device: brInt.getInterface(name)!.externalIds['iface-id'],
    }));
    const port = await bed.compute.allocateForInstance({
      instance: VM,
      host: HOSTS.ovs,
      network: bed.networks.vxlan,
    });
    const tap = `tap${port.portId.slice(0, 11)}`;
    expect(port.bound.device_owner).toBe('compute:nova');
    expect(port.vif.devices).toEqual([{ bridge: 'br-int', interfaceName: tap }]);
    expect(brInt.getInterface(tap)?.externalIds['iface-id']).toBe(port.portId);
    expect(bed.hosts.ovs.linuxBridgeNames).toEqual([]);
  });

  it("gives the profile's VF the port's MAC for an SR-IOV port", async () => {
    bed = await startComputeTestBed();
    await registerAgent(AgentType.NIC_SWITCH, HOSTS.sriov, {
      device_mappings: { physnet1: ['ens2f0'] },
    });
    const { vfs } = bed.hosts;
    reportUpWhenPlugged(vfs, HOSTS.sriov, (name) => {
      const vf = vfs.getInterface(name)!;
      return vf.mac === '00:00:00:00:00:00' ? null : { device: vf.mac!, pci_slot: vf.pciSlot };
    });
    const port = await bed.compute.allocateForInstance({
      instance: VM,
      host: HOSTS.sriov,
      network: bed.networks.vlan,
      vnicType: 'direct',
      profile: { pci_slot: VF_SLOTS[1], physical_network: 'physnet1' },
    });
    expect(port.created['binding:vnic_type']).toBe('direct');
    expect(port.bound['binding:vif_type']).toBe('hw_veb');
    expect(port.vif.plan).toMatchObject({ kind: 'sriov_vf', pciSlot: VF_SLOTS[1], vlan: 100 });
    expect(vfs.getInterface('ens2f0v1')?.mac).toBe(port.active.mac_address);
    expect(vfs.getInterface('ens2f0v0')?.mac).toBe('00:00:00:00:00:00');
    expect(port.active.status).toBe('ACTIVE');
  });

  it('catches a vif-plugged event that comes with the binding itself (direct-physical)', async () => {
    bed = await startComputeTestBed();
    const port = await bed.compute.allocateForInstance({
      instance: VM,
      host: HOSTS.sriov,
      network: bed.networks.vlan,
      vnicType: 'direct-physical',
      profile: { pci_slot: '0000:82:00.0' },
    });
    expect(port.bound).toMatchObject({ 'binding:vif_type': 'hostdev_physical', status: 'ACTIVE' });
    expect(port.vif).toEqual({
      plan: { kind: 'sriov_pf', pciSlot: '0000:82:00.0', macAddress: port.active.mac_address },
      devices: [],
    });
  });

  it('stops with the explained trace when binding fails, and deletes the port', async () => {
    bed = await startComputeTestBed();
    const failure = await bed.compute
      .allocateForInstance({ instance: VM, host: HOSTS.ovs, network: bed.networks.vxlan })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BindingFailedError);
    const error = failure as BindingFailedError;
    expect(error.host).toBe(HOSTS.ovs);
    expect(error.portDeleted).toBe(true);
    expect(error.trace?.outcome).toBe('failed');
    expect(error.explanation[0]).toContain('failed to bind (vif_type binding_failed)');
    expect(error.message).toContain(`no Open vSwitch agent is registered on host '${HOSTS.ovs}'`);
    await expect(bed.plugin.getPort(error.portId)).rejects.toBeInstanceOf(PortNotFound);
    expect(await bed.hosts.brInt.listInterfaces()).toEqual([]);
  });

  it('keeps the failed port when asked, so that its trace can be read later', async () => {
    bed = await startComputeTestBed({ keepFailedPorts: true });
    const error = (await bed.compute
      .allocateForInstance({ instance: VM, host: HOSTS.linuxbridge, network: bed.networks.vlan })
      .catch((caught: unknown) => caught)) as BindingFailedError;
    expect(error.portDeleted).toBe(false);
    expect((await bed.plugin.getPort(error.portId))['binding:vif_type']).toBe('binding_failed');
    expect(await bed.plugin.explainBinding(error.portId)).toEqual(error.trace);
  });

  it('times out when no vif-plugged comes, unplugs the VIF and deletes the port', async () => {
    bed = await startComputeTestBed({ vifPlugTimeoutMs: 10_000 });
    await registerOvs(true);
    const booting = bed.compute.allocateForInstance({
      instance: VM,
      host: HOSTS.ovs,
      network: bed.networks.vxlan,
    });
    const error = (await driveUntilSettled(bed.scheduler, booting).catch(
      (caught: unknown) => caught,
    )) as VifPlugTimeoutError;
    expect(error).toBeInstanceOf(VifPlugTimeoutError);
    expect(error).toMatchObject({ host: HOSTS.ovs, timeoutMs: 10_000, lastStatus: 'DOWN' });
    expect(error.message).toContain('within 10000 ms; the port is DOWN');
    expect(await bed.hosts.brInt.listInterfaces()).toEqual([]);
    expect(bed.hosts.ovs.linuxBridgeNames).toEqual([]);
    await expect(bed.plugin.getPort(error.portId)).rejects.toBeInstanceOf(PortNotFound);
  });

  it('refuses a VIF it cannot plug and deletes the port', async () => {
    bed = await startComputeTestBed();
    await registerAgent(AgentType.NIC_SWITCH, HOSTS.sriov, {
      device_mappings: { physnet1: ['ens2f0'] },
    });
    const error = (await bed.compute
      .allocateForInstance({
        instance: VM,
        host: HOSTS.sriov,
        network: bed.networks.vlan,
        vnicType: 'direct',
      })
      .catch((caught: unknown) => caught)) as UnsupportedVifError;
    expect(error).toBeInstanceOf(UnsupportedVifError);
    expect(error.vifType).toBe('hw_veb');
    expect(await bed.plugin.listPorts()).toEqual([]);
  });

  it('refuses an unknown host before creating anything', async () => {
    bed = await startComputeTestBed();
    await expect(
      bed.compute.allocateForInstance({
        instance: VM,
        host: 'nowhere',
        network: bed.networks.vxlan,
      }),
    ).rejects.toThrow(
      new ComputeHostNotFoundError('nowhere', [HOSTS.ovs, HOSTS.linuxbridge, HOSTS.sriov]),
    );
    expect(await bed.plugin.listPorts()).toEqual([]);
  });
});

describe('ComputeService.unplug and deallocateForInstance', () => {
  async function bootOnOvs() {
    bed = await startComputeTestBed();
    await registerOvs(true);
    const { brInt } = bed.hosts;
    reportUpWhenPlugged(brInt, HOSTS.ovs, (name) => ({
      device: brInt.getInterface(name)!.externalIds['iface-id'],
    }));
    return bed.compute.allocateForInstance({
      instance: VM,
      host: HOSTS.ovs,
      network: bed.networks.vxlan,
    });
  }

  it('unplug takes every device off the host and keeps the port', async () => {
    const port = await bootOnOvs();
    await bed.compute.unplug(port);
    expect(await bed.hosts.brInt.listInterfaces()).toEqual([]);
    expect(bed.hosts.ovs.linuxBridgeNames).toEqual([]);
    expect((await bed.plugin.getPort(port.portId)).id).toBe(port.portId);
  });

  it('deallocate unplugs and deletes the port', async () => {
    const port = await bootOnOvs();
    await bed.compute.deallocateForInstance(port);
    expect(await bed.hosts.brInt.listInterfaces()).toEqual([]);
    await expect(bed.plugin.getPort(port.portId)).rejects.toBeInstanceOf(PortNotFound);
  });
});
