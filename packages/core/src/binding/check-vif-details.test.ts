import { Limits } from '@ml2ts/driver-api';
import { checkVifDetails, MAX_VIF_DETAILS_DEPTH } from './check-vif-details';

function problemOf(value: unknown): string {
  const checked = checkVifDetails(value);
  if (checked.ok) throw new Error(`accepted ${checked.serialized}`);
  return checked.problem;
}

describe('checkVifDetails', () => {
  it('accepts a plain JSON object and returns a detached copy and its JSON', () => {
    const details = { port_filter: true, vlan: '100', nested: { list: [1, 'a', null, false] } };
    const checked = checkVifDetails(details);
    expect(checked).toEqual({
      ok: true,
      details,
      serialized: JSON.stringify(details),
    });
    if (!checked.ok) return;
    details.nested.list.push(2);
    expect(checked.details.nested).toEqual({ list: [1, 'a', null, false] });
  });

  it('drops keys whose value is undefined, as JSON does', () => {
    const checked = checkVifDetails({ port_filter: true, bridge_name: undefined });
    expect(checked).toMatchObject({ ok: true, details: { port_filter: true } });
    expect(checked.ok && Object.keys(checked.details)).toEqual(['port_filter']);
  });

  it('accepts an object without prototype', () => {
    const details = Object.assign(Object.create(null) as object, { a: 1 });
    expect(checkVifDetails(details)).toMatchObject({ ok: true, details: { a: 1 } });
  });

  it.each([
    [null, 'vif_details must be a plain object, not null'],
    [undefined, 'vif_details must be a plain object, not undefined'],
    ['ovs', 'vif_details must be a plain object, not string'],
    [[1], 'vif_details must be a plain object, not an array'],
    [{ socket: 10n }, 'vif_details.socket is a BigInt (10n), which JSON cannot hold'],
    [{ plug: () => undefined }, 'vif_details.plug is a function'],
    [{ when: new Date(0) }, 'vif_details.when is a Date, not a plain object'],
    [{ map: new Map() }, 'vif_details.map is a Map, not a plain object'],
    [{ mtu: Number.NaN }, 'vif_details.mtu is NaN, which JSON cannot hold'],
    [{ list: [1, undefined] }, 'vif_details.list[1] is undefined'],
    [{ 'odd key': Symbol('s') }, 'vif_details["odd key"] is a symbol'],
  ])('refuses %p: %s', (value, problem) => {
    expect(problemOf(value)).toContain(problem);
  });

  it('refuses a cycle', () => {
    const details: Record<string, unknown> = { a: { b: {} } };
    (details.a as Record<string, Record<string, unknown>>).b.back = details;
    expect(problemOf(details)).toBe(
      'vif_details.a.b.back refers back to one of its parents (a cycle)',
    );
  });

  it('accepts the same object twice when it is no cycle', () => {
    const shared = { x: 1 };
    expect(checkVifDetails({ a: shared, b: shared }).ok).toBe(true);
  });

  it('refuses nesting deeper than the limit', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let depth = 0; depth < MAX_VIF_DETAILS_DEPTH + 1; depth++) {
      const next = {};
      deep.d = next;
      deep = next;
    }
    expect(problemOf(root)).toContain(`nested more than ${MAX_VIF_DETAILS_DEPTH} levels deep`);
  });

  it('accepts exactly the column size and refuses one character more', () => {
    const base = JSON.stringify({ s: '' }).length;
    const fits = { s: 'x'.repeat(Limits.MAX_VIF_DETAILS_LENGTH - base) };
    expect(checkVifDetails(fits)).toMatchObject({ ok: true });
    const over = { s: 'x'.repeat(Limits.MAX_VIF_DETAILS_LENGTH - base + 1) };
    expect(problemOf(over)).toMatch(
      /^vif_details serialize to (4096|more than 4095) characters; at most 4095 fit the vif_details column$/,
    );
  });

  it('stops early at 5 MiB without serializing it', () => {
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      const problem = problemOf({ blob: 'x'.repeat(5 * 1024 * 1024) });
      expect(problem).toContain('more than 4095 characters');
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });

  it('reports a getter that throws instead of throwing', () => {
    const details = {
      get broken(): string {
        throw new Error('backend gone');
      },
    };
    expect(problemOf(details)).toBe('reading vif_details threw: backend gone');
  });
});
