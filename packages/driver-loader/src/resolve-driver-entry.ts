import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix, relative, isAbsolute } from 'node:path';
import { type DiscoveredDriver } from './driver-catalog';

/**
 * The file (or folder) to `require` for a discovered driver: the package's main entry, or the
 * manifest's `module` subpath.
 *
 * The package is first resolved by its name from its own folder (`<name>` or
 * `<name>/<module>`), so that its `exports` map and the active export conditions apply (jest
 * turns on `@ml2ts/source`, which loads TypeScript sources); the result is used only if it lies
 * inside the package's folder, so another installed copy of the same name is never picked up.
 * Otherwise the package folder (its `main`) or the subpath inside it is returned.
 *
 * Synchronous; reads the file system only. Never throws (a bad path fails when required).
 */
export function resolveDriverEntry(driver: DiscoveredDriver): string {
  const subpath = driver.entry.module;
  const specifier =
    subpath === undefined ? driver.packageName : posix.join(driver.packageName, subpath);
  try {
    const resolved = createRequire(join(driver.packageDir, 'package.json')).resolve(specifier);
    if (isInside(realpathSync(resolved), driver.packageDir)) return resolved;
  } catch {
    // Not resolvable by name from its folder (no `exports` and not under node_modules).
  }
  return subpath === undefined ? driver.packageDir : join(driver.packageDir, subpath);
}

function isInside(file: string, dir: string): boolean {
  const path = relative(dir, file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}
