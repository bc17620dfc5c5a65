import { InvalidAttribute } from '@ml2ts/driver-api';
import { jsonObjectRule, listRule, stringMapRule } from './collection-rules';
import { stringRule } from './scalar-rules';

function failure(act: () => unknown): InvalidAttribute {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAttribute);
    return error as InvalidAttribute;
  }
  throw new Error('expected a throw');
}

describe('collection rules', () => {
  const tags = listRule(stringRule(3), 2, { unique: true });

  it('checks list entries by index and bounds the length', () => {
    expect(tags.check(['a', 'b'], 'tags')).toEqual(['a', 'b']);
    expect(failure(() => tags.check(['a', 7], 'tags'))).toMatchObject({ attribute: 'tags[1]' });
    expect(failure(() => tags.check(['a', 'b', 'c'], 'tags')).message).toContain(
      'a list of at most 2 entries',
    );
    expect(failure(() => tags.check('a', 'tags'))).toMatchObject({ attribute: 'tags' });
    expect(failure(() => tags.check(['a', 'a'], 'tags')).message).toContain(
      'tags[1] repeats an earlier entry',
    );
  });

  const profile = jsonObjectRule({ maxSerializedLength: 30, tooLargeLabel: 'binding:profile' });

  it('copies JSON objects deeply and refuses what JSON cannot carry', () => {
    const input = { a: [1, { b: null }], c: 'd' };
    const copy = profile.check(input, 'binding:profile');
    expect(copy).toEqual(input);
    expect(copy.a).not.toBe(input.a);
    expect(failure(() => profile.check({ a: Number.NaN }, 'p'))).toMatchObject({
      attribute: 'p.a',
    });
    expect(failure(() => profile.check({ a: new Date(0) }, 'p'))).toMatchObject({
      attribute: 'p.a',
    });
    expect(failure(() => profile.check({ a: 1n }, 'p'))).toMatchObject({ attribute: 'p.a' });
    expect(failure(() => profile.check({ a: () => 1 }, 'p'))).toMatchObject({ attribute: 'p.a' });
    expect(failure(() => profile.check([], 'p'))).toMatchObject({ attribute: 'p' });
    const withProto = JSON.parse('{"__proto__":{"x":1}}') as object;
    expect(failure(() => profile.check(withProto, 'p')).message).toContain('__proto__');
  });

  it('bounds the serialized size and the nesting, even of cyclic values', () => {
    expect(
      failure(() => profile.check({ k: 'v'.repeat(40) }, 'binding:profile')).message,
    ).toContain('binding:profile value too large');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(failure(() => profile.check(cyclic, 'p')).message).toContain('nested more than');
  });

  it('takes string maps with bounded keys, values and size', () => {
    const versions = stringMapRule({ maxEntries: 2, maxFieldLength: 5, maxSerializedLength: 30 });
    expect(versions.check({ Port: '1.7' }, 'rv')).toEqual({ Port: '1.7' });
    expect(failure(() => versions.check({ Port: 1.7 }, 'rv'))).toMatchObject({
      attribute: 'rv.Port',
    });
    expect(failure(() => versions.check({ a: '1', b: '2', c: '3' }, 'rv'))).toMatchObject({
      attribute: 'rv',
    });
    expect(failure(() => versions.check({ toolong: '1' }, 'rv')).message).toContain('keys must be');
    expect(failure(() => versions.check(['Port'], 'rv'))).toMatchObject({ attribute: 'rv' });
  });
});
