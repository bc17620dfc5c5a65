import { type BridgeEvent } from './bridge';
import { InMemoryBridge } from './in-memory-bridge';

describe('InMemoryBridge', () => {
  it('adds, changes and removes interfaces, assigning ofports and telling watchers', async () => {
    const bridge = new InMemoryBridge();
    const events: BridgeEvent[] = [];
    const stop = bridge.watch((event) => events.push(event));
    bridge.watch(() => {
      throw new Error('watcher bug');
    });

    bridge.addInterface({ name: 'tap1', externalIds: { 'iface-id': 'p1' } });
    bridge.addInterface({ name: 'tap2', ofport: null });
    bridge.assignOfport('tap2', 7);
    bridge.setExternalIds('tap2', { 'iface-id': 'p2' });
    expect(() => bridge.addInterface({ name: 'tap1' })).toThrow(/already exists/);
    expect(() => bridge.assignOfport('nope', 1)).toThrow(/no interface/);

    expect(await bridge.listInterfaces()).toEqual([
      { name: 'tap1', externalIds: { 'iface-id': 'p1' }, ofport: 1 },
      { name: 'tap2', externalIds: { 'iface-id': 'p2' }, ofport: 7 },
    ]);
    expect(bridge.removeInterface('tap1')).toBe(true);
    expect(bridge.removeInterface('tap1')).toBe(false);
    stop();
    bridge.removeInterface('tap2');
    expect(events).toEqual([
      { type: 'added', name: 'tap1' },
      { type: 'added', name: 'tap2' },
      { type: 'modified', name: 'tap2' },
      { type: 'modified', name: 'tap2' },
      { type: 'removed', name: 'tap1' },
    ]);
    expect(bridge.name).toBe('br-int');
  });

  it('records programming per interface, forgets it with the interface, and refuses vanished ones', async () => {
    const bridge = new InMemoryBridge('br-test', { datapath_types: ['system'], iface_types: [] });
    bridge.addInterface({ name: 'vf1', mac: 'fa:16:3e:00:00:01', pciSlot: '0000:05:00.1' });
    const wiring = {
      kind: 'sriov',
      pci_slot: '0000:05:00.1',
      vlan: 100,
      link_state: 'enable',
    } as const;
    expect(bridge.wiringOf('vf1')).toBeUndefined();
    expect(await bridge.program('vf1', wiring)).toBe(true);
    expect(bridge.wiringOf('vf1')).toEqual(wiring);
    expect(await bridge.program('vf1', null)).toBe(true);
    expect(bridge.wiringOf('vf1')).toBeNull();
    expect(await bridge.program('gone', wiring)).toBe(false);
    expect(bridge.history).toEqual([
      { interfaceName: 'vf1', wiring },
      { interfaceName: 'vf1', wiring: null },
    ]);
    bridge.removeInterface('vf1');
    bridge.addInterface({ name: 'vf1', mac: 'fa:16:3e:00:00:01', pciSlot: '0000:05:00.1' });
    expect(bridge.wiringOf('vf1')).toBeUndefined();
    expect(await bridge.capabilities()).toEqual({ datapath_types: ['system'], iface_types: [] });
  });
});
