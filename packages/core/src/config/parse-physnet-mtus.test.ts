import { ConfigurationError } from '@ml2ts/driver-api';
import { parsePhysnetMtus } from './parse-physnet-mtus';

describe('parsePhysnetMtus', () => {
  it('maps physnets to MTUs in config order', () => {
    const mtus = parsePhysnetMtus(['physnet2:9000', ' physnet1 : 1400 ', 'p3:0']);
    expect([...mtus.entries()]).toEqual([
      ['physnet2', 9000],
      ['physnet1', 1400],
      ['p3', 0],
    ]);
  });

  it.each([
    ['physnet1', 'no MTU'],
    ['physnet1:9000:1', 'three fields'],
    [':9000', 'empty physnet'],
    ['physnet1:-1', 'negative MTU'],
    ['physnet1:big', 'non-integer MTU'],
  ])('rejects %j (%s)', (entry) => {
    const attempt = () => parsePhysnetMtus([entry]);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(`ml2.physical_network_mtus = ${JSON.stringify(entry)}`);
    expect(attempt).toThrow('"physnet:mtu"');
  });

  it('rejects a physnet named twice', () => {
    expect(() => parsePhysnetMtus(['p1:1500', 'p1:9000'])).toThrow(
      'ml2.physical_network_mtus = "p1:9000"',
    );
  });
});
