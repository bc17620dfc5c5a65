import {
  describeEvents,
  isNovaPort,
  portDeletedEvent,
  statusChangeEvent,
  vifPluggedElsewhereEvent,
} from './nova-event';

const INSTANCE = '9f2e3c4d-1111-4a2b-8c3d-0123456789ab';
const PORT = '00000000-0000-4000-8000-000000000042';
const computePort = { portId: PORT, deviceId: INSTANCE, deviceOwner: 'compute:nova' };

describe('nova-event', () => {
  describe('isNovaPort', () => {
    it.each([
      ['compute:nova', INSTANCE, true],
      ['compute:az-1', INSTANCE.replace(/-/g, '').toUpperCase(), true],
      ['network:dhcp', INSTANCE, false],
      ['', INSTANCE, false],
      ['compute:nova', '', false],
      ['compute:nova', 'not-an-instance', false],
    ])('owner %j, device %j → %j', (deviceOwner, deviceId, expected) => {
      expect(isNovaPort({ deviceOwner, deviceId })).toBe(expected);
    });
  });

  describe('statusChangeEvent', () => {
    it.each([
      ['DOWN', 'ACTIVE', 'network-vif-plugged', 'completed'],
      ['BUILD', 'ACTIVE', 'network-vif-plugged', 'completed'],
      ['', 'ACTIVE', 'network-vif-plugged', 'completed'],
      ['DOWN', 'ERROR', 'network-vif-plugged', 'failed'],
      ['BUILD', 'ERROR', 'network-vif-plugged', 'failed'],
      ['ACTIVE', 'DOWN', 'network-vif-unplugged', 'completed'],
    ])('%s → %s is %s %s', (from, to, name, status) => {
      expect(statusChangeEvent({ ...computePort, from, to })).toEqual({
        name,
        server_uuid: INSTANCE,
        tag: PORT,
        status,
      });
    });

    it.each([
      ['ACTIVE', 'ERROR'],
      ['ACTIVE', 'BUILD'],
      ['DOWN', 'BUILD'],
      ['BUILD', 'DOWN'],
      ['ERROR', 'ACTIVE'],
      ['ERROR', 'DOWN'],
      ['', 'DOWN'],
    ])('%s → %s means nothing to Nova', (from, to) => {
      expect(statusChangeEvent({ ...computePort, from, to })).toBeNull();
    });

    it('ignores ports Nova does not own', () => {
      const change = { from: 'DOWN', to: 'ACTIVE' };
      expect(statusChangeEvent({ ...computePort, ...change, deviceOwner: 'network:dhcp' })).toBe(
        null,
      );
      expect(statusChangeEvent({ ...computePort, ...change, deviceId: '' })).toBeNull();
    });
  });

  it('a deleted compute port is network-vif-deleted, without a status', () => {
    expect(portDeletedEvent(computePort)).toEqual({
      name: 'network-vif-deleted',
      server_uuid: INSTANCE,
      tag: PORT,
    });
    expect(portDeletedEvent({ ...computePort, deviceOwner: 'network:router_interface' })).toBe(
      null,
    );
  });

  it('a device up elsewhere is network-vif-plugged completed for an instance', () => {
    expect(vifPluggedElsewhereEvent(computePort)).toEqual({
      name: 'network-vif-plugged',
      server_uuid: INSTANCE,
      tag: PORT,
      status: 'completed',
    });
    expect(vifPluggedElsewhereEvent({ portId: PORT, deviceId: '' })).toBeNull();
  });

  it('describes events for the log by name, port, server and status', () => {
    const plugged = statusChangeEvent({ ...computePort, from: 'DOWN', to: 'ACTIVE' });
    const deleted = portDeletedEvent(computePort);
    expect(describeEvents([plugged!, deleted!])).toEqual([
      { name: 'network-vif-plugged', port: PORT, server: INSTANCE, status: 'completed' },
      { name: 'network-vif-deleted', port: PORT, server: INSTANCE },
    ]);
  });
});
