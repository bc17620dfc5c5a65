import { OptionValueError } from './option-types';
import { type ReferenceLookup, substituteReferences } from './substitute-references';

const OPTIONS: Record<string, Record<string, string>> = {
  DEFAULT: { state_path: '/var/lib/neutron', run: '$state_path/run', loop: '$loop' },
  database: { name: 'neutron', state_path: '/srv' },
};
const lookup: ReferenceLookup = (section, option) => {
  const value = OPTIONS[section]?.[option];
  return value === undefined ? undefined : { section, value };
};

describe('substituteReferences', () => {
  it('replaces $name, ${name} and ${section.name}, in the same section first', () => {
    expect(substituteReferences('sqlite:///$state_path/neutron.db', 'DEFAULT', lookup)).toBe(
      'sqlite:////var/lib/neutron/neutron.db',
    );
    expect(substituteReferences('${state_path}/x', 'database', lookup)).toBe('/srv/x');
    expect(substituteReferences('${DEFAULT.state_path}/${name}', 'database', lookup)).toBe(
      '/var/lib/neutron/neutron',
    );
  });

  it('substitutes referenced values in turn, and keeps $$ and a lone $ literal', () => {
    expect(substituteReferences('$run/lock', 'ml2', lookup)).toBe('/var/lib/neutron/run/lock');
    expect(substituteReferences('pa$$word $ 5$', 'DEFAULT', lookup)).toBe('pa$word $ 5$');
  });

  it('refuses a reference no file sets, and a loop', () => {
    expect(() => substituteReferences('$nowhere/x', 'ml2', lookup)).toThrow(
      new OptionValueError(
        '$nowhere refers to the option nowhere, which no configuration file sets in [ml2] or ' +
          '[DEFAULT]: set it, or write $$ for a literal $',
      ),
    );
    expect(() => substituteReferences('$loop', 'DEFAULT', lookup)).toThrow('a loop?');
  });
});
