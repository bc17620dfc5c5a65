import { formatIpAddress, formatIpNetwork, networkAddress, parseIpNetwork } from './ip-network';

function canonical(text: string): string | undefined {
  const network = parseIpNetwork(text);
  return network === undefined ? undefined : formatIpNetwork(network);
}

function cidrOf(text: string): string | undefined {
  const network = parseIpNetwork(text);
  return network === undefined ? undefined : formatIpNetwork(networkAddress(network));
}

describe('parseIpNetwork', () => {
  it.each([
    ['10.0.0.5/24', '10.0.0.5/24'],
    ['10.0.0.1', '10.0.0.1/32'],
    [' 10.0.0.0/24 ', '10.0.0.0/24'],
    ['010.0.0.1/024', '10.0.0.1/24'],
    ['10/8', '10.0.0.0/8'],
    ['1.2.3', '1.2.3.0/32'],
    ['10.0.0.0/255.255.255.0', '10.0.0.0/24'],
    ['10.0.0.0/0.0.0.255', '10.0.0.0/24'],
    ['10.0.0.0/+24', '10.0.0.0/24'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['::/0', '::/0'],
    ['FE80:0:0:0:0:0:0:1/64', 'fe80::1/64'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1/128'],
    ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7/128'],
    ['::ffff:1.2.3.4/96', '::ffff:1.2.3.4/96'],
    ['::1.2.3.4', '::1.2.3.4/128'],
    ['::ffff:0:0', '::ffff:0.0.0.0/128'],
    ['::1', '::1/128'],
    ['1::', '1::/128'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304/128'],
  ])('reads %p as %p', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it.each([
    '',
    'abc',
    '1.2.3.4.5',
    '256.0.0.0/8',
    '10.0.0.0/',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/255.0.255.0',
    '1.2.3.4/32/1',
    '::/129',
    '1::2::3',
    '12345::1',
    '1:2:3:4:5:6:7:8:9',
    'fe80::1%eth0/64',
    '::1.2.3/128',
  ])('refuses %p', (text) => {
    expect(parseIpNetwork(text)).toBeUndefined();
  });
});

describe('networkAddress', () => {
  it('clears the host bits', () => {
    expect(cidrOf('10.0.0.5/24')).toBe('10.0.0.0/24');
    expect(cidrOf('10.1.2.3/13')).toBe('10.0.0.0/13');
    expect(cidrOf('fe80::1/64')).toBe('fe80::/64');
    expect(cidrOf('::ffff:1.2.3.4/96')).toBe('::ffff:0.0.0.0/96');
    expect(cidrOf('10.0.0.5')).toBe('10.0.0.5/32');
  });
});

describe('formatIpAddress', () => {
  it('writes the longest run of zero groups as "::", the first of equal runs', () => {
    const network = parseIpNetwork('1:0:0:2:0:0:3:4');
    expect(network && formatIpAddress(network)).toBe('1::2:0:0:3:4');
  });
});
