import { ConfigurationError, type Ml2Configuration } from '@ml2ts/driver-api';
import { PluginSection } from './plugin-section';

function config(pluginSections: Ml2Configuration['pluginSections']): Ml2Configuration {
  return { pluginSections } as Ml2Configuration;
}

describe('PluginSection', () => {
  it('reads a list of strings, with a default when absent or null', () => {
    const section = new PluginSection(
      config({ ovs_driver: { vnic_type_prohibit_list: ['direct'], other: null } }),
      'ovs_driver',
    );
    expect(section.stringList('vnic_type_prohibit_list', [])).toEqual(['direct']);
    expect(section.stringList('missing', ['x'])).toEqual(['x']);
    expect(section.stringList('other', ['y'])).toEqual(['y']);
  });

  it('reads a missing section as empty', () => {
    const section = new PluginSection(config({}), 'sriov_driver');
    expect(section.stringList('vnic_type_prohibit_list', [])).toEqual([]);
    expect(() => section.rejectUnknownOptions([])).not.toThrow();
  });

  it('names the dotted option when a value has the wrong type', () => {
    const section = new PluginSection(
      config({ ovs_driver: { vnic_type_prohibit_list: 'direct' } }),
      'ovs_driver',
    );
    expect(() => section.stringList('vnic_type_prohibit_list', [])).toThrow(
      expect.objectContaining({ option: 'ovs_driver.vnic_type_prohibit_list' }),
    );
    const mixed = new PluginSection(config({ s: { l: ['a', 1] } }), 's');
    expect(() => mixed.stringList('l', [])).toThrow(ConfigurationError);
  });

  it('rejects options it does not know', () => {
    const section = new PluginSection(
      config({ ovs_driver: { vnic_type_prohibit_lst: [] } }),
      'ovs_driver',
    );
    expect(() => section.rejectUnknownOptions(['vnic_type_prohibit_list'])).toThrow(
      /ovs_driver\.vnic_type_prohibit_lst.*vnic_type_prohibit_list/,
    );
  });
});
