import { InvalidAttribute } from '@ml2ts/driver-api';
import {
  canonicalIpv4Value,
  idRule,
  ipv4AddressOrCidrRule,
  ipv4AddressRule,
  ipv4CidrRule,
  macAddressRule,
  uuidRule,
} from './format-rules';

function message(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAttribute);
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('format rules', () => {
  it('normalizes MAC addresses and refuses what is not one', () => {
    expect(macAddressRule.check('FA-16-3E-AA-BB-CC', 'mac_address')).toBe('fa:16:3e:aa:bb:cc');
    expect(macAddressRule.check('fa163eaabbcc', 'mac_address')).toBe('fa:16:3e:aa:bb:cc');
    for (const bad of [
      '00:00:00:00:00:00',
      'ff:ff:ff:ff:ff:ff',
      'fa:16:3e:zz:00:01',
      7,
      'x'.repeat(1e6),
    ]) {
      expect(message(() => macAddressRule.check(bad, 'mac_address'))).toContain(
        'mac_address must be a MAC address',
      );
    }
  });

  it('takes canonical dotted-quad IPv4 addresses only', () => {
    expect(ipv4AddressRule.check('10.0.0.5', 'ip')).toBe('10.0.0.5');
    expect(canonicalIpv4Value('255.255.255.255')).toBe(2 ** 32 - 1);
    for (const bad of ['10.0.0.05', '10.0.0', '10.0.0.256', '1.2.3.4.5', ' 10.0.0.5', '::1', 10]) {
      expect(message(() => ipv4AddressRule.check(bad, 'ip'))).toContain(
        'ip must be an IPv4 address',
      );
    }
  });

  it('takes canonical IPv4 CIDRs, naming the one to use when host bits are set', () => {
    expect(ipv4CidrRule.check('10.0.0.0/24', 'cidr')).toBe('10.0.0.0/24');
    expect(ipv4CidrRule.check('0.0.0.0/0', 'cidr')).toBe('0.0.0.0/0');
    expect(message(() => ipv4CidrRule.check('10.0.0.1/24', 'cidr'))).toContain(
      "cidr '10.0.0.1/24' has host bits set; use 10.0.0.0/24",
    );
    for (const bad of ['10.0.0.0/33', '10.0.0.0/024', '10.0.0.0', '10.0.0.0/24/1', '::/64', null]) {
      expect(message(() => ipv4CidrRule.check(bad, 'cidr'))).toContain('cidr must be an IPv4 CIDR');
    }
    expect(ipv4AddressOrCidrRule.check('10.0.0.0/28', 'pair')).toBe('10.0.0.0/28');
    expect(ipv4AddressOrCidrRule.check('10.0.0.3', 'pair')).toBe('10.0.0.3');
  });

  it('bounds ids by their column and checks UUIDs', () => {
    expect(idRule.check('no-such-network', 'network_id')).toBe('no-such-network');
    expect(message(() => idRule.check('', 'network_id'))).toContain('network_id must be');
    expect(message(() => idRule.check('x'.repeat(50), 'network_id'))).toContain(
      'a string of 50 characters',
    );
    expect(uuidRule.check('5b0e7c64-3f0a-4f59-9d0c-7d6f0e0c1a11', 'id')).toBeDefined();
    expect(message(() => uuidRule.check('port-1', 'id'))).toContain('id must be a UUID');
  });
});
