import { ConfigurationError } from '@ml2ts/driver-api';
import { checkConfigurationTree } from './check-configuration-tree';
import { isPlainObject, unknownOptionText } from './check-option-kinds';
import { isKnownSection, OPTION_KINDS } from './option-kinds';
import { shortForm } from './short-form';

/** Sections (known and plugin-owned) to their options, while layers are being merged. */
export type SectionTable = Record<string, Record<string, unknown>>;

/**
 * Merges one configuration layer (the parsed JSON file, or the caller's overrides) over
 * `sections`, option by option: a value set in the layer replaces the one below it (lists and
 * objects are replaced whole, never merged); an option the layer leaves out, or sets to
 * `undefined`, keeps its value.
 *
 * A layer is an object whose keys are either section names mapping to objects of options
 * (`{"ml2": {"path_mtu": 9000}}`) or `section.option` paths mapping to one value
 * (`{"ml2.path_mtu": 9000}`). Sections ml2ts does not know are plugin sections and are taken
 * verbatim. Values are copied, so later changes to the layer do not leak in.
 *
 * Before anything is merged, the whole layer is checked with `checkConfigurationTree`: no
 * reserved key (`__proto__`, `constructor`, `prototype`) at any depth, no object whose prototype
 * sets values, no nesting deeper than `MAX_CONFIGURATION_DEPTH`, no cycle.
 *
 * Synchronous; mutates `sections` (nothing when the structure check fails). Throws a
 * `ConfigurationError` mentioning `source` when the layer is not an object, fails the structure
 * check, a section is not an object, a key is a malformed path, an option is not known in a
 * known section, a value is not JSON-like, or the layer uses the reserved `pluginSections` key.
 */
export function applyConfigurationLayer(
  sections: SectionTable,
  layer: unknown,
  source: string,
): void {
  if (!isPlainObject(layer)) {
    throw new ConfigurationError(source, shortForm(layer), 'must be an object of sections');
  }
  checkConfigurationTree(layer, source);
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    if (key === 'pluginSections') {
      throw new ConfigurationError(
        key,
        value,
        `plugin sections sit at the top level next to "ml2" (in ${source})`,
      );
    }
    const dot = key.indexOf('.');
    if (dot >= 0) {
      const section = key.slice(0, dot);
      const option = key.slice(dot + 1);
      if (section === '' || option === '') {
        throw new ConfigurationError(
          key,
          value,
          `a dotted key must be "section.option" (in ${source})`,
        );
      }
      setOption(sections, section, option, value, source);
      continue;
    }
    if (!isPlainObject(value)) {
      throw new ConfigurationError(
        key,
        value,
        `a section must be an object of options (in ${source})`,
      );
    }
    for (const [option, optionValue] of Object.entries(value)) {
      if (optionValue !== undefined) setOption(sections, key, option, optionValue, source);
    }
  }
}

function setOption(
  sections: SectionTable,
  section: string,
  option: string,
  value: unknown,
  source: string,
): void {
  const path = `${section}.${option}`;
  if (
    isKnownSection(section) &&
    !Object.prototype.hasOwnProperty.call(OPTION_KINDS[section], option)
  ) {
    throw new ConfigurationError(path, value, `${unknownOptionText(section)} (in ${source})`);
  }
  let copy: unknown;
  try {
    copy = structuredClone(value);
  } catch {
    throw new ConfigurationError(path, String(value), `must be a JSON value (in ${source})`);
  }
  sections[section] = { ...sections[section], [option]: copy };
}
