import { pythonRepr } from './python-repr';

describe('pythonRepr', () => {
  it('quotes strings in single quotes, or double quotes when they hold a single quote only', () => {
    expect(pythonRepr('name')).toBe("'name'");
    expect(pythonRepr("it's")).toBe('"it\'s"');
    expect(pythonRepr('say "it\'s"')).toBe("'say \"it\\'s\"'");
  });

  it('writes lists as Neutron messages do', () => {
    expect(pythonRepr(['no_such_filter'])).toBe("['no_such_filter']");
    expect(pythonRepr(['a', 'b'])).toBe("['a', 'b']");
    expect(pythonRepr([])).toBe('[]');
  });

  it('escapes backslashes and unprintable characters, keeps printable Unicode', () => {
    expect(pythonRepr('a\\b')).toBe("'a\\\\b'");
    expect(pythonRepr('\t\n\r\x00\x7f')).toBe("'\\t\\n\\r\\x00\\x7f'");
    expect(pythonRepr('\u00a0\u200b\u{e0001}')).toBe("'\\xa0\\u200b\\U000e0001'");
    expect(pythonRepr('é 😀 ü')).toBe("'é 😀 ü'");
  });
});
