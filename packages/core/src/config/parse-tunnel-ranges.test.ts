import { ConfigurationError } from '@ml2ts/driver-api';
import { MAX_GRE_ID, MAX_VNI, parseTunnelRanges } from './parse-tunnel-ranges';

describe('parseTunnelRanges', () => {
  it('parses ranges in config order, keeping overlaps', () => {
    expect(parseTunnelRanges(['100:200', '1:1', '150:160'], 1, MAX_VNI, 'x.y')).toEqual([
      [100, 200],
      [1, 1],
      [150, 160],
    ]);
  });

  it('accepts the protocol bounds', () => {
    expect(parseTunnelRanges(['1:16777215'], 1, MAX_VNI, 'v')).toEqual([[1, 16777215]]);
    expect(parseTunnelRanges([' 1 : 4294967295 '], 1, MAX_GRE_ID, 'g')).toEqual([[1, 4294967295]]);
  });

  it.each([
    ['0:10', 'minimum below the lowest id'],
    ['1:16777216', 'maximum above the highest VNI'],
    ['20:10', 'minimum above maximum'],
    ['10', 'one field'],
    ['1:2:3', 'three fields'],
    ['a:b', 'not integers'],
    ['', 'empty'],
  ])('rejects %j (%s), naming the option, entry and bounds', (entry) => {
    const attempt = () => parseTunnelRanges([entry], 1, MAX_VNI, 'ml2_type_vxlan.vni_ranges');
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(`ml2_type_vxlan.vni_ranges = ${JSON.stringify(entry)}`);
    expect(attempt).toThrow('"min:max" with 1 <= min <= max <= 16777215');
  });

  it('checks the bounds it is given, not the VNI ones', () => {
    expect(parseTunnelRanges(['1:4294967295'], 1, MAX_GRE_ID, 'g')).toHaveLength(1);
    expect(() => parseTunnelRanges(['1:4294967296'], 1, MAX_GRE_ID, 'g')).toThrow(
      'g = "1:4294967296"',
    );
  });

  it('rejects an entry that is not a string', () => {
    expect(() => parseTunnelRanges([null], 1, MAX_VNI, 'v')).toThrow('v = null');
  });
});
