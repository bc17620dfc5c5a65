import { parseArguments } from './parse-arguments';
import { UsageError } from './usage-error';

describe('parseArguments', () => {
  const spec = { values: ['database'], flags: ['help'] };

  it('separates positionals, value options and flags', () => {
    const parsed = parseArguments(['a', '--database', 'x.db', 'b', '--help'], spec);
    expect(parsed.positionals).toEqual(['a', 'b']);
    expect(parsed.values).toEqual({ database: 'x.db' });
    expect([...parsed.flags]).toEqual(['help']);
  });

  it('accepts --name=value and -h', () => {
    const parsed = parseArguments(['--database=y.db', '-h'], spec);
    expect(parsed.values).toEqual({ database: 'y.db' });
    expect(parsed.flags.has('help')).toBe(true);
  });

  it('keeps every value of a repeatable option, in order', () => {
    const parsed = parseArguments(
      ['--config-file', 'a.conf', '--database', 'x.db', '--config-file=b.ini'],
      { ...spec, lists: ['config-file'] },
    );
    expect(parsed.lists).toEqual({ 'config-file': ['a.conf', 'b.ini'] });
    expect(parsed.values).toEqual({ database: 'x.db' });
    expect(() => parseArguments(['--config-file'], { lists: ['config-file'] })).toThrow(
      "option '--config-file' needs a value",
    );
  });

  it('takes everything after -- as positional', () => {
    expect(parseArguments(['--', '--help', '-x'], spec).positionals).toEqual(['--help', '-x']);
  });

  it('refuses unknown options, missing values and values on flags', () => {
    expect(() => parseArguments(['--verbose'], spec)).toThrow(
      new UsageError("unknown option '--verbose'"),
    );
    expect(() => parseArguments(['-v'], spec)).toThrow(UsageError);
    expect(() => parseArguments(['--database'], spec)).toThrow("option '--database' needs a value");
    expect(() => parseArguments(['--database='], spec)).toThrow(UsageError);
    expect(() => parseArguments(['--help=yes'], spec)).toThrow("option '--help' takes no value");
  });
});
