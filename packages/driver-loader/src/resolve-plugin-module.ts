import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * Finds the folder of a plugin module listed in `ml2ts.plugin_modules`:
 *
 * - an absolute path, or a path starting with `.` (resolved from `cwd`), names the package
 *   folder itself, which must hold a `package.json`;
 * - anything else is a package name, resolved like `require` would from `cwd` and then from
 *   ml2ts's own location: through `<name>/package.json`, or, when the package does not export
 *   its `package.json`, through its main entry and the nearest `package.json` above it that
 *   carries that name.
 *
 * Synchronous; reads the file system only. Throws an `Error` saying why the module was not found.
 */
export function resolvePluginModule(specifier: string, cwd: string = process.cwd()): string {
  if (isAbsolute(specifier) || specifier.startsWith('.')) {
    const dir = resolve(cwd, specifier);
    if (!existsSync(join(dir, 'package.json'))) {
      throw new Error(`there is no package.json in ${dir}`);
    }
    return dir;
  }
  const paths = [cwd, __dirname];
  try {
    return dirname(require.resolve(`${specifier}/package.json`, { paths }));
  } catch {
    // The package may hide its package.json behind an `exports` map: go through its entry.
  }
  let entry: string;
  try {
    entry = require.resolve(specifier, { paths });
  } catch (error) {
    const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`it cannot be resolved from ${paths.join(' or ')} (${cause})`, {
      cause: error,
    });
  }
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    if (readPackageName(join(dir, 'package.json')) === specifier) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`no package.json named "${specifier}" encloses its entry ${entry}`);
}

function readPackageName(path: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown };
    return typeof manifest.name === 'string' ? manifest.name : undefined;
  } catch {
    return undefined;
  }
}
