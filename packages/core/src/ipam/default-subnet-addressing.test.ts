import { toAllocationPool } from './address-range';
import { defaultAllocationPools, defaultGatewayIp } from './default-subnet-addressing';
import { formatIpAddress, parseIpAddress } from './ip-address';
import { parseCidr } from './ip-cidr';

function pools(cidr: string, gateway: string | null) {
  const parsedGateway = gateway === null ? null : parseIpAddress(gateway);
  return defaultAllocationPools(parseCidr(cidr)!, parsedGateway).map(toAllocationPool);
}

describe('defaultGatewayIp', () => {
  it.each([
    ['192.0.2.0/24', '192.0.2.1'],
    ['2001:db8::/64', '2001:db8::1'],
    ['10.0.0.7/32', '10.0.0.8'],
  ])('of %s is %s', (cidr, gateway) => {
    expect(formatIpAddress(defaultGatewayIp(parseCidr(cidr)!)!)).toBe(gateway);
  });

  it('is null where no address follows the network address', () => {
    expect(defaultGatewayIp(parseCidr('255.255.255.255/32')!)).toBeNull();
  });
});

describe('defaultAllocationPools', () => {
  it.each([
    ['192.0.2.0/24', '192.0.2.1', [['192.0.2.2', '192.0.2.254']]],
    ['192.0.2.0/24', null, [['192.0.2.1', '192.0.2.254']]],
    [
      '192.0.2.0/24',
      '192.0.2.100',
      [
        ['192.0.2.1', '192.0.2.99'],
        ['192.0.2.101', '192.0.2.254'],
      ],
    ],
    ['192.0.2.0/24', '192.0.2.254', [['192.0.2.1', '192.0.2.253']]],
    ['192.0.2.0/24', '10.0.0.1', [['192.0.2.1', '192.0.2.254']]],
    ['192.0.2.0/30', '192.0.2.1', [['192.0.2.2', '192.0.2.2']]],
    ['192.0.2.0/31', null, []],
    ['192.0.2.5/32', null, [['192.0.2.5', '192.0.2.5']]],
    ['2001:db8::/64', '2001:db8::1', [['2001:db8::2', '2001:db8::ffff:ffff:ffff:ffff']]],
    ['2001:db8::/64', null, [['2001:db8::1', '2001:db8::ffff:ffff:ffff:ffff']]],
    [
      '2001:db8::/64',
      '2001:db8::ffff:ffff:ffff:ffff',
      [['2001:db8::1', '2001:db8::ffff:ffff:ffff:fffe']],
    ],
    ['2001:db8::/127', null, []],
  ])('of %s with gateway %s: %j', (cidr, gateway, expected) => {
    expect(pools(cidr, gateway)).toEqual(expected.map(([start, end]) => ({ start, end })));
  });
});
