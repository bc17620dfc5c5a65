import { canonicalJson, parseJsonObject } from './canonical-json';

describe('canonicalJson', () => {
  it('gives equal objects equal strings whatever their key order', () => {
    expect(canonicalJson({ b: 2, a: { d: [1, { z: 1, y: 2 }], c: 3 } })).toBe(
      canonicalJson({ a: { c: 3, d: [1, { y: 2, z: 1 }] }, b: 2 }),
    );
    expect(canonicalJson({ b: 2, a: 1 })).toBe('{"a":1,"b":2}');
  });
});

describe('parseJsonObject', () => {
  it("reads '' as an empty object", () => {
    expect(parseJsonObject('')).toEqual({ value: {}, valid: true });
  });
  it('reads unparsable text and non-objects as an empty object, flagged invalid', () => {
    expect(parseJsonObject('{oops')).toEqual({ value: {}, valid: false });
    expect(parseJsonObject('[1]')).toEqual({ value: {}, valid: false });
  });
  it('reads objects', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ value: { a: 1 }, valid: true });
  });
});
