import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigurationError, type Ml2Configuration } from '@ml2ts/driver-api';
import { applyConfigurationLayer, type SectionTable } from './configuration-layer';
import { defaultConfiguration } from '@ml2ts/driver-api';
import { MAX_CONFIGURATION_FILE_BYTES } from './configuration-limits';
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
 * Throws a `ConfigurationError`: naming the file when it cannot be read, is larger than
 * `MAX_CONFIGURATION_FILE_BYTES` (checked before it is parsed), is not JSON or does not hold an
 * object; naming the path for a reserved key (`__proto__`, `constructor`, `prototype`), an
 * object whose prototype sets values, or nesting deeper than `MAX_CONFIGURATION_DEPTH`, in the
 * file or the overrides; naming the option for an unknown option or a value that is not allowed.
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
  const text = readConfigurationText(path);
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

/**
 * The text of the file at `path`, read as UTF-8 without ever holding more than
 * `MAX_CONFIGURATION_FILE_BYTES` + 1 bytes: the size the file reports is checked first, and the
 * read stops past the limit (a file that grows, a device). Throws a `ConfigurationError` naming
 * the file when it cannot be read or is too large.
 */
function readConfigurationText(path: string): string {
  const limit = MAX_CONFIGURATION_FILE_BYTES;
  const tooLarge = (size: string) =>
    new ConfigurationError(
      'configuration file',
      path,
      `is ${size} bytes; a configuration file may hold at most ${limit} bytes (1 MiB)`,
    );
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, 'r');
    const reported = fstatSync(descriptor).size;
    if (reported > limit) throw tooLarge(String(reported));
    let buffer = Buffer.alloc(Math.min(reported, limit) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) throw tooLarge(`more than ${limit}`);
        // The file grew since it was measured: read on, up to the limit plus one byte.
        const larger = Buffer.alloc(limit + 1);
        buffer.copy(larger);
        buffer = larger;
      }
      const read = readSync(descriptor, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.toString('utf8', 0, length);
      length += read;
    }
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw new ConfigurationError(
      'configuration file',
      path,
      `must be a readable JSON file; reading it failed: ${messageOf(error)}`,
    );
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
/** The message of a thrown value; errors from another realm (jest's) count as errors too. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
