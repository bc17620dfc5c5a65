import { urlEncode } from './url-encode';

describe('urlEncode', () => {
  it('keeps unreserved characters, writes spaces as "+" and the rest as %XX of UTF-8', () => {
    expect(urlEncode([['name', 'a b/c:d~é*']])).toBe('name=a+b%2Fc%3Ad~%C3%A9%2A');
    expect(urlEncode([['A-z_0.9', '']])).toBe('A-z_0.9=');
  });

  it('joins pairs with "&" in order, repeated keys included', () => {
    expect(
      urlEncode([
        ['limit', '2'],
        ['name', 'page-1'],
        ['name', 'page-2'],
        ['page_reverse', 'True'],
      ]),
    ).toBe('limit=2&name=page-1&name=page-2&page_reverse=True');
    expect(urlEncode([])).toBe('');
  });

  it('encodes characters outside the BMP as four bytes', () => {
    expect(urlEncode([['k', '😀']])).toBe('k=%F0%9F%98%80');
  });
});
