import { findReference } from './find-reference';

describe('findReference', () => {
  const target = { kind: 'context' };
  const targets = new Set<object>([target]);

  it('finds a target in a field, an array, a map and a set, naming the path', () => {
    expect(findReference({ kept: target }, targets, 'driver')).toBe('driver.kept');
    expect(findReference({ list: [1, { inner: target }] }, targets, 'driver')).toBe(
      'driver.list[1].inner',
    );
    expect(findReference({ byPort: new Map([['port-1', target]]) }, targets, 'driver')).toBe(
      'driver.byPort.get("port-1")',
    );
    expect(findReference({ pending: new Set([target]) }, targets, 'driver')).toBe(
      'driver.pending.values()',
    );
    expect(findReference({ [Symbol('s')]: target }, targets, 'driver')).toBe('driver.[Symbol(s)]');
  });

  it("finds a target in a static property of the root's class or a base class", () => {
    class Base {
      static last: object | undefined;
    }
    class Driver extends Base {}
    Base.last = target;
    expect(findReference(new Driver(), targets, 'driver')).toBe('Base.last');
    Base.last = undefined;
  });

  it('reports the nearest path first', () => {
    const root = { deep: { deeper: { kept: target } }, near: target };
    expect(findReference(root, targets, 'driver')).toBe('driver.near');
  });

  it('returns null when the target is not held, also through cycles', () => {
    const root: Record<string, unknown> = { config: { a: [1, 2] } };
    root.self = root;
    expect(findReference(root, targets, 'driver')).toBeNull();
  });

  it('calls no getter and does not look into closures', () => {
    let read = false;
    const root = {
      get kept() {
        read = true;
        return target;
      },
      later: () => target,
    };
    expect(findReference(root, targets, 'driver')).toBeNull();
    expect(read).toBe(false);
  });
});
