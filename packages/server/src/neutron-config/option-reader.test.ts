import { OptionReader } from './option-reader';
import { optionTypes } from './option-types';
import { iniTableOf } from './test-support/ini-table-of';

describe('OptionReader', () => {
  const table = () =>
    iniTableOf({
      'a.conf': '[DEFAULT]\nlog_level = x:1\nlog_level = y:2\nport = 1\n[other]\nkeep = 1\n',
      'b.conf': '[DEFAULT]\nlog_level = z:3\nport = 2\n',
    });

  it('reads one-valued options from the last line, multi-valued ones from every line', () => {
    const reader = new OptionReader(table());
    expect(reader.read('DEFAULT', 'port', optionTypes.integer())).toMatchObject({
      value: 2,
      entry: { file: 'b.conf', line: 3 },
    });
    expect(
      reader.readAll('DEFAULT', 'log_level', optionTypes.dict).map((found) => found.value),
    ).toEqual([{ x: '1' }, { y: '2' }, { z: '3' }]);
    expect(reader.read('DEFAULT', 'absent', optionTypes.string)).toBeUndefined();
    expect(reader.readAll('DEFAULT', 'absent', optionTypes.string)).toEqual([]);
  });

  it('lists every line no read used, with a noted reason or the general one', () => {
    const reader = new OptionReader(table());
    reader.read('DEFAULT', 'port', optionTypes.integer());
    reader.note('DEFAULT', 'log_level', 'set the log level with debug');
    expect(reader.ignored()).toEqual([
      {
        file: 'a.conf',
        line: 2,
        section: 'DEFAULT',
        option: 'log_level',
        reason: 'set the log level with debug',
      },
      {
        file: 'a.conf',
        line: 3,
        section: 'DEFAULT',
        option: 'log_level',
        reason: 'set the log level with debug',
      },
      {
        file: 'a.conf',
        line: 6,
        section: 'other',
        option: 'keep',
        reason: 'ml2ts does not use this option',
      },
      {
        file: 'b.conf',
        line: 2,
        section: 'DEFAULT',
        option: 'log_level',
        reason: 'set the log level with debug',
      },
    ]);
  });

  it('names the line of a bad value, also in a multi-valued option', () => {
    const reader = new OptionReader(
      iniTableOf({ 'c.conf': '[DEFAULT]\nmappings = a:1\nmappings = b\n' }),
    );
    expect(() => reader.readAll('DEFAULT', 'mappings', optionTypes.dict)).toThrow(
      'c.conf:3: [DEFAULT] mappings: the entry "b" is not key:value',
    );
  });
});
