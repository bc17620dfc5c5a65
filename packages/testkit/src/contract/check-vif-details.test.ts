import { jsonTypeOf, vifDeclarationProblems, vifDetailsProblems } from './check-vif-details';
import { type VifTypeCapability } from '@ml2ts/driver-api';
import { referenceAgentCapabilities } from './test-support/reference-capabilities';

const hwVeb: VifTypeCapability = {
  details: {
    connectivity: { type: 'string' },
    port_filter: { type: 'boolean' },
    vlan: { type: 'string' },
    trusted: { type: ['boolean', 'null'], optional: true },
  },
};

describe('vifDetailsProblems', () => {
  it('accepts details of the declared shape, optional keys absent or present', () => {
    const details = { connectivity: 'l2', port_filter: false, vlan: '100' };
    expect(vifDetailsProblems('hw_veb', details, hwVeb)).toEqual([]);
    expect(vifDetailsProblems('hw_veb', { ...details, trusted: null }, hwVeb)).toEqual([]);
  });

  it.each([
    [
      'a number vlan',
      { connectivity: 'l2', port_filter: false, vlan: 100 },
      [
        'vlan must be string (driver API VifDetails), not the number 100',
        'vlan is declared string for vif_type hw_veb, but is the number 100',
      ],
    ],
    [
      'a vlan that is not digits',
      { connectivity: 'l2', port_filter: false, vlan: 'ten' },
      ['vlan must be a VLAN id in decimal digits, not the string "ten"'],
    ],
    [
      'an unknown connectivity',
      { connectivity: 'l4', port_filter: false, vlan: '0' },
      ['connectivity must be one of l2, l3, legacy, not the string "l4"'],
    ],
    [
      'a missing required key and an undeclared one',
      { connectivity: 'l2', vlan: '0', colour: 'blue' },
      [
        'colour is not declared for vif_type hw_veb',
        'port_filter is declared required for vif_type hw_veb, but is missing',
      ],
    ],
    [
      'bound_drivers',
      { connectivity: 'l2', port_filter: false, vlan: '0', bound_drivers: { '0': 'x' } },
      ['bound_drivers is computed by the engine when a port is read; drivers never set it'],
    ],
  ])('reports %s', (_label, details, problems) => {
    expect(vifDetailsProblems('hw_veb', details, hwVeb)).toEqual(problems);
  });

  it('reports values that are not JSON and details that are too long', () => {
    expect(
      vifDetailsProblems('tap', { when: new Date(0), nested: { n: Number.NaN } }, undefined),
    ).toEqual(['vif_details.when is not a JSON value (undefined, NaN, a class instance...)']);
    expect(vifDetailsProblems('tap', { gone: undefined }, undefined)).toEqual([
      'vif_details.gone is not a JSON value (undefined, NaN, a class instance...)',
    ]);
    expect(vifDetailsProblems('tap', { blob: 'x'.repeat(4090) }, undefined)).toEqual([
      'vif_details serialize to 4101 characters; at most 4095 are allowed',
    ]);
    expect(vifDetailsProblems('tap', ['l2'], undefined)).toEqual([
      'vif_details of tap must be a plain object, not the array ["l2"]',
    ]);
  });

  it('checks well-known keys even for a vif type without a declaration', () => {
    expect(
      vifDetailsProblems('ovs', { port_filter: 'yes', vhostuser_mode: 'peer' }, undefined),
    ).toEqual([
      'port_filter must be boolean (driver API VifDetails), not the string "yes"',
      'vhostuser_mode must be one of server, client, not the string "peer"',
    ]);
  });
});

describe('jsonTypeOf', () => {
  it.each([
    ['s', 'string'],
    [1.5, 'number'],
    [Number.POSITIVE_INFINITY, null],
    [true, 'boolean'],
    [null, 'null'],
    [[], 'array'],
    [{}, 'object'],
    [Object.create(null), 'object'],
    [new Map(), null],
    [undefined, null],
    [() => 1, null],
  ])('types %p as %p', (value, type) => {
    expect(jsonTypeOf(value)).toBe(type);
  });
});

describe('vifDeclarationProblems', () => {
  it('accepts the reference declaration', () => {
    expect(vifDeclarationProblems(referenceAgentCapabilities)).toEqual([]);
  });

  it('refuses reserved vif types, bound_drivers, mistyped well-known keys and unknown vnic types', () => {
    expect(
      vifDeclarationProblems({
        ...referenceAgentCapabilities,
        vifTypes: {
          unbound: { details: {} },
          tap: {
            details: {
              bound_drivers: { type: 'object' },
              port_filter: { type: ['boolean', 'null'] },
            },
            when: { vnicType: 'vdpa' },
          },
        },
      }),
    ).toEqual([
      'vif_type "unbound" is reserved for ports that are not bound',
      'tap: bound_drivers is computed by the engine and cannot be declared',
      'tap: port_filter is declared boolean or null, but the driver API types it boolean',
      'tap: "when" names vnic type vdpa, which is not declared',
    ]);
  });
});
