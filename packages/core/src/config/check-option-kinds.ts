import { ConfigurationError, type Ml2Configuration } from '@ml2ts/driver-api';
import { isKnownSection, knownOptions, OPTION_KINDS, type OptionKind } from './option-kinds';

const KIND_DESCRIPTIONS: Readonly<Record<OptionKind, string>> = {
  integer: 'must be an integer',
  number: 'must be a number',
  boolean: 'must be true or false',
  string: 'must be a string',
  'nullable-string': 'must be a string or null',
  'string-list': 'must be a list of strings',
};

/** True when `value` has the JSON type `kind` asks for. Never throws. */
export function hasOptionKind(value: unknown, kind: OptionKind): boolean {
  switch (kind) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'nullable-string':
      return value === null || typeof value === 'string';
    case 'string-list':
      return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
  }
}

/** True for a non-null object that is not an array. Never throws. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the shape of a configuration: every known section is present and an object, each of
 * its options is present with the right JSON type and no other option is set, and
 * `pluginSections` maps names that are not known sections to objects.
 *
 * Reads the values as untyped data, so a configuration built in code with wrong values is caught
 * too. Synchronous; throws the first `ConfigurationError` found (naming `section.option`, the
 * value and the expected type).
 */
export function checkOptionKinds(config: Ml2Configuration): void {
  const sections = config as unknown as Record<string, unknown>;
  for (const [section, kinds] of Object.entries(OPTION_KINDS)) {
    const options = sections[section];
    if (!isPlainObject(options)) {
      throw new ConfigurationError(section, options, 'a section must be an object of options');
    }
    for (const [option, kind] of Object.entries(kinds as Record<string, OptionKind>)) {
      const value = options[option];
      if (!hasOptionKind(value, kind)) {
        throw new ConfigurationError(`${section}.${option}`, value, KIND_DESCRIPTIONS[kind]);
      }
    }
    for (const option of Object.keys(options)) {
      if (!Object.prototype.hasOwnProperty.call(kinds, option)) {
        throw new ConfigurationError(
          `${section}.${option}`,
          options[option],
          unknownOptionText(section as keyof typeof OPTION_KINDS),
        );
      }
    }
  }
  const pluginSections: unknown = config.pluginSections;
  if (!isPlainObject(pluginSections)) {
    throw new ConfigurationError(
      'pluginSections',
      pluginSections,
      'must be an object of plugin sections',
    );
  }
  for (const [section, options] of Object.entries(pluginSections)) {
    if (isKnownSection(section)) {
      throw new ConfigurationError(
        section,
        options,
        'this section belongs to ml2ts and cannot be a plugin section',
      );
    }
    if (!isPlainObject(options)) {
      throw new ConfigurationError(section, options, 'a section must be an object of options');
    }
  }
}

/** What an "unknown option" error says is allowed in a known section. Never throws. */
export function unknownOptionText(section: keyof typeof OPTION_KINDS): string {
  return `unknown option in section ${section}; its options are ${knownOptions(section).join(', ')}`;
}
