import { join, resolve } from 'node:path';
import { defaultSearchPaths, nodeModulesPathsFrom } from './default-search-paths';

describe('nodeModulesPathsFrom', () => {
  it('lists node_modules of the folder and of every parent, up to the root', () => {
    expect(nodeModulesPathsFrom('/srv/app/lib')).toEqual([
      '/srv/app/lib/node_modules',
      '/srv/app/node_modules',
      '/srv/node_modules',
      '/node_modules',
    ]);
  });

  it('adds no node_modules inside a node_modules folder', () => {
    expect(nodeModulesPathsFrom('/srv/node_modules/pkg')).toEqual([
      '/srv/node_modules/pkg/node_modules',
      '/srv/node_modules',
      '/node_modules',
    ]);
  });
});

describe('defaultSearchPaths', () => {
  it('starts with the paths from the working directory, then adds those from ml2ts itself', () => {
    const cwd = process.cwd();
    process.chdir('/');
    try {
      const paths = defaultSearchPaths();
      expect(paths[0]).toBe('/node_modules');
      expect(paths).toContain(join(resolve(__dirname, '..'), 'node_modules'));
      expect(new Set(paths).size).toBe(paths.length);
    } finally {
      process.chdir(cwd);
    }
  });

  it('starts from the folder it is given instead of the working directory', () => {
    const paths = defaultSearchPaths('/srv/app');
    expect(paths.slice(0, 3)).toEqual([
      '/srv/app/node_modules',
      '/srv/node_modules',
      '/node_modules',
    ]);
    expect(paths).toContain(join(resolve(__dirname, '..'), 'node_modules'));
  });

  it('finds the monorepo node_modules from the repository root', () => {
    const root = resolve(__dirname, '../../..');
    expect(defaultSearchPaths()).toContain(join(root, 'node_modules'));
  });
});
