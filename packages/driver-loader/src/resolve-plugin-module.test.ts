import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolvePluginModule } from './resolve-plugin-module';

const fixtures = join(__dirname, 'fixtures');
const root = resolve(__dirname, '../../..');

describe('resolvePluginModule', () => {
  it('takes an absolute package folder as it is', () => {
    const dir = join(fixtures, 'explicit', 'mech-explicit');
    expect(resolvePluginModule(dir)).toBe(dir);
  });

  it('resolves a relative folder from the given working directory', () => {
    expect(resolvePluginModule('./explicit/mech-explicit', fixtures)).toBe(
      join(fixtures, 'explicit', 'mech-explicit'),
    );
  });

  it('refuses a folder without package.json', () => {
    const dir = join(fixtures, 'valid', 'plain-folder');
    expect(() => resolvePluginModule(dir)).toThrow(`there is no package.json in ${dir}`);
  });

  it('resolves a package name through its exported package.json', () => {
    expect(resolvePluginModule('@ml2ts/driver-api', root)).toBe(
      join(root, 'packages', 'driver-api'),
    );
  });

  it('resolves a package that does not export its package.json through its entry', () => {
    expect(resolvePluginModule('inversify', root)).toBe(join(root, 'node_modules', 'inversify'));
  });

  it('falls back to ml2ts own location when the working directory does not have it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'ml2ts-resolve-'));
    try {
      expect(resolvePluginModule('@ml2ts/driver-api', empty)).toBe(
        join(root, 'packages', 'driver-api'),
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('says where it looked for a package that is not installed', () => {
    expect(() => resolvePluginModule('@nowhere/mech-missing', root)).toThrow(
      `it cannot be resolved from ${root} or ${__dirname}`,
    );
  });
});
