import { type PortResource } from '@ml2ts/driver-api';
import { UnsupportedVifError } from './errors/unsupported-vif-error';
import { planVifPlug } from './vif-plug-plan';

const PORT_ID = '3f2a9c1e-7b4d-4e5f-8a9b-0c1d2e3f4a5b';
const INSTANCE = '11111111-2222-3333-4444-555555555555';

function boundPort(
  vifType: string,
  details: Record<string, unknown> = {},
  profile: Record<string, unknown> = {},
): PortResource {
  return {
    id: PORT_ID,
    name: '',
    network_id: '0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    project_id: '',
    mac_address: 'fa:16:3e:00:00:01',
    fixed_ips: [],
    device_id: INSTANCE,
    device_owner: 'compute:nova',
    status: 'DOWN',
    admin_state_up: true,
    dns_name: '',
    description: '',
    allowed_address_pairs: [],
    tags: [],
    security_groups: [],
    revision_number: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    'binding:host_id': 'compute-1',
    'binding:vnic_type': 'normal',
    'binding:profile': profile,
    'binding:vif_type': vifType,
    'binding:vif_details': details,
  };
}

const EXTERNAL_IDS = {
  'iface-id': PORT_ID,
  'iface-status': 'active',
  'attached-mac': 'fa:16:3e:00:00:01',
  'vm-uuid': INSTANCE,
};

describe('planVifPlug', () => {
  it('plugs ovs with hybrid plug through qbr, the qvb/qvo veth pair and a tap', () => {
    expect(
      planVifPlug(boundPort('ovs', { ovs_hybrid_plug: true, bridge_name: 'br-int' }), INSTANCE),
    ).toEqual({
      kind: 'ovs_hybrid',
      integrationBridge: 'br-int',
      linuxBridge: 'qbr3f2a9c1e-7b',
      vethBridgeEnd: 'qvb3f2a9c1e-7b',
      vethOvsEnd: 'qvo3f2a9c1e-7b',
      tap: 'tap3f2a9c1e-7b',
      externalIds: EXTERNAL_IDS,
    });
  });

  it('plugs plain ovs as a tap on the bridge vif_details names, br-int by default', () => {
    expect(
      planVifPlug(boundPort('ovs', { ovs_hybrid_plug: false, bridge_name: 'br-x' }), INSTANCE),
    ).toEqual({
      kind: 'ovs',
      integrationBridge: 'br-x',
      tap: 'tap3f2a9c1e-7b',
      externalIds: EXTERNAL_IDS,
    });
    // ovs_hybrid_plug null (the agent did not say) is not hybrid.
    expect(planVifPlug(boundPort('ovs', { ovs_hybrid_plug: null }), INSTANCE)).toMatchObject({
      kind: 'ovs',
      integrationBridge: 'br-int',
    });
  });

  it("plugs bridge as a tap on the network's brq bridge", () => {
    expect(planVifPlug(boundPort('bridge', { port_filter: true }), INSTANCE)).toEqual({
      kind: 'bridge',
      bridge: 'brq0a1b2c3d-4e',
      tap: 'tap3f2a9c1e-7b',
      macAddress: 'fa:16:3e:00:00:01',
    });
    expect(planVifPlug(boundPort('bridge', { bridge_name: 'br-trunk' }), INSTANCE)).toMatchObject({
      bridge: 'br-trunk',
    });
  });

  it('plugs vhostuser as a vhu socket port, OVS as server unless QEMU is', () => {
    const details = { vhostuser_socket: '/run/ovs/vhu3f2a9c1e-7b', vhostuser_mode: 'client' };
    expect(planVifPlug(boundPort('vhostuser', details), INSTANCE)).toEqual({
      kind: 'vhostuser',
      integrationBridge: 'br-int',
      port: 'vhu3f2a9c1e-7b',
      interfaceType: 'dpdkvhostuser',
      socketPath: '/run/ovs/vhu3f2a9c1e-7b',
      externalIds: EXTERNAL_IDS,
    });
    expect(
      planVifPlug(boundPort('vhostuser', { ...details, vhostuser_mode: 'server' }), INSTANCE),
    ).toMatchObject({ interfaceType: 'dpdkvhostuserclient' });
    expect(() => planVifPlug(boundPort('vhostuser', {}), INSTANCE)).toThrow(
      'vif_details has no vhostuser_socket',
    );
  });

  it("plugs hw_veb as the profile's VF with the VLAN of vif_details", () => {
    const profile = { pci_slot: '0000:81:00.2', physical_network: 'physnet2' };
    expect(planVifPlug(boundPort('hw_veb', { vlan: '120' }, profile), INSTANCE)).toEqual({
      kind: 'sriov_vf',
      pciSlot: '0000:81:00.2',
      macAddress: 'fa:16:3e:00:00:01',
      vlan: 120,
      physicalNetwork: 'physnet2',
    });
    expect(
      planVifPlug(boundPort('hw_veb', { vlan: '0' }, { pci_slot: '0000:81:00.3' }), INSTANCE),
    ).toMatchObject({ vlan: 0, physicalNetwork: null });
    expect(
      planVifPlug(boundPort('hostdev_physical', {}, { pci_slot: '0000:82:00.0' }), INSTANCE),
    ).toEqual({ kind: 'sriov_pf', pciSlot: '0000:82:00.0', macAddress: 'fa:16:3e:00:00:01' });
  });

  it('refuses SR-IOV without a pci_slot and types it cannot plug', () => {
    expect(() => planVifPlug(boundPort('hw_veb', { vlan: '5' }), INSTANCE)).toThrow(
      UnsupportedVifError,
    );
    expect(() => planVifPlug(boundPort('hw_veb', { vlan: '5' }), INSTANCE)).toThrow(
      'binding:profile has no pci_slot',
    );
    for (const vifType of ['binding_failed', 'unbound', 'other', 'macvtap']) {
      expect(() => planVifPlug(boundPort(vifType), INSTANCE)).toThrow(
        `Cannot plug port ${PORT_ID} with vif_type '${vifType}'`,
      );
    }
  });
});
