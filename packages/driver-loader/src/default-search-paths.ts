import { basename, dirname, join, resolve } from 'node:path';

/**
 * The `node_modules` directories Node searches from `start` when it resolves a package name:
 * `start/node_modules`, then that of every parent folder up to the root (a folder that is
 * itself named `node_modules` gets no nested one). Pure; does not touch the file system.
 */
export function nodeModulesPathsFrom(start: string): string[] {
  const paths: string[] = [];
  let dir = resolve(start);
  for (;;) {
    if (basename(dir) !== 'node_modules') paths.push(join(dir, 'node_modules'));
    const parent = dirname(dir);
    if (parent === dir) return paths;
    dir = parent;
  }
}

/**
 * Where installed driver packages are looked for by default: the `node_modules` directories
 * Node would search from `start` (default the working directory, where the engine is started),
 * then those searched from this package's own location (so drivers installed next to ml2ts are
 * found wherever it is started from), without repeats. The contract suite passes a driver
 * package's folder as `start`, to see the packages the engine would see where the driver is
 * installed. Reads `process.cwd()` only when `start` is not given; never throws.
 */
export function defaultSearchPaths(start: string = process.cwd()): string[] {
  return [...new Set([...nodeModulesPathsFrom(start), ...nodeModulesPathsFrom(__dirname)])];
}
