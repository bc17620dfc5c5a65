import { parseInteger, stripWhitespace } from './parse-integer';

describe('parseInteger', () => {
  it.each([
    ['2', 2n],
    [' 12 ', 12n],
    ['+3', 3n],
    ['-4', -4n],
    ['007', 7n],
    ['1_000', 1000n],
    ['\t5\n', 5n],
    ['123456789012345678901234567890', 123456789012345678901234567890n],
  ])('reads %p as %p', (text, value) => {
    expect(parseInteger(text)).toBe(value);
  });

  it.each(['', ' ', '1.0', '0x1', '1e3', 'abc', '1__0', '_1', '1_', '+', '--1', '١'])(
    'refuses %p',
    (text) => {
      expect(parseInteger(text)).toBeUndefined();
    },
  );
});

describe('stripWhitespace', () => {
  it('strips ASCII and Unicode spaces and separators, not the byte-order mark', () => {
    expect(stripWhitespace('\u00a0\u2003 x \x1f\x85')).toBe('x');
    expect(stripWhitespace('\ufeffx')).toBe('\ufeffx');
  });
});
