import { portDeviceName } from './device-names';

describe('portDeviceName', () => {
  const portId = '3f2a9c1e-7b4d-4e5f-8a9b-0c1d2e3f4a5b';

  it('cuts prefix and port id to 14 characters, 11 of them from the id', () => {
    expect(portDeviceName('tap', portId)).toBe('tap3f2a9c1e-7b');
    expect(portDeviceName('qvo', portId)).toHaveLength(14);
    expect(portDeviceName('qbr', 'abc')).toBe('qbrabc');
  });
});
