import { storedAllowedAddressPairs } from './allowed-address-pairs';

describe('storedAllowedAddressPairs', () => {
  it("fills a missing MAC address with the port's and keeps a given one", () => {
    const stored = storedAllowedAddressPairs(
      [{ ip_address: '10.0.0.7' }, { ip_address: '10.0.1.0/24', mac_address: 'fa:16:3e:00:00:09' }],
      'fa:16:3e:00:00:01',
    );
    expect(JSON.parse(stored)).toEqual([
      { ip_address: '10.0.0.7', mac_address: 'fa:16:3e:00:00:01' },
      { ip_address: '10.0.1.0/24', mac_address: 'fa:16:3e:00:00:09' },
    ]);
    expect(storedAllowedAddressPairs([], 'fa:16:3e:00:00:01')).toBe('[]');
  });
});
