import { InMemoryBridge } from '@ml2ts/agent';
import { VifPlugError } from './errors/vif-plug-error';
import { InMemoryHostDataPlane } from './host-data-plane';
import { type VifExternalIds, type VifPlugPlan } from './vif-plug-plan';
import { plugVif, UNASSIGNED_VF_MAC, unplugVif } from './vif-plugger';

const PORT = 'port-1';
const IDS: VifExternalIds = {
  'iface-id': PORT,
  'iface-status': 'active',
  'attached-mac': 'fa:16:3e:aa:bb:cc',
  'vm-uuid': 'vm-1',
};

function names(bridge: InMemoryBridge) {
  return bridge.listInterfaces().then((list) => list.map((iface) => iface.name));
}

describe('plugVif and unplugVif', () => {
  it('plugs and unplugs a vhostuser socket port on the integration bridge', async () => {
    const brInt = new InMemoryBridge('br-int');
    const host = new InMemoryHostDataPlane('h1', { ovsBridges: [brInt] });
    const plan: VifPlugPlan = {
      kind: 'vhostuser',
      integrationBridge: 'br-int',
      port: 'vhuport-1',
      interfaceType: 'dpdkvhostuser',
      socketPath: '/var/run/openvswitch/vhuport-1',
      externalIds: IDS,
    };
    const vif = await plugVif(host, PORT, plan);
    expect(vif.devices).toEqual([{ bridge: 'br-int', interfaceName: 'vhuport-1' }]);
    expect(brInt.getInterface('vhuport-1')?.externalIds).toEqual(IDS);
    await unplugVif(host, vif);
    expect(await names(brInt)).toEqual([]);
  });

  it('puts a bridge VIF among the tap devices with the hypervisor MAC', async () => {
    const taps = new InMemoryBridge('taps');
    const host = new InMemoryHostDataPlane('h1', { tapDevices: taps });
    const plan: VifPlugPlan = {
      kind: 'bridge',
      bridge: 'brqnet',
      tap: 'tapport-1',
      macAddress: 'fa:16:3e:aa:bb:cc',
    };
    const vif = await plugVif(host, PORT, plan);
    expect(taps.getInterface('tapport-1')).toMatchObject({ mac: 'fe:16:3e:aa:bb:cc' });
    await unplugVif(host, vif);
    expect(await names(taps)).toEqual([]);
  });

  it('refuses what the host lacks, naming it', async () => {
    const host = new InMemoryHostDataPlane('h1');
    const ovs: VifPlugPlan = {
      kind: 'ovs',
      integrationBridge: 'br-int',
      tap: 'tapport-1',
      externalIds: IDS,
    };
    await expect(plugVif(host, PORT, ovs)).rejects.toThrow(
      new VifPlugError(PORT, 'h1', 'the host has no OVS bridge br-int'),
    );
    await expect(
      plugVif(host, PORT, { kind: 'bridge', bridge: 'b', tap: 't', macAddress: 'm' }),
    ).rejects.toThrow('the host has no tap devices');
    const vf: VifPlugPlan = {
      kind: 'sriov_vf',
      pciSlot: '0000:81:00.7',
      macAddress: 'fa:16:3e:aa:bb:cc',
      vlan: 5,
      physicalNetwork: null,
    };
    await expect(plugVif(host, PORT, vf)).rejects.toThrow('the host has no SR-IOV NIC');
    const vfs = new InMemoryBridge('vfs');
    const sriov = new InMemoryHostDataPlane('h2', { virtualFunctions: vfs });
    await expect(plugVif(sriov, PORT, vf)).rejects.toThrow(
      'the host has no virtual function at 0000:81:00.7',
    );
    vfs.addInterface({ name: 'vf7', pciSlot: '0000:81:00.7', mac: 'fa:16:3e:00:00:09' });
    await expect(plugVif(sriov, PORT, vf)).rejects.toThrow(
      'the virtual function at 0000:81:00.7 is in use (MAC fa:16:3e:00:00:09)',
    );
  });

  it('gives a VF the MAC and takes it back on unplug', async () => {
    const vfs = new InMemoryBridge('vfs');
    vfs.addInterface({ name: 'vf0', pciSlot: '0000:81:00.1', mac: UNASSIGNED_VF_MAC });
    const host = new InMemoryHostDataPlane('h1', { virtualFunctions: vfs });
    const vif = await plugVif(host, PORT, {
      kind: 'sriov_vf',
      pciSlot: '0000:81:00.1',
      macAddress: 'fa:16:3e:aa:bb:cc',
      vlan: 100,
      physicalNetwork: 'physnet1',
    });
    expect(vif.devices).toEqual([{ bridge: 'vfs', interfaceName: 'vf0' }]);
    expect(vfs.getInterface('vf0')).toMatchObject({
      pciSlot: '0000:81:00.1',
      mac: 'fa:16:3e:aa:bb:cc',
    });
    await unplugVif(host, vif);
    expect(vfs.getInterface('vf0')).toMatchObject({ mac: UNASSIGNED_VF_MAC });
  });

  it('removes what it plugged when a later step fails (hybrid plug with the tap name taken)', async () => {
    const brInt = new InMemoryBridge('br-int');
    const host = new InMemoryHostDataPlane('h1', { ovsBridges: [brInt] });
    const plan: VifPlugPlan = {
      kind: 'ovs_hybrid',
      integrationBridge: 'br-int',
      linuxBridge: 'qbrport-1',
      vethBridgeEnd: 'qvbport-1',
      vethOvsEnd: 'qvoport-1',
      tap: 'tapport-1',
      externalIds: IDS,
    };
    brInt.addInterface({ name: 'qvoport-1' });
    await expect(plugVif(host, PORT, plan)).rejects.toThrow('qvoport-1 already exists on br-int');
    expect(host.linuxBridgeNames).toEqual([]);
    expect(await names(brInt)).toEqual(['qvoport-1']);
  });
});
