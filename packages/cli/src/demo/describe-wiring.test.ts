import { describeWiring } from './describe-wiring';

describe('describeWiring', () => {
  it('describes what each agent type programmed', () => {
    expect(
      describeWiring({
        kind: 'ovs',
        tag: 3,
        other_config: { network_type: 'vlan', segmentation_id: '120', physical_network: 'p1' },
        drop_flow: false,
      }),
    ).toBe('local VLAN 3 for vlan 120 on p1');
    expect(describeWiring({ kind: 'ovs', tag: 4095, other_config: {}, drop_flow: true })).toBe(
      'dead VLAN 4095, traffic dropped',
    );
    expect(
      describeWiring({ kind: 'linuxbridge', bridge: 'brqx', uplink: null, tap_state: 'down' }),
    ).toBe('into brqx, tap down');
    expect(
      describeWiring({ kind: 'sriov', pci_slot: '0000:81:00.1', vlan: 0, link_state: 'disable' }),
    ).toBe('VF 0000:81:00.1 on VLAN 0, link disable');
    expect(describeWiring(null)).toBe('nothing programmed');
  });
});
