import { type Agent, type NetworkSegment } from '@ml2ts/store';
import { checkBulkPullRequest } from './bulk-pull-filter';
import { segmentHostsFrom } from './network-segment-object';
import { pythonJsonDumps, versionedObject } from './primitive';
import { standardAttributeId } from './standard-attribute-id';
import { allocationPoolId } from './subnet-object';

describe('pythonJsonDumps', () => {
  it('writes JSON as Neutron’s servers do', () => {
    expect(pythonJsonDumps({})).toBe('{}');
    expect(
      pythonJsonDumps({
        connectivity: 'l2',
        port_filter: true,
        ovs_hybrid_plug: false,
        datapath_type: 'netdev',
        bridge_name: 'br-int',
      }),
    ).toBe(
      '{"connectivity": "l2", "port_filter": true, "ovs_hybrid_plug": false, ' +
        '"datapath_type": "netdev", "bridge_name": "br-int"}',
    );
    expect(pythonJsonDumps({ a: [1, 2.5, null, { b: [] }], 'quote"d': 'x\n' })).toBe(
      '{"a": [1, 2.5, null, {"b": []}], "quote\\"d": "x\\n"}',
    );
    expect(pythonJsonDumps({ name: 'café ☃ 😀\u007f' })).toBe(
      '{"name": "caf\\u00e9 \\u2603 \\ud83d\\ude00\\u007f"}',
    );
    expect(JSON.parse(pythonJsonDumps({ name: 'café ☃ 😀' }))).toEqual({ name: 'café ☃ 😀' });
  });
});

describe('versionedObject', () => {
  it('wraps data without changes', () => {
    expect(versionedObject('Route', '1.0', { a: 1 })).toEqual({
      'versioned_object.name': 'Route',
      'versioned_object.namespace': 'versionedobjects',
      'versioned_object.version': '1.0',
      'versioned_object.data': { a: 1 },
    });
  });
});

describe('standardAttributeId', () => {
  it('is a stable positive safe integer per id', () => {
    const id = 'd7754d13-1d68-4491-a7dc-007b31601602';
    expect(standardAttributeId(id)).toBe(standardAttributeId(id));
    expect(Number.isSafeInteger(standardAttributeId(id))).toBe(true);
    expect(standardAttributeId(id)).toBeGreaterThan(0);
    const many = new Set(
      Array.from({ length: 1000 }, (_, index) =>
        standardAttributeId(`00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`),
      ),
    );
    expect(many.size).toBe(1000);
  });
});

describe('allocationPoolId', () => {
  it('is a version-5-shaped UUID of the subnet and range', () => {
    const id = allocationPoolId('s1', '192.0.2.2', '192.0.2.254');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(allocationPoolId('s1', '192.0.2.2', '192.0.2.254')).toBe(id);
    expect(allocationPoolId('s1', '192.0.2.2', '192.0.2.253')).not.toBe(id);
    expect(allocationPoolId('s2', '192.0.2.2', '192.0.2.254')).not.toBe(id);
  });
});

describe('segmentHostsFrom', () => {
  const agent = (host: string, configurations: unknown) =>
    ({ host, configurations: JSON.stringify(configurations) }) as Agent;
  const segment = (physicalNetwork: string | null) => ({ physicalNetwork }) as NetworkSegment;

  it('maps a physical network to the hosts of the agents that report it', () => {
    const hostsOf = segmentHostsFrom([
      agent('h2', { bridge_mappings: { physnet1: 'br-eth1' } }),
      agent('h1', { interface_mappings: { physnet1: 'eth1', physnet2: 'eth2' } }),
      agent('h3', { device_mappings: { physnet2: ['eth3'] } }),
      agent('h2', { bridge_mappings: { physnet1: 'br-eth1' } }),
      agent('h4', { bridge_mappings: ['physnet1'] }),
      { host: 'h5', configurations: 'not json' } as Agent,
    ]);
    expect(hostsOf(segment('physnet1'))).toEqual(['h1', 'h2']);
    expect(hostsOf(segment('physnet2'))).toEqual(['h1', 'h3']);
    expect(hostsOf(segment('physnet3'))).toEqual([]);
    expect(hostsOf(segment(null))).toEqual([]);
  });
});

describe('checkBulkPullRequest', () => {
  it('takes one value as a list of one and drops duplicates', () => {
    expect(
      checkBulkPullRequest({
        resource_type: 'SecurityGroupRule',
        version: '1.2',
        filter_kwargs: { security_group_id: 'g', id: ['a', 'b', 'a'] },
      }),
    ).toEqual({
      resourceType: 'SecurityGroupRule',
      filter: { security_group_id: ['g'], id: ['a', 'b'] },
    });
    expect(checkBulkPullRequest({ resource_type: 'Port', filter_kwargs: null })).toEqual({
      resourceType: 'Port',
      filter: {},
    });
  });

  it.each([
    [null, ''],
    [{ resource_type: 'Agent' }, 'resource_type'],
    [{ resource_type: 7 }, 'resource_type'],
    [{ resource_type: 'toString' }, 'resource_type'],
    [{ resource_type: 'Port', version: 1.7 }, 'version'],
    [{ resource_type: 'Port', filter_kwargs: 'id' }, 'filter_kwargs'],
    [{ resource_type: 'Subnet', filter_kwargs: { cidr: ['x'] } }, 'filter_kwargs.cidr'],
    [{ resource_type: 'Port', filter_kwargs: { id: [null] } }, 'filter_kwargs.id'],
    [{ resource_type: 'Port', filter_kwargs: { id: { a: 1 } } }, 'filter_kwargs.id'],
  ])('refuses %j with a 400 on %s', (request, attribute) => {
    expect(() => checkBulkPullRequest(request)).toThrow(
      expect.objectContaining({ type: 'InvalidInput', httpStatus: 400, attribute }),
    );
  });
});
