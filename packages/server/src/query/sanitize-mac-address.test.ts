import { sanitizeMacAddress } from './sanitize-mac-address';

describe('sanitizeMacAddress', () => {
  it.each([
    ['fa:16:3e:8d:fa:2c', 'fa:16:3e:8d:fa:2c'],
    ['FA:16:3E:8D:FA:2C', 'fa:16:3e:8d:fa:2c'],
    ['FA-16-3E-8D-FA-2C', 'fa:16:3e:8d:fa:2c'],
    ['fa16.3e8d.fa2c', 'fa:16:3e:8d:fa:2c'],
    ['fa163e8dfa2c', 'fa:16:3e:8d:fa:2c'],
    ['fa163e-8dfa2c', 'fa:16:3e:8d:fa:2c'],
    ['a:b:c:d:e:f', '0a:0b:0c:0d:0e:0f'],
  ])('writes %p as %p', (text, expected) => {
    expect(sanitizeMacAddress(text)).toBe(expected);
  });

  it.each(['', 'zz', 'FA:16', 'aa bb cc dd ee ff', 'fa:16:3e:8d:fa:2c:00'])(
    'returns %p unchanged',
    (text) => {
      expect(sanitizeMacAddress(text)).toBe(text);
    },
  );
});
