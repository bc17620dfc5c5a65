import { optionTypes, OptionValueError } from './option-types';

describe('optionTypes', () => {
  it('reads booleans in every spelling, in any case', () => {
    const yes = ['true', 'True', 'YES', 'on', '1', ' true '];
    const no = ['false', 'FALSE', 'no', 'Off', '0'];
    expect(yes.map((raw) => optionTypes.boolean.parse(raw))).toEqual(yes.map(() => true));
    expect(no.map((raw) => optionTypes.boolean.parse(raw))).toEqual(no.map(() => false));
    expect(() => optionTypes.boolean.parse('maybe')).toThrow(
      new OptionValueError('"maybe" is not true or false (also yes/no, on/off, 1/0)'),
    );
    expect(() => optionTypes.boolean.parse('')).toThrow(OptionValueError);
  });

  it('reads integers within their range', () => {
    const port = optionTypes.integer({ min: 0, max: 65535 });
    expect(['9696', ' +80 ', '0', '65535'].map((raw) => port.parse(raw))).toEqual([
      9696, 80, 0, 65535,
    ]);
    for (const raw of ['65536', '-1', '96.5', '', '0x10', '1e3', '9'.repeat(20)]) {
      expect(() => port.parse(raw)).toThrow(`is not an integer from 0 to 65535`);
    }
    expect(optionTypes.integer().parse('-12')).toBe(-12);
    expect(() => optionTypes.integer({ min: 1 }).parse('0')).toThrow('an integer >= 1');
  });

  it('reads decimal numbers', () => {
    const seconds = optionTypes.number({ min: 0 });
    expect(['2.5', '.5', '3', '1e2'].map((raw) => seconds.parse(raw))).toEqual([2.5, 0.5, 3, 100]);
    expect(() => seconds.parse('fast')).toThrow('is not a number >= 0');
    expect(() => seconds.parse('-1')).toThrow('is not a number >= 0');
  });

  it('reads strings as written, and an empty nullable string as null', () => {
    expect(optionTypes.string.parse('')).toBe('');
    expect(optionTypes.nullableString.parse('  ')).toBeNull();
    expect(optionTypes.nullableString.parse('239.1.1.1')).toBe('239.1.1.1');
  });

  it('reads choices in any case, answering them as listed', () => {
    const strategy = optionTypes.choice(['noauth', 'keystone']);
    expect(strategy.parse('NoAuth')).toBe('noauth');
    expect(() => strategy.parse('ldap')).toThrow('"ldap" is not one of noauth, keystone');
  });

  it('splits lists at commas, trimming and dropping empty entries', () => {
    expect(optionTypes.list.parse('openvswitch,linuxbridge')).toEqual([
      'openvswitch',
      'linuxbridge',
    ]);
    expect(optionTypes.list.parse(' a , b ,\nc, ')).toEqual(['a', 'b', 'c']);
    expect(optionTypes.list.parse('[physnet1:100:199, physnet2]')).toEqual([
      'physnet1:100:199',
      'physnet2',
    ]);
    expect(optionTypes.list.parse('')).toEqual([]);
  });

  it('reads dicts of key:value pairs, split at the first colon', () => {
    expect(optionTypes.dict.parse('physnet1:br-eth1, physnet2 : br-eth2,url:http://x:1')).toEqual({
      physnet1: 'br-eth1',
      physnet2: 'br-eth2',
      url: 'http://x:1',
    });
    expect(optionTypes.dict.parse('')).toEqual({});
    expect(() => optionTypes.dict.parse('physnet1')).toThrow('"physnet1" is not key:value');
    expect(() => optionTypes.dict.parse('a:1,a:2')).toThrow('"a" appears twice');
    expect(() => optionTypes.dict.parse('__proto__:x')).toThrow('reserved');
  });
});
