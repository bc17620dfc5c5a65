import { QueryParams } from './query-params';

describe('QueryParams', () => {
  it('decodes a raw query string in order, with repeated keys', () => {
    const params = QueryParams.from('limit=2&name=page-1&sort_key=name&name=page-2');
    expect(params.pairs).toEqual([
      ['limit', '2'],
      ['name', 'page-1'],
      ['sort_key', 'name'],
      ['name', 'page-2'],
    ]);
    expect(params.keys()).toEqual(['limit', 'name', 'sort_key']);
    expect(params.getAll('name')).toEqual(['page-1', 'page-2']);
    expect(params.get('name')).toBe('page-2');
    expect(params.get('marker')).toBeUndefined();
    expect(params.has('limit')).toBe(true);
  });

  it('takes the part after "?" when given a path with a query', () => {
    expect(QueryParams.from('/v2.0/networks?name=a').pairs).toEqual([['name', 'a']]);
    expect(QueryParams.from('?name=a').pairs).toEqual([['name', 'a']]);
    expect(QueryParams.from('').pairs).toEqual([]);
  });

  it('decodes "+", percent escapes and UTF-8; keeps a stray "%"', () => {
    expect(QueryParams.from('name=a+b%2Fc%3D&x=%C3%A9&y=100%&z=%zz').pairs).toEqual([
      ['name', 'a b/c='],
      ['x', 'é'],
      ['y', '100%'],
      ['z', '%zz'],
    ]);
  });

  it('replaces invalid UTF-8 with U+FFFD', () => {
    expect(QueryParams.from('name=%E9').get('name')).toBe('\uFFFD');
  });

  it('splits on "&" and ";", skips empty parts, reads a bare key as an empty value', () => {
    expect(QueryParams.from('a=1;b=2&&c&d=&=e').pairs).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', ''],
      ['d', ''],
      ['', 'e'],
    ]);
  });

  it('keeps everything after the first "=" in the value', () => {
    expect(QueryParams.from('fixed_ips=ip_address=10.0.0.1').get('fixed_ips')).toBe(
      'ip_address=10.0.0.1',
    );
  });

  it('takes a record (arrays for repeated keys, undefined skipped) or pairs', () => {
    expect(QueryParams.from({ name: ['a', 'b'], limit: '2', skip: undefined }).pairs).toEqual([
      ['name', 'a'],
      ['name', 'b'],
      ['limit', '2'],
    ]);
    expect(QueryParams.from([['a', '1']]).pairs).toEqual([['a', '1']]);
  });

  it('removes only the first pair of a key, and moves a set key to the end', () => {
    const params = QueryParams.from('marker=a&x=1&marker=b');
    expect(params.withoutFirst('marker').pairs).toEqual([
      ['x', '1'],
      ['marker', 'b'],
    ]);
    expect(params.withoutFirst('nope')).toBe(params);
    expect(params.withLast('marker', 'c').pairs).toEqual([
      ['x', '1'],
      ['marker', 'c'],
    ]);
    expect(params.pairs).toHaveLength(3);
  });
});
