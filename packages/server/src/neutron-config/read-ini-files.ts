import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_CONFIGURATION_FILE_BYTES } from '@ml2ts/core';
import { IniOptionTable } from './ini-option-table';
import { NeutronConfigError } from './neutron-config-error';
import { type IniEntry, parseIni } from './parse-ini';

/**
 * Reads configuration files in the order given (the order of `--config-file` options: later
 * files override earlier ones) and returns their options. Paths are used as given (relative
 * ones from the working directory) and name the files in entries and errors.
 *
 * Runs at start-up; blocks while the files are read. Throws `NeutronConfigError` naming the
 * file when it cannot be read, is not a regular file or is larger than
 * `MAX_CONFIGURATION_FILE_BYTES` (1 MiB), and naming the line for a syntax error (see
 * `parseIni`).
 */
export function readIniFiles(paths: readonly string[]): IniOptionTable {
  const entries: IniEntry[] = [];
  for (const path of paths) entries.push(...parseIni(readText(path), path));
  return new IniOptionTable([...paths], entries);
}

/** The UTF-8 text of `path`, never reading more than the size limit plus one byte. */
function readText(path: string): string {
  const limit = MAX_CONFIGURATION_FILE_BYTES;
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, 'r');
    const stat = fstatSync(descriptor);
    if (!stat.isFile()) {
      throw new NeutronConfigError(
        { file: path },
        'is not a regular file: pass the path of an INI file such as neutron.conf',
      );
    }
    const tooLarge = () =>
      new NeutronConfigError(
        { file: path },
        `is larger than ${limit} bytes (1 MiB), the most a configuration file may hold: ` +
          'is it the right file?',
      );
    if (stat.size > limit) throw tooLarge();
    // Read up to one byte past the limit: a file that grew since it was measured is caught too.
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const read = readSync(descriptor, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.toString('utf8', 0, length);
      length += read;
      if (length > limit) throw tooLarge();
    }
  } catch (error) {
    if (error instanceof NeutronConfigError) throw error;
    throw new NeutronConfigError(
      { file: path },
      `cannot be read (${messageOf(error)}): check the path given to --config-file and its ` +
        'permissions',
      { cause: error },
    );
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** The message of a thrown value; errors from another realm count as errors too. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
