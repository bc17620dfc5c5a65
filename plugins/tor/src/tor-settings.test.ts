import { ConfigurationError } from '@ml2ts/driver-api';
import { makeConfiguration } from '@ml2ts/testkit';
import { readTorSettings, TOR_DEFAULTS } from './tor-settings';

function read(tor: Record<string, unknown> | undefined) {
  return readTorSettings(makeConfiguration({ pluginSections: tor ? { tor } : {} }));
}

describe('readTorSettings', () => {
  it('holds the documented defaults when the section is absent', () => {
    expect(read(undefined)).toEqual({
      networkTypes: ['vxlan'],
      physicalNetwork: 'physnet1',
      hosts: [],
      vnicTypes: ['normal'],
      releaseDynamicSegments: true,
    });
    expect(read({})).toEqual(TOR_DEFAULTS);
  });

  it('reads every option', () => {
    expect(
      read({
        network_types: ['geneve'],
        physical_network: 'fabric',
        hosts: ['h1', 'h2'],
        vnic_types: ['normal', 'direct'],
        release_dynamic_segments: false,
      }),
    ).toEqual({
      networkTypes: ['geneve'],
      physicalNetwork: 'fabric',
      hosts: ['h1', 'h2'],
      vnicTypes: ['normal', 'direct'],
      releaseDynamicSegments: false,
    });
  });

  it.each([
    [{ network_types: 'vxlan' }, 'tor.network_types'],
    [{ network_types: [] }, 'tor.network_types'],
    [{ hosts: [1] }, 'tor.hosts'],
    [{ vnic_types: ['turbo'] }, 'tor.vnic_types'],
    [{ physical_network: '' }, 'tor.physical_network'],
    [{ physical_network: 3 }, 'tor.physical_network'],
    [{ release_dynamic_segments: 'yes' }, 'tor.release_dynamic_segments'],
    [{ physnet: 'physnet1' }, 'tor.physnet'],
  ])('refuses %j naming %s', (tor, option) => {
    expect(() => read(tor)).toThrow(ConfigurationError);
    expect(() => read(tor)).toThrow(expect.objectContaining({ option }));
  });
});
