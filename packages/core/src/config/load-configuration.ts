import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigurationError, type Ml2Configuration } from '@ml2ts/driver-api';
import { applyConfigurationLayer, type SectionTable } from './configuration-layer';
import { defaultConfiguration } from '@ml2ts/driver-api';
import { freezeDeep } from './freeze-deep';
import { isKnownSection, OPTION_KINDS, type KnownSection } from './option-kinds';
import { validateConfiguration } from './validate-configuration';

/**
 * Values set over the defaults, in the shape of the configuration file: known sections with
 * some of their options, plugin sections at the top level, and `section.option` keys (the
 * scenario format) holding one value each.
 */
export type ConfigurationOverrides = {
  readonly [S in KnownSection]?: {
    readonly [O in keyof Ml2Configuration[S]]?: Ml2Configuration[S][O];
  };
} & { readonly [key: string]: unknown };

/** Where `loadConfiguration` reads from. */
export interface LoadConfigurationOptions {
  /** A JSON configuration file; relative paths are resolved from the working directory. */
  readonly file?: string;
  /** Values that win over the file and the defaults. */
  readonly overrides?: ConfigurationOverrides;
}

/**
 * Builds the configuration the server runs with: the defaults, then the JSON file (if any),
 * then the overrides, merged section by section and option by option (lists replace), then
 * validated (see `validateConfiguration`). Top-level sections ml2ts does not know end up in
 * `pluginSections`; whether a loaded driver claims each is checked later by the engine.
 *
 * Runs once at start-up; blocks while the file is read. Returns a deeply frozen configuration.
 * Throws a `ConfigurationError`: naming the file when it cannot be read, is not JSON or does not
 * hold an object; naming the option for an unknown option or a value that is not allowed.
 */
export function loadConfiguration(options: LoadConfigurationOptions = {}): Ml2Configuration {
  const defaults = defaultConfiguration();
  const sections: SectionTable = {};
  for (const section of Object.keys(OPTION_KINDS) as KnownSection[]) {
    sections[section] = { ...defaults[section] };
  }
  if (options.file !== undefined) {
    const path = resolve(options.file);
    applyConfigurationLayer(sections, readConfigurationFile(path), `configuration file ${path}`);
  }
  if (options.overrides !== undefined) {
    applyConfigurationLayer(sections, options.overrides, 'configuration overrides');
  }

  const known: Record<string, unknown> = {};
  const pluginSections: SectionTable = {};
  for (const [section, values] of Object.entries(sections)) {
    if (isKnownSection(section)) known[section] = values;
    else pluginSections[section] = values;
  }
  const config = { ...known, pluginSections } as unknown as Ml2Configuration;
  validateConfiguration(config);
  return freezeDeep(config);
}

/** Reads and parses the JSON file at `path`; throws a `ConfigurationError` naming it. */
function readConfigurationFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      'configuration file',
      path,
      `must be a readable JSON file; reading it failed: ${messageOf(error)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      'configuration file',
      path,
      `must hold one JSON object; parsing failed: ${messageOf(error)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigurationError(
      'configuration file',
      path,
      `must hold one JSON object of sections, not ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`,
    );
  }
  return parsed as Record<string, unknown>;
}

/** The message of a thrown value; errors from another realm (jest's) count as errors too. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
