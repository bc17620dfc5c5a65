import { ConfigurationError } from '@ml2ts/driver-api';
import { parseVlanRanges } from './parse-vlan-ranges';

describe('parseVlanRanges', () => {
  it('returns an empty map for no entries', () => {
    expect(parseVlanRanges([])).toEqual(new Map());
  });

  it('accumulates several ranges of one physnet and keeps physnets in config order', () => {
    const ranges = parseVlanRanges(['physnet2:100:199', 'physnet1:10:20', 'physnet2:300:300']);
    expect([...ranges.keys()]).toEqual(['physnet2', 'physnet1']);
    expect(ranges.get('physnet2')).toEqual([
      [100, 199],
      [300, 300],
    ]);
    expect(ranges.get('physnet1')).toEqual([[10, 20]]);
  });

  it('gives a bare physnet the whole range 1..4094', () => {
    expect(parseVlanRanges(['physnet1'])).toEqual(new Map([['physnet1', [[1, 4094]]]]));
  });

  it('lets a bare physnet replace explicit ranges given before or after it', () => {
    const ranges = parseVlanRanges(['p1:10:20', 'p2:5:6', 'p1', 'p1:30:40']);
    expect(ranges.get('p1')).toEqual([[1, 4094]]);
    expect(ranges.get('p2')).toEqual([[5, 6]]);
    expect([...ranges.keys()]).toEqual(['p1', 'p2']);
  });

  it('accepts the bounds 1 and 4094 and blanks around fields', () => {
    expect(parseVlanRanges([' p1 : 1 : 4094 '])).toEqual(new Map([['p1', [[1, 4094]]]]));
  });

  it.each([
    ['p1:0:10', 'minimum below 1'],
    ['p1:10:4095', 'maximum above 4094'],
    ['p1:20:10', 'minimum above maximum'],
    ['p1:a:10', 'non-integer id'],
    ['p1:1.5:10', 'fractional id'],
    ['p1:10', 'two fields'],
    ['p1:1:2:3', 'four fields'],
    [':1:10', 'empty physnet with range'],
    ['', 'empty entry'],
    ['   ', 'blank entry'],
  ])('rejects %j (%s), naming the option, the entry and what is allowed', (entry) => {
    const attempt = () => parseVlanRanges(['ok:1:2', entry]);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(`ml2_type_vlan.network_vlan_ranges = ${JSON.stringify(entry)}`);
    expect(attempt).toThrow('"physnet:min:max" with 1 <= min <= max <= 4094');
  });

  it('rejects an entry that is not a string', () => {
    expect(() => parseVlanRanges([42])).toThrow('ml2_type_vlan.network_vlan_ranges = 42');
  });

  it('names the option it is given', () => {
    expect(() => parseVlanRanges(['p1:0:1'], 'tor.vlan_ranges')).toThrow('tor.vlan_ranges = ');
  });
});
