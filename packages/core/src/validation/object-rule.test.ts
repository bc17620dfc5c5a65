import { AttributeNotUpdatable, InvalidAttribute, UnrecognizedAttribute } from '@ml2ts/driver-api';
import { objectRule } from './object-rule';
import { booleanRule, integerRule, stringRule } from './scalar-rules';

interface Widget {
  name?: string;
  size?: number;
  enabled?: boolean;
}

const widgetRule = objectRule<Widget>({
  resource: 'widget',
  fields: { name: stringRule(10), size: integerRule(0, 9), enabled: booleanRule },
  required: ['name'],
  notUpdatable: ['id'],
  readOnly: ['status'],
  refine: (widget) => ({ ...widget, size: widget.size ?? 1 }),
});

function failure(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('objectRule', () => {
  it('returns a fresh object with the checked values of the present keys', () => {
    const input = { name: 'w', enabled: true, size: undefined };
    const checked = widgetRule.check(input, '');
    expect(checked).toEqual({ name: 'w', enabled: true, size: 1 });
    expect(checked).not.toBe(input);
  });

  it('refuses unknown keys, naming all of them and the accepted ones', () => {
    const error = failure(() => widgetRule.check({ name: 'w', colour: 1, shape: 2 }, ''));
    expect(error).toBeInstanceOf(UnrecognizedAttribute);
    expect(error).toMatchObject({ attribute: 'colour', unknown: ['colour', 'shape'] });
    expect((error as Error).message).toContain(
      "Unrecognized attribute(s) 'colour', 'shape' in the widget; accepted: name, size, enabled",
    );
  });

  it('names nested unknown keys with their path', () => {
    const error = failure(() => widgetRule.check({ name: 'w', colour: 1 }, 'widgets[2]'));
    expect(error).toMatchObject({ attribute: 'widgets[2].colour' });
    expect((error as Error).message).toContain('in widgets[2]');
  });

  it('refuses a missing required key, saying what to give', () => {
    const error = failure(() => widgetRule.check({ size: 3 }, ''));
    expect(error).toBeInstanceOf(InvalidAttribute);
    expect((error as Error).message).toContain(
      'name is required: give a string of at most 10 characters',
    );
  });

  it('refuses keys that cannot be updated and keys only the server sets', () => {
    expect(failure(() => widgetRule.check({ name: 'w', id: 'x' }, ''))).toBeInstanceOf(
      AttributeNotUpdatable,
    );
    const readOnly = failure(() => widgetRule.check({ name: 'w', status: 'x' }, ''));
    expect(readOnly).toMatchObject({ attribute: 'status' });
    expect((readOnly as Error).message).toContain('status is set by ml2ts');
  });

  it('refuses what is not an object, naming the resource', () => {
    for (const value of [null, 'w', 3, [], true]) {
      const error = failure(() => widgetRule.check(value, ''));
      expect(error).toMatchObject({ attribute: 'widget' });
      expect((error as Error).message).toContain('widget must be a JSON object');
    }
  });

  it('checks each value with its rule, naming the attribute', () => {
    const error = failure(() => widgetRule.check({ name: 'w', size: '3' }, ''));
    expect(error).toMatchObject({ attribute: 'size' });
    expect((error as Error).message).toContain(
      "size must be an integer from 0 to 9, not the string '3'",
    );
  });

  it('treats __proto__ and constructor as the unknown keys they are', () => {
    const input = JSON.parse('{"name":"w","__proto__":{"polluted":true}}') as object;
    expect(failure(() => widgetRule.check(input, ''))).toMatchObject({ attribute: '__proto__' });
    expect(failure(() => widgetRule.check({ name: 'w', constructor: 1 }, ''))).toMatchObject({
      attribute: 'constructor',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
