import { networkDescription } from './descriptions/network-description';
import { portDescription } from './descriptions/port-description';
import { securityGroupRuleDescription } from './descriptions/security-group-rule-description';
import { subnetDescription } from './descriptions/subnet-description';
import { matchesFilters } from './matches-filters';
import { parseListQuery } from './parse-list-query';
import { type ResourceDescription } from './resource-description';

function matcher(description: ResourceDescription, query: string) {
  const { filters } = parseListQuery(description, query);
  return (item: object) => matchesFilters(filters, item);
}

describe('matchesFilters', () => {
  it('matches exact values, any of several', () => {
    const match = matcher(networkDescription, 'name=a&name=b');
    expect(match({ name: 'a' })).toBe(true);
    expect(match({ name: 'b' })).toBe(true);
    expect(match({ name: 'c' })).toBe(false);
    expect(match({})).toBe(false);
  });

  it('requires every filter', () => {
    const match = matcher(networkDescription, 'name=a&admin_state_up=false');
    expect(match({ name: 'a', admin_state_up: false })).toBe(true);
    expect(match({ name: 'a', admin_state_up: true })).toBe(false);
  });

  it('matches an empty value only to an empty attribute, never to null', () => {
    const match = matcher(subnetDescription, 'gateway_ip=');
    expect(match({ gateway_ip: '' })).toBe(true);
    expect(match({ gateway_ip: null })).toBe(false);
  });

  it('compares booleans and integers by value', () => {
    expect(matcher(networkDescription, 'router:external=0')({ 'router:external': false })).toBe(
      true,
    );
    expect(matcher(networkDescription, 'mtu=01450')({ mtu: 1450 })).toBe(true);
    expect(matcher(networkDescription, 'mtu=1450')({ mtu: '1450' })).toBe(false);
  });

  it('compares revision numbers as integers, other text matching nothing', () => {
    expect(matcher(networkDescription, 'revision_number=2')({ revision_number: 2 })).toBe(true);
    expect(matcher(networkDescription, 'revision_number=x')({ revision_number: 2 })).toBe(false);
  });

  it('takes tenant_id for project_id and the other way round', () => {
    expect(matcher(networkDescription, 'tenant_id=p')({ project_id: 'p' })).toBe(true);
    expect(matcher(networkDescription, 'project_id=p')({ tenant_id: 'p' })).toBe(true);
  });

  describe('provider attributes', () => {
    const vlan = {
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': 101,
    };
    const multi = {
      segments: [
        {
          'provider:network_type': 'vlan',
          'provider:physical_network': 'physnet1',
          'provider:segmentation_id': 101,
        },
        {
          'provider:network_type': 'vxlan',
          'provider:physical_network': null,
          'provider:segmentation_id': 5,
        },
      ],
    };

    it('match a single-segment network on its own attributes', () => {
      expect(matcher(networkDescription, 'provider:network_type=vlan')(vlan)).toBe(true);
      expect(matcher(networkDescription, 'provider:segmentation_id=101')(vlan)).toBe(true);
      expect(matcher(networkDescription, 'provider:segmentation_id=102')(vlan)).toBe(false);
      expect(
        matcher(
          networkDescription,
          'provider:physical_network=physnet1',
        )({
          'provider:network_type': 'vxlan',
          'provider:physical_network': null,
          'provider:segmentation_id': 5,
        }),
      ).toBe(false);
    });

    it('match a multi-segment network when one segment matches all of them', () => {
      expect(matcher(networkDescription, 'provider:network_type=vxlan')(multi)).toBe(true);
      expect(
        matcher(
          networkDescription,
          'provider:network_type=vlan&provider:segmentation_id=101',
        )(multi),
      ).toBe(true);
      expect(
        matcher(networkDescription, 'provider:network_type=vlan&provider:segmentation_id=5')(multi),
      ).toBe(false);
    });

    it('let a network without segment information through', () => {
      expect(matcher(networkDescription, 'provider:network_type=vlan')({ name: 'x' })).toBe(true);
      expect(
        matcher(
          networkDescription,
          'provider:network_type=vlan',
        )({
          'provider:network_type': null,
          segments: [],
        }),
      ).toBe(false);
    });
  });

  describe('tags', () => {
    const red = { tags: ['red'] };
    const redBlue = { tags: ['blue', 'red'] };
    const none = { tags: [] };

    it('tags: all of them', () => {
      const match = matcher(networkDescription, 'tags=red,blue');
      expect([red, redBlue, none].map(match)).toEqual([false, true, false]);
      expect(matcher(networkDescription, 'tags=red&tags=blue')(redBlue)).toBe(true);
    });

    it('tags-any: any of them', () => {
      const match = matcher(networkDescription, 'tags-any=red,green');
      expect([red, redBlue, none].map(match)).toEqual([true, true, false]);
    });

    it('not-tags: not all of them', () => {
      const match = matcher(networkDescription, 'not-tags=red,blue');
      expect([red, redBlue, none].map(match)).toEqual([true, false, true]);
    });

    it('not-tags-any: none of them', () => {
      const match = matcher(networkDescription, 'not-tags-any=red,green');
      expect([red, redBlue, none].map(match)).toEqual([false, false, true]);
    });

    it('an empty tag is a tag no resource has', () => {
      expect(matcher(networkDescription, 'tags=')(red)).toBe(false);
      expect(matcher(networkDescription, 'not-tags-any=')(red)).toBe(true);
    });
  });

  describe('ports', () => {
    const port = {
      mac_address: 'fa:16:3e:8d:fa:2c',
      fixed_ips: [
        { ip_address: '192.0.2.152', subnet_id: 's1' },
        { ip_address: '198.51.100.7', subnet_id: 's2' },
      ],
      security_groups: ['sg1', 'sg2'],
      'binding:host_id': '',
    };

    it('fixed_ips: one of the addresses and one of the subnets, each on any fixed IP', () => {
      const match = (query: string) => matcher(portDescription, query)(port);
      expect(match('fixed_ips=ip_address=192.0.2.152')).toBe(true);
      expect(match('fixed_ips=subnet_id=s2')).toBe(true);
      expect(match('fixed_ips=ip_address=192.0.2.152&fixed_ips=subnet_id=s1')).toBe(true);
      expect(match('fixed_ips=ip_address=192.0.2.152&fixed_ips=subnet_id=s2')).toBe(true);
      expect(match('fixed_ips=ip_address=10.0.0.1&fixed_ips=ip_address=198.51.100.7')).toBe(true);
      expect(match('fixed_ips=ip_address=10.0.0.1')).toBe(false);
      expect(match('fixed_ips=subnet_id=s3')).toBe(false);
      expect(match('fixed_ips=other=x')).toBe(true);
      expect(matcher(portDescription, 'fixed_ips=subnet_id=s1')({ fixed_ips: [] })).toBe(false);
    });

    it('mac_address: any spelling, any case', () => {
      expect(matcher(portDescription, 'mac_address=FA-16-3E-8D-FA-2C')(port)).toBe(true);
      expect(
        matcher(
          portDescription,
          'mac_address=fa:16:3e:8d:fa:2c',
        )({
          mac_address: 'FA:16:3E:8D:FA:2C',
        }),
      ).toBe(true);
      expect(matcher(portDescription, 'mac_address=fa:16:3e:00:00:00')(port)).toBe(false);
    });

    it('security_groups: the port has any of them', () => {
      expect(matcher(portDescription, 'security_groups=sg9&security_groups=sg2')(port)).toBe(true);
      expect(matcher(portDescription, 'security_groups=sg9')(port)).toBe(false);
    });

    it('binding:host_id= finds unbound ports', () => {
      expect(matcher(portDescription, 'binding:host_id=')(port)).toBe(true);
      expect(matcher(portDescription, 'binding:host_id=compute-1')(port)).toBe(false);
    });
  });

  it('subnets by CIDR: any address of the network finds it', () => {
    const subnet = { cidr: '10.0.0.0/24' };
    expect(matcher(subnetDescription, 'cidr=10.0.0.77/24')(subnet)).toBe(true);
    expect(matcher(subnetDescription, 'cidr=10.0.0.0/25')(subnet)).toBe(false);
  });

  it('security group rules by canonical prefix, protocol, ports and ether type', () => {
    const rule = {
      remote_ip_prefix: '10.0.0.1/32',
      protocol: 'tcp',
      port_range_min: 22,
      ethertype: 'IPv4',
    };
    const match = (query: string) => matcher(securityGroupRuleDescription, query)(rule);
    expect(match('remote_ip_prefix=10.0.0.1')).toBe(true);
    expect(match('remote_ip_prefix=')).toBe(false);
    expect(match('protocol=TCP')).toBe(true);
    expect(match('protocol=6')).toBe(false);
    expect(match('port_range_min=022')).toBe(true);
    expect(match('ethertype=ipv4')).toBe(true);
  });
});
