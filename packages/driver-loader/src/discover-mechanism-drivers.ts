import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_KEY } from '@ml2ts/driver-api';
import { defaultSearchPaths } from './default-search-paths';
import { type DiscoveredDriver, type DiscoveryProblem, type DriverCatalog } from './driver-catalog';
import { readPluginManifest } from './read-plugin-manifest';
import { resolvePluginModule } from './resolve-plugin-module';

/** Where `discoverMechanismDrivers` looks. */
export interface DiscoverMechanismDriversOptions {
  /**
   * `node_modules`-like directories whose packages (`<dir>/<name>` and `<dir>/@scope/<name>`)
   * are scanned. Default: `defaultSearchPaths()`.
   */
  readonly searchPaths?: readonly string[];
  /**
   * Driver packages outside the search paths: package names, or paths of package folders
   * (absolute, or relative to the working directory). Each must declare a manifest.
   */
  readonly pluginModules?: readonly string[];
}

/**
 * Lists the mechanism drivers that can be loaded: reads the `package.json` of every package in
 * the search paths (following symbolic links, as workspaces link their packages) and of every
 * plugin module, and collects the entries of their `ml2ts` manifests. Packages without a
 * manifest are skipped; a package reached twice (through a link, or as a plugin module too) is
 * read once. Nothing is required and nothing is cached between calls.
 *
 * Synchronous: blocks on file reads, meant for start-up and the CLI. Never throws: invalid
 * manifests, unreadable plugin module manifests and plugin modules that cannot be found are
 * reported in `problems`.
 */
export function discoverMechanismDrivers(
  options: DiscoverMechanismDriversOptions = {},
): DriverCatalog {
  const searchPaths = [...(options.searchPaths ?? defaultSearchPaths())];
  const drivers: DiscoveredDriver[] = [];
  const problems: DiscoveryProblem[] = [];
  /** Package folders already read, and whether each declares a manifest. */
  const seen = new Map<string, boolean>();

  const reportMissingManifest = (explicit: string, packageDir: string): void => {
    problems.push({
      source: explicit,
      location: packageDir,
      problem: `plugin module "${explicit}" declares no "${MANIFEST_KEY}" manifest in its package.json`,
    });
  };

  const examine = (dir: string, explicit: string | undefined): void => {
    let packageDir: string;
    try {
      packageDir = realpathSync(dir);
    } catch {
      return;
    }
    const known = seen.get(packageDir);
    if (known !== undefined) {
      if (explicit !== undefined && !known) reportMissingManifest(explicit, packageDir);
      return;
    }
    let text: string;
    try {
      text = readFileSync(join(packageDir, 'package.json'), 'utf8');
    } catch {
      return;
    }
    seen.set(packageDir, false);
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      if (explicit !== undefined) {
        problems.push({
          source: explicit,
          location: packageDir,
          problem: `its package.json is not valid JSON (${(error as Error).message})`,
        });
      }
      return;
    }
    const packageName = typeof manifest?.name === 'string' ? manifest.name : packageDir;
    if (manifest === null || typeof manifest !== 'object' || !(MANIFEST_KEY in manifest)) {
      if (explicit !== undefined) reportMissingManifest(explicit, packageDir);
      return;
    }
    seen.set(packageDir, true);
    const reading = readPluginManifest(manifest[MANIFEST_KEY]);
    if ('problem' in reading) {
      problems.push({ source: packageName, location: packageDir, problem: reading.problem });
      return;
    }
    for (const entry of reading.entries) {
      drivers.push({ name: entry.name, packageName, packageDir, entry });
    }
  };

  for (const searchPath of searchPaths) {
    for (const name of listFolder(searchPath)) {
      if (name.startsWith('.')) continue;
      if (name.startsWith('@')) {
        for (const child of listFolder(join(searchPath, name))) {
          if (!child.startsWith('.')) examine(join(searchPath, name, child), undefined);
        }
      } else {
        examine(join(searchPath, name), undefined);
      }
    }
  }
  for (const specifier of options.pluginModules ?? []) {
    let dir: string;
    try {
      dir = resolvePluginModule(specifier);
    } catch (error) {
      problems.push({
        source: specifier,
        location: specifier,
        problem: `plugin module "${specifier}" was not found: ${(error as Error).message}`,
      });
      continue;
    }
    examine(dir, specifier);
  }

  drivers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { drivers, problems, searchPaths };
}

/** The sorted entry names of a folder, or none when it does not exist or cannot be read. */
function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
