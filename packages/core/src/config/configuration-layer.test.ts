import { ConfigurationError } from '@ml2ts/driver-api';
import { applyConfigurationLayer, type SectionTable } from './configuration-layer';

describe('applyConfigurationLayer', () => {
  it('sets options of known sections even when the table does not hold them yet', () => {
    const sections: SectionTable = {};
    applyConfigurationLayer(
      sections,
      { ml2: { path_mtu: 9000 }, 'DEFAULT.agent_down_time': 5 },
      'test',
    );
    expect(sections).toEqual({ ml2: { path_mtu: 9000 }, DEFAULT: { agent_down_time: 5 } });
  });

  it('replaces lists and objects whole and keeps the options it does not set', () => {
    const sections: SectionTable = { tor: { uplinks: ['a', 'b'], map: { x: 1 }, keep: true } };
    applyConfigurationLayer(sections, { tor: { uplinks: ['c'], map: { y: 2 } } }, 'test');
    expect(sections).toEqual({ tor: { uplinks: ['c'], map: { y: 2 }, keep: true } });
  });

  it('applies keys in order, so a later dotted key wins over an earlier section', () => {
    const sections: SectionTable = {};
    applyConfigurationLayer(sections, { tor: { a: 1 }, 'tor.a': 2 }, 'test');
    expect(sections.tor).toEqual({ a: 2 });
  });

  it('splits a dotted key at its first dot', () => {
    const sections: SectionTable = {};
    applyConfigurationLayer(sections, { 'tor.switch.sw1': 'x' }, 'test');
    expect(sections).toEqual({ tor: { 'switch.sw1': 'x' } });
  });

  it('rejects a layer that is not an object, naming its source', () => {
    expect(() => applyConfigurationLayer({}, [], 'the overrides')).toThrow(
      new ConfigurationError('the overrides', [], 'must be an object of sections'),
    );
  });

  it('rejects an unknown option of a known section, naming the source', () => {
    expect(() => applyConfigurationLayer({}, { ml2ts: { databse: 'x' } }, 'file.json')).toThrow(
      'ml2ts.databse = "x"; unknown option in section ml2ts; its options are plugin_modules, database (in file.json)',
    );
  });

  it('checks the whole layer before merging anything', () => {
    const sections: SectionTable = { tor: { a: 1 } };
    const layer = JSON.parse('{"tor": {"a": 2}, "ml2": {"__proto__": {"path_mtu": 1}}}') as object;
    expect(() => applyConfigurationLayer(sections, layer, 'file.json')).toThrow(
      /ml2\.__proto__ = \{"path_mtu":1\}; "__proto__" cannot name a section or an option .*\(in file\.json\)/,
    );
    expect(sections).toEqual({ tor: { a: 1 } });
  });

  it('refuses a layer whose prototype sets sections', () => {
    const layer = { __proto__: { ml2: { path_mtu: 9000 } } };
    expect(() => applyConfigurationLayer({}, layer, 'the overrides')).toThrow(
      'the prototype of the outermost object sets "ml2", which would be ignored',
    );
  });
});
