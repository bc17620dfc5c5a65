import { readPluginManifest } from './read-plugin-manifest';

describe('readPluginManifest', () => {
  it('returns the driver entries, keeping an optional module', () => {
    expect(
      readPluginManifest({
        mechanismDrivers: [
          { name: 'openvswitch', export: 'openvswitchModule' },
          { name: 'tor_2', export: 'torModule', module: './driver', note: 'ignored' },
        ],
        somethingElse: true,
      }),
    ).toEqual({
      entries: [
        { name: 'openvswitch', export: 'openvswitchModule' },
        { name: 'tor_2', export: 'torModule', module: './driver' },
      ],
    });
  });

  it('accepts an empty driver list', () => {
    expect(readPluginManifest({ mechanismDrivers: [] })).toEqual({ entries: [] });
  });

  it.each([
    ['a string', 'openvswitch', '"ml2ts" must be an object, not "openvswitch"'],
    ['null', null, '"ml2ts" must be an object, not null'],
    ['a list', [], '"ml2ts" must be an object, not []'],
    ['no driver list', {}, '"ml2ts.mechanismDrivers" must be a list'],
    ['a driver list that is an object', { mechanismDrivers: {} }, 'must be a list'],
    ['an entry that is not an object', { mechanismDrivers: ['ovs'] }, '[0]" must be an object'],
    [
      'a missing name',
      { mechanismDrivers: [{ export: 'm' }] },
      '"ml2ts.mechanismDrivers[0]".name must be a driver name',
    ],
    ['an upper case name', { mechanismDrivers: [{ name: 'OVS', export: 'm' }] }, 'not "OVS"'],
    [
      'a missing export',
      { mechanismDrivers: [{ name: 'a', export: 'm' }, { name: 'b' }] },
      '"ml2ts.mechanismDrivers[1]".export must name the export',
    ],
    [
      'an empty export',
      { mechanismDrivers: [{ name: 'a', export: '' }] },
      '.export must name the export holding the ContainerModule, not ""',
    ],
    [
      'a module that is not a subpath',
      { mechanismDrivers: [{ name: 'a', export: 'm', module: 'driver' }] },
      '.module must be a subpath of the package such as "./driver", not "driver"',
    ],
    [
      'a name declared twice',
      {
        mechanismDrivers: [
          { name: 'a', export: 'm' },
          { name: 'a', export: 'n' },
        ],
      },
      'driver name "a" is declared twice',
    ],
  ])('reports %s', (_case, manifest, problem) => {
    const reading = readPluginManifest(manifest);
    expect('problem' in reading && reading.problem).toContain(problem);
  });
});
