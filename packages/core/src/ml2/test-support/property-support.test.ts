import fc from 'fast-check';
import { databaseInvariantViolations } from './database-invariants';
import { CI_FAST_CHECK_SEED, propertySeed } from './property-seed';
import { randomOperation, resolveTemplate } from './random-operations';

describe('the property suite support', () => {
  it('picks the seed: ML2TS_FAST_CHECK_SEED, then the fixed CI seed, else a random one', () => {
    expect(propertySeed({ ML2TS_FAST_CHECK_SEED: '17', CI: 'true' })).toBe(17);
    expect(propertySeed({ CI: 'true' })).toBe(CI_FAST_CHECK_SEED);
    expect(propertySeed({ CI: '1' })).toBe(CI_FAST_CHECK_SEED);
    expect(Number.isSafeInteger(propertySeed({}))).toBe(true);
    expect(() => propertySeed({ ML2TS_FAST_CHECK_SEED: 'abc' })).toThrow('must be an integer');
  });

  it('generates the same operations for the same seed', () => {
    const sample = (seed: number) =>
      JSON.stringify(fc.sample(randomOperation, { seed, numRuns: 20 }));
    expect(sample(5)).toBe(sample(5));
    expect(sample(5)).not.toBe(sample(6));
  });

  it('fills templates in with known resources', () => {
    const known = {
      networks: ['n1', 'n2'],
      subnets: [{ id: 's1', cidr: '10.0.3.0/24', networkId: 'n2' }],
      ports: [{ id: 'abcdef01-2345', macAddress: 'fa:16:3e:00:00:01', networkId: 'n2' }],
      segments: [],
      agents: [],
    };
    expect(
      resolveTemplate(
        {
          network_id: { $ref: 'network', pick: 3 },
          fixed_ips: [{ subnet_id: { $subnet: 0 }, ip_address: { $ip: 0, offset: 9 } }],
          device: { $device: 'tap', pick: 0 },
          segment_id: { $ref: 'segment', pick: 0 },
        },
        known,
        'n2',
      ),
    ).toEqual({
      network_id: 'n2',
      fixed_ips: [{ subnet_id: 's1', ip_address: '10.0.3.9' }],
      device: 'tapabcdef01-23',
      segment_id: '00000000-0000-4000-8000-00000000ffff',
    });
  });

  it('finds every kind of invariant violation', () => {
    const dump = {
      ports: [
        { id: 'p1', networkId: 'n1', fixedIps: '[{"ip_address":"10.0.0.5","subnet_id":"s1"}]' },
        { id: 'p2', networkId: 'n1', fixedIps: '[{"ip_address":"10.0.0.5","subnet_id":"s1"}]' },
      ],
      ml2_port_bindings: [
        { portId: 'p1', host: 'h1', status: 'ACTIVE' },
        { portId: 'p1', host: 'h2', status: 'ACTIVE' },
        { portId: 'p2', host: 'h1', status: 'ACTIVE' },
      ],
      ml2_port_binding_levels: [{ portId: 'p2', host: 'h9', level: 0, segmentId: 'seg1' }],
      networksegments: [
        {
          id: 'seg1',
          networkId: 'n1',
          networkType: 'vlan',
          physicalNetwork: 'physnet1',
          segmentationId: 100,
          isDynamic: false,
        },
        {
          id: 'seg2',
          networkId: 'n2',
          networkType: 'vlan',
          physicalNetwork: 'physnet1',
          segmentationId: 100,
          isDynamic: false,
        },
        {
          id: 'seg3',
          networkId: 'n1',
          networkType: 'vlan',
          physicalNetwork: 'physnet1',
          segmentationId: 101,
          isDynamic: true,
        },
      ],
      networks: [{ id: 'n1' }, { id: 'n2' }],
      subnets: [{ id: 's1' }],
      tags: [
        { resourceType: 'networks', resourceId: 'n1', tag: 'kept' },
        { resourceType: 'subnets', resourceId: 'n1', tag: 'orphan' },
      ],
    };
    const violations = databaseInvariantViolations(dump);
    expect(violations).toEqual([
      'port p1 has 2 ACTIVE bindings',
      "binding level 0 of port p2 on host 'h9' has no binding on that host",
      'dynamic segment seg3 has no binding level pointing at it',
      'vlan/physnet1/100 is held by networks n1, n2',
      'address 10.0.0.5 is on ports p1 and p2 of network n1',
      "tag 'orphan' belongs to subnets n1, gone",
    ]);
  });
});
