import { LocalVlanManager, LocalVlansExhaustedError, MAX_LOCAL_VLAN } from './local-vlan-manager';

const segment = (networkId: string, segmentationId: number | null) => ({
  networkId,
  networkType: 'vxlan',
  physicalNetwork: null,
  segmentationId,
});

describe('LocalVlanManager', () => {
  it('gives one VLAN per (network, segmentation id), lowest free first, freed with its last user', () => {
    const vlans = new LocalVlanManager();
    expect(vlans.acquire(segment('net-a', 1001), 'p1').vlan).toBe(1);
    expect(vlans.acquire(segment('net-a', 1001), 'p2').vlan).toBe(1);
    expect(vlans.acquire(segment('net-a', 1002), 'p3').vlan).toBe(2);
    expect(vlans.acquire(segment('net-b', 1001), 'p4').vlan).toBe(3);

    vlans.release('net-a', 1001, 'p1');
    expect(vlans.lookup('net-a', 1001)?.vlan).toBe(1);
    vlans.release('net-a', 1001, 'p2');
    expect(vlans.lookup('net-a', 1001)).toBeUndefined();
    expect(vlans.acquire(segment('net-c', null), 'p5').vlan).toBe(1);
    expect(vlans.list().map((mapping) => mapping.vlan)).toEqual([1, 2, 3]);
    vlans.release('net-unknown', 1, 'p9');
  });

  it('throws when all 4094 local VLANs are in use', () => {
    const vlans = new LocalVlanManager();
    for (let index = 1; index <= MAX_LOCAL_VLAN; index++) {
      vlans.acquire(segment(`net-${index}`, index), `p${index}`);
    }
    expect(vlans.list().at(-1)?.vlan).toBe(MAX_LOCAL_VLAN);
    expect(() => vlans.acquire(segment('one-more', 1), 'px')).toThrow(LocalVlansExhaustedError);
  });
});
