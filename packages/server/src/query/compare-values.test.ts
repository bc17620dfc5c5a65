import { compareItems, compareValues } from './compare-values';

describe('compareValues', () => {
  it('puts null and absent values first', () => {
    expect(compareValues(null, 'a')).toBeLessThan(0);
    expect(compareValues(undefined, 0)).toBeLessThan(0);
    expect(compareValues(null, undefined)).toBe(0);
  });

  it('orders booleans, numbers and strings within their kind', () => {
    expect(compareValues(false, true)).toBeLessThan(0);
    expect(compareValues(2, 10)).toBeLessThan(0);
    expect(compareValues('B', 'a')).toBeLessThan(0);
    expect(compareValues('page-10', 'page-2')).toBeLessThan(0);
    expect(compareValues('x', 'x')).toBe(0);
  });

  it('orders lists element by element, then by length', () => {
    expect(compareValues(['a', 'b'], ['a', 'c'])).toBeLessThan(0);
    expect(compareValues(['a'], ['a', 'b'])).toBeLessThan(0);
    expect(compareValues([], [])).toBe(0);
  });

  it('orders objects by their JSON text', () => {
    expect(compareValues({ a: 1 }, { a: 2 })).toBeLessThan(0);
  });
});

describe('compareItems', () => {
  it('uses the keys in order, each in its direction', () => {
    const compare = compareItems([
      { attribute: 'name', direction: 'desc' },
      { attribute: 'id', direction: 'asc' },
    ]);
    const items = [
      { id: 'b', name: 'x' },
      { id: 'a', name: 'x' },
      { id: 'c', name: 'y' },
    ];
    expect([...items].sort(compare).map((item) => item.id)).toEqual(['c', 'a', 'b']);
  });

  it('with no keys, keeps every pair equal (a stable sort keeps the order)', () => {
    expect(compareItems([])({ id: 'b' }, { id: 'a' })).toBe(0);
  });
});
