import { PortEventTranslator } from './port-event-translator';

const INSTANCE = '9f2e3c4d-1111-4a2b-8c3d-0123456789ab';
const PORT = '00000000-0000-4000-8000-000000000042';
const OTHER = '00000000-0000-4000-8000-000000000043';
const facts = { deviceId: INSTANCE, deviceOwner: 'compute:nova' };
const bothOn = { statusChanges: true, dataChanges: true };

describe('PortEventTranslator', () => {
  it('skips the vifPlugged that echoes a status change to ACTIVE', () => {
    const translator = new PortEventTranslator(bothOn);
    const plugged = translator.statusChanged({
      portId: PORT,
      from: 'BUILD',
      to: 'ACTIVE',
      ...facts,
    });
    expect(plugged?.name).toBe('network-vif-plugged');
    expect(translator.vifPlugged({ portId: PORT, deviceId: INSTANCE, status: 'ACTIVE' })).toBe(
      null,
    );
  });

  it('skips the echo even when the change itself means nothing to Nova (ERROR → ACTIVE)', () => {
    const translator = new PortEventTranslator(bothOn);
    expect(
      translator.statusChanged({ portId: PORT, from: 'ERROR', to: 'ACTIVE', ...facts }),
    ).toBeNull();
    expect(
      translator.vifPlugged({ portId: PORT, deviceId: INSTANCE, status: 'ACTIVE' }),
    ).toBeNull();
  });

  it('turns a vifPlugged of its own (device up on another host) into network-vif-plugged', () => {
    const translator = new PortEventTranslator(bothOn);
    translator.statusChanged({ portId: OTHER, from: 'BUILD', to: 'ACTIVE', ...facts });
    translator.vifPlugged({ portId: OTHER, deviceId: INSTANCE, status: 'ACTIVE' });
    const event = { portId: PORT, deviceId: INSTANCE, status: 'ACTIVE' };
    expect(translator.vifPlugged(event)).toEqual({
      name: 'network-vif-plugged',
      server_uuid: INSTANCE,
      tag: PORT,
      status: 'completed',
    });
    // A second one for the same port is not an echo either.
    expect(translator.vifPlugged(event)?.tag).toBe(PORT);
  });

  it('a change to ACTIVE of a port that is not a compute port expects no echo', () => {
    const translator = new PortEventTranslator(bothOn);
    translator.statusChanged({
      portId: PORT,
      from: 'DOWN',
      to: 'ACTIVE',
      deviceId: '',
      deviceOwner: 'network:dhcp',
    });
    expect(translator.vifPlugged({ portId: PORT, deviceId: INSTANCE, status: 'ACTIVE' })).toEqual(
      expect.objectContaining({ name: 'network-vif-plugged' }),
    );
  });

  it('follows the switches: status changes (plugged, unplugged) and data changes (deleted)', () => {
    const statusOnly = new PortEventTranslator({ statusChanges: true, dataChanges: false });
    expect(statusOnly.portDeleted({ portId: PORT, ...facts })).toBeNull();
    expect(
      statusOnly.statusChanged({ portId: PORT, from: 'ACTIVE', to: 'DOWN', ...facts })?.name,
    ).toBe('network-vif-unplugged');

    const dataOnly = new PortEventTranslator({ statusChanges: false, dataChanges: true });
    expect(dataOnly.statusChanged({ portId: PORT, from: 'BUILD', to: 'ACTIVE', ...facts })).toBe(
      null,
    );
    expect(dataOnly.vifPlugged({ portId: OTHER, deviceId: INSTANCE, status: 'ACTIVE' })).toBe(null);
    expect(dataOnly.portDeleted({ portId: PORT, ...facts })?.name).toBe('network-vif-deleted');
  });
});
