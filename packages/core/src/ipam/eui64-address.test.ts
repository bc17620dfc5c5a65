import { eui64Address } from './eui64-address';
import { formatIpAddress } from './ip-address';
import { parseCidr } from './ip-cidr';

describe('eui64Address', () => {
  it.each([
    ['2001:db8::/64', 'fa:16:3e:11:22:33', '2001:db8::f816:3eff:fe11:2233'],
    ['2001:db8:1:2::/64', '00:00:00:00:00:01', '2001:db8:1:2:200:ff:fe00:1'],
    // The universal/local bit is flipped, whichever way it was.
    ['fd00::/64', '02:00:5e:10:00:00', 'fd00::5eff:fe10:0'],
  ])('in %s gives %s the address %s', (prefix, mac, expected) => {
    const address = eui64Address(parseCidr(prefix)!, mac);
    expect(formatIpAddress(address)).toBe(expected);
  });

  it('refuses an IPv4 prefix and a MAC that is not lower-case colon form', () => {
    expect(() => eui64Address(parseCidr('10.0.0.0/24')!, 'fa:16:3e:11:22:33')).toThrow(RangeError);
    expect(() => eui64Address(parseCidr('2001:db8::/64')!, 'FA-16-3E-11-22-33')).toThrow(
      RangeError,
    );
  });
});
