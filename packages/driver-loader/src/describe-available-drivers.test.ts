import { describeAvailableDrivers } from './describe-available-drivers';

describe('describeAvailableDrivers', () => {
  it('lists every driver with its package', () => {
    const entry = { name: 'x', export: 'm' };
    expect(
      describeAvailableDrivers({
        drivers: [
          { name: 'echo', packageName: '@a/mech-echo', packageDir: '/a', entry },
          { name: 'noop', packageName: 'mech-noop', packageDir: '/b', entry },
        ],
        problems: [],
        searchPaths: ['/x'],
      }),
    ).toBe('Available mechanism drivers: echo (@a/mech-echo), noop (mech-noop).');
  });

  it('says where it looked when there is none', () => {
    expect(describeAvailableDrivers({ drivers: [], problems: [], searchPaths: ['/x', '/y'] })).toBe(
      'Available mechanism drivers: none (no package with an "ml2ts" manifest was found in /x, /y or ml2ts.plugin_modules).',
    );
  });
});
