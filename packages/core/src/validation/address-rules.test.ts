import { InvalidAttribute } from '@ml2ts/driver-api';
import { ipAddressRule, ipCidrRule } from './address-rules';
import { subnetCreateRule, subnetUpdateRule } from './subnet-requests';
import { portCreateRule } from './port-requests';

function message(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAttribute);
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('address rules', () => {
  it('takes canonical IPv4 and any IPv6 spelling, returning the canonical text', () => {
    expect(ipAddressRule.check('10.0.0.5', 'ip')).toBe('10.0.0.5');
    expect(ipAddressRule.check('2001:0DB8:0:0::0005', 'ip')).toBe('2001:db8::5');
    for (const bad of ['10.0.0.05', '2001:db8::g', 'fe80::1%eth0', '', 7, null, 'x'.repeat(1e5)]) {
      expect(message(() => ipAddressRule.check(bad, 'ip'))).toContain('ip must be an IP address');
    }
  });

  it('takes CIDRs, refusing IPv4 host bits and clearing IPv6 ones', () => {
    expect(ipCidrRule.check('10.0.0.0/24', 'cidr')).toBe('10.0.0.0/24');
    expect(ipCidrRule.check('2001:DB8::1/64', 'cidr')).toBe('2001:db8::/64');
    expect(message(() => ipCidrRule.check('10.0.0.1/24', 'cidr'))).toContain(
      "cidr '10.0.0.1/24' has host bits set; use 10.0.0.0/24",
    );
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0.0', '10.0.0.0/08', 5]) {
      expect(message(() => ipCidrRule.check(bad, 'cidr'))).toContain('cidr must be a CIDR');
    }
  });
});

describe('the subnet and port request rules', () => {
  it('return subnet requests with canonical addresses', () => {
    expect(
      subnetCreateRule.check(
        {
          network_id: 'net-1',
          cidr: '2001:DB8::/64',
          gateway_ip: '2001:DB8::1',
          allocation_pools: [{ start: '2001:DB8::10', end: '2001:DB8::20' }],
          dns_nameservers: ['2001:4860:4860:0:0:0:0:8888'],
          host_routes: [{ destination: '::/0', nexthop: '2001:DB8::1' }],
          ipv6_address_mode: 'slaac',
          ipv6_ra_mode: null,
        },
        '',
      ),
    ).toEqual({
      network_id: 'net-1',
      cidr: '2001:db8::/64',
      gateway_ip: '2001:db8::1',
      allocation_pools: [{ start: '2001:db8::10', end: '2001:db8::20' }],
      dns_nameservers: ['2001:4860:4860::8888'],
      host_routes: [{ destination: '::/0', nexthop: '2001:db8::1' }],
      ipv6_address_mode: 'slaac',
      ipv6_ra_mode: null,
    });
  });

  it('refuse an unknown IPv6 mode, a subnet pool, service types, and one DNS server in two spellings', () => {
    const create = (extra: Record<string, unknown>) =>
      subnetCreateRule.check({ network_id: 'n', cidr: '2001:db8::/64', ...extra }, '');
    expect(message(() => create({ ipv6_address_mode: 'dhcp' }))).toContain('ipv6_address_mode');
    expect(message(() => create({ subnetpool_id: 'pool' }))).toContain('subnetpool_id');
    expect(message(() => create({ service_types: ['x'] }))).toContain('service_types');
    expect(message(() => create({ dns_nameservers: ['2001:db8::1', '2001:DB8::1'] }))).toContain(
      'dns_nameservers[1] repeats',
    );
    expect(message(() => subnetUpdateRule.check({ ipv6_ra_mode: 'x' }, ''))).toContain(
      'ipv6_ra_mode',
    );
  });

  it('take fixed IPs with a subnet, an address, or both', () => {
    const checked = portCreateRule.check(
      { network_id: 'n', fixed_ips: [{ subnet_id: 's' }, { ip_address: '2001:DB8::5' }, {}] },
      '',
    );
    expect(checked.fixed_ips).toEqual([{ subnet_id: 's' }, { ip_address: '2001:db8::5' }, {}]);
    expect(
      message(() =>
        portCreateRule.check({ network_id: 'n', fixed_ips: [{ ip_address: '1' }] }, ''),
      ),
    ).toContain('fixed_ips[0].ip_address');
  });
});
