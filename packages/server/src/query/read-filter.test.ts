import { InvalidFilterValue } from './list-query-error';
import { readBoolean, readFilter } from './read-filter';
import { attribute, type FilterRule } from './resource-description';

function read(rule: FilterRule, values: string[], name = 'attr') {
  return readFilter(attribute(name, 'string', { filter: rule }), values);
}

function valuesOf(rule: FilterRule, values: string[]) {
  const filter = read(rule, values);
  return filter !== null && filter.rule !== 'fixed-ips' ? filter.values : undefined;
}

function errorOf(rule: FilterRule, value: string, name = 'attr'): InvalidFilterValue {
  try {
    read(rule, [value], name);
  } catch (error) {
    if (error instanceof InvalidFilterValue) return error;
    throw error;
  }
  throw new Error(`no error for ${value}`);
}

describe('readFilter', () => {
  it('keeps exact values as given, empty ones included', () => {
    expect(valuesOf('exact', ['a', '', ' b '])).toEqual(['a', '', ' b ']);
  });

  it.each([
    ['true', true],
    ['True', true],
    [' TRUE ', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    ['t', true],
    ['y', true],
    ['false', false],
    ['False', false],
    ['0', false],
    ['no', false],
    ['off', false],
    ['f', false],
    ['n', false],
  ])('reads boolean %p as %p', (text, value) => {
    expect(readBoolean('admin_state_up', text)).toBe(value);
  });

  it('refuses other booleans with InvalidInput, as Neutron words it', () => {
    for (const bad of ['maybe', '', '2', 'truee']) {
      const error = errorOf('boolean', bad, 'admin_state_up');
      expect(error).toMatchObject({
        httpStatus: 400,
        type: 'InvalidInput',
        attribute: 'admin_state_up',
        value: bad,
        message: `Invalid input for operation: '${bad}' cannot be converted to boolean.`,
      });
    }
  });

  it('reads integers, refusing others with InvalidInput', () => {
    expect(valuesOf('integer', ['1450', ' 9000 ', '+1_500'])).toEqual([1450, 9000, 1500]);
    expect(errorOf('integer', 'big')).toMatchObject({
      type: 'InvalidInput',
      message: "Invalid input for operation: 'big' is not an integer.",
    });
    expect(errorOf('segment-integer', '').message).toBe(
      "Invalid input for operation: '' is not an integer.",
    );
  });

  it('reads integer-text values leniently: non-integers match nothing', () => {
    expect(valuesOf('integer-text', ['3', 'x', ''])).toEqual([3, null, null]);
  });

  it('rewrites MAC addresses', () => {
    expect(valuesOf('mac', ['FA-16-3E-8D-FA-2C', 'junk'])).toEqual(['fa:16:3e:8d:fa:2c', 'junk']);
  });

  it('reads CIDRs as their network, refusing others with InvalidInput', () => {
    expect(valuesOf('cidr', ['10.0.0.5/24', '10.0.0.1', 'fe80::1/64'])).toEqual([
      '10.0.0.0/24',
      '10.0.0.1/32',
      'fe80::/64',
    ]);
    expect(errorOf('cidr', 'abc')).toMatchObject({
      type: 'InvalidInput',
      message: 'Invalid input for operation: abc is not in a CIDR format.',
    });
    expect(errorOf('cidr', '').message).toBe(
      'Invalid input for operation:  is not in a CIDR format.',
    );
  });

  it('reads IP prefixes in canonical form, empty as nothing, others InvalidCIDR', () => {
    expect(valuesOf('ip-prefix', ['10.0.0.1', '10.0.0.5/24', '', '::/0'])).toEqual([
      '10.0.0.1/32',
      '10.0.0.5/24',
      null,
      '::/0',
    ]);
    expect(errorOf('ip-prefix', 'abc')).toMatchObject({
      type: 'InvalidCIDR',
      message: 'Invalid CIDR abc given as IP prefix.',
    });
  });

  it('reads protocols as lower-case names or numbers 0-255 kept as given', () => {
    expect(valuesOf('protocol', ['TCP', '6', '006', 'ipv6-icmp'])).toEqual([
      'tcp',
      '6',
      '006',
      'ipv6-icmp',
    ]);
    for (const bad of ['300', 'foo', '', '-1']) {
      const error = errorOf('protocol', bad);
      expect(error.type).toBe('SecurityGroupRuleInvalidProtocol');
      expect(error.message).toBe(
        `Security group rule protocol ${bad} not supported. Only protocol values [None, 'ah', ` +
          "'dccp', 'egp', 'esp', 'gre', 'hopopt', 'icmp', 'igmp', 'ip', 'ipip', 'ipv6-encap', " +
          "'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', 'ospf', " +
          "'pgm', 'rsvp', 'sctp', 'tcp', 'udp', 'udplite', 'vrrp'] and integer representations " +
          '[0 to 255] are supported.',
      );
    }
  });

  it('reads port numbers 0-65535', () => {
    expect(valuesOf('port-number', ['080', '0', '65535'])).toEqual([80, 0, 65535]);
    for (const bad of ['70000', 'x', '', '-1']) {
      expect(errorOf('port-number', bad)).toMatchObject({
        type: 'SecurityGroupInvalidPortValue',
        message: `Invalid value for port ${bad}`,
      });
    }
  });

  it('reads ether types in any case', () => {
    expect(valuesOf('ethertype', ['ipv4', 'IPV6'])).toEqual(['IPv4', 'IPv6']);
    expect(errorOf('ethertype', 'foo')).toMatchObject({
      type: 'SecurityGroupRuleInvalidEtherType',
      message:
        "Security group rule for ethertype 'foo' not supported. Allowed values are " +
        "['IPv4', 'IPv6'].",
    });
  });

  it('splits tag values at commas into distinct tags', () => {
    expect(valuesOf('tags', ['red,blue', 'blue', 'green'])).toEqual(['red', 'blue', 'green']);
    expect(valuesOf('not-tags-any', ['a,,b'])).toEqual(['a', '', 'b']);
  });

  it('reads fixed_ips pairs, ignoring other keys', () => {
    expect(
      read(
        'fixed-ips',
        ['ip_address=10.0.0.1', ' subnet_id = s1 ', 'ip_address=10.0.0.1', 'other=x'],
        'fixed_ips',
      ),
    ).toEqual({
      attribute: 'fixed_ips',
      rule: 'fixed-ips',
      ipAddresses: ['10.0.0.1'],
      subnetIds: ['s1'],
    });
    expect(read('fixed-ips', ['True'], 'fixed_ips')).toBeNull();
  });

  it('refuses fixed_ips values without a key', () => {
    for (const bad of ['10.0.0.1', '=x', '', 'True']) {
      const error = (() => {
        try {
          read('fixed-ips', ['ip_address=1.2.3.4', bad], 'fixed_ips');
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toMatchObject({
        type: 'InvalidInput',
        message: `Invalid input for operation: '${bad}' is not of the form <key>=[value].`,
      });
    }
  });

  it('reads only the first value of a first-boolean filter', () => {
    expect(valuesOf('first-boolean', ['false', 'garbage'])).toEqual([false]);
  });
});
