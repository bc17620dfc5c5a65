import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type DiscoveredDriver } from './driver-catalog';

/** The fields of a `package.json` that say where its entry is and how it is built. */
interface PackageEntries {
  readonly main?: unknown;
  readonly exports?: unknown;
  readonly scripts?: { readonly build?: unknown } | null;
}

/** The conditions of an `exports` target that `require` picks, in the order it tries them. */
const REQUIRE_CONDITIONS = ['require', 'node', 'default'] as const;

/**
 * When a driver's package declares an entry file that does not exist (its `main`, or the
 * `exports` target of its entry or manifest `module`, is typically `./dist/index.js` before the
 * package is built), a sentence saying the package looks unbuilt, naming the missing file and
 * the build to run; otherwise `undefined`. The loader and the contract suite add it to a failed
 * `require` of the package's entry, whose own message (`Cannot find module '<folder>'`) does not
 * say why.
 *
 * Synchronous; reads the package's `package.json` and checks files. Never throws: an unreadable
 * or invalid `package.json` gives `undefined`.
 */
export function unbuiltEntryProblem(driver: DiscoveredDriver): string | undefined {
  let manifest: PackageEntries | null;
  try {
    manifest = JSON.parse(
      readFileSync(join(driver.packageDir, 'package.json'), 'utf8'),
    ) as PackageEntries | null;
  } catch {
    return undefined;
  }
  if (manifest === null || typeof manifest !== 'object') return undefined;
  const subpath = driver.entry.module;
  const declared = [
    exportsTarget(manifest.exports, subpath),
    subpath === undefined
      ? typeof manifest.main === 'string'
        ? manifest.main
        : 'index.js'
      : subpath,
  ].filter((file): file is string => file !== undefined);
  const files = declared.map((file) => join(driver.packageDir, file));
  if (files.some(loadable)) return undefined;
  const build =
    typeof manifest.scripts?.build === 'string'
      ? `npm run build (its build script: ${manifest.scripts.build})`
      : 'its build (for example npx tsc)';
  return (
    `the package looks unbuilt: its entry ${files[0]} does not exist. ` +
    `Run ${build} in ${driver.packageDir}, then try again.`
  );
}

/** The file `exports` maps `subpath` (default the package's own entry) to for `require`. */
function exportsTarget(exports: unknown, subpath: string | undefined): string | undefined {
  if (exports === undefined || exports === null) return undefined;
  const key = subpath === undefined ? '.' : `./${subpath.replace(/^\.\//, '')}`;
  const isSubpathMap =
    typeof exports === 'object' &&
    !Array.isArray(exports) &&
    Object.keys(exports).some((name) => name.startsWith('.'));
  const target = isSubpathMap
    ? (exports as Record<string, unknown>)[key]
    : key === '.'
      ? exports
      : undefined;
  return conditionalTarget(target);
}

/** The path a (possibly conditional) `exports` target gives `require`. */
function conditionalTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const each of target) {
      const found = conditionalTarget(each);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (target === null || typeof target !== 'object') return undefined;
  for (const condition of REQUIRE_CONDITIONS) {
    if (Object.hasOwn(target, condition)) {
      return conditionalTarget((target as Record<string, unknown>)[condition]);
    }
  }
  return undefined;
}

/** True when `require(file)` would find a file there (as is, with an extension, or an index). */
function loadable(file: string): boolean {
  const candidates = [file, `${file}.js`, `${file}.cjs`, `${file}.json`, join(file, 'index.js')];
  return candidates.some((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}
