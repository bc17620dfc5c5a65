import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverMechanismDrivers } from './discover-mechanism-drivers';
import { type DiscoveredDriver } from './driver-catalog';
import { resolveDriverEntry } from './resolve-driver-entry';

const valid = join(__dirname, 'fixtures', 'valid');

function discovered(name: string) {
  const driver = discoverMechanismDrivers({ searchPaths: [valid] }).drivers.find(
    (candidate) => candidate.name === name,
  );
  if (!driver) throw new Error(`fixture driver ${name} not found`);
  return driver;
}

describe('resolveDriverEntry', () => {
  it('resolves through the exports map with the active conditions (jest: @ml2ts/source)', () => {
    expect(resolveDriverEntry(discovered('conditional'))).toBe(
      join(valid, 'mech-conditional', 'source.js'),
    );
  });

  it('resolves the manifest module through the exports map', () => {
    expect(resolveDriverEntry(discovered('echo'))).toBe(
      join(valid, '@fixture', 'mech-echo', 'driver.js'),
    );
  });

  describe('for a package neither exported by name nor under node_modules', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ml2ts-entry-'));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'ml2ts-entry-probe' }));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    const driverIn = (packageDir: string, module?: string): DiscoveredDriver => ({
      name: 'probe',
      packageName: 'ml2ts-entry-probe',
      packageDir,
      entry:
        module === undefined
          ? { name: 'probe', export: 'm' }
          : { name: 'probe', export: 'm', module },
    });

    it('falls back to the package folder', () => {
      expect(resolveDriverEntry(driverIn(dir))).toBe(dir);
    });

    it('falls back to the subpath inside the folder for a module', () => {
      expect(resolveDriverEntry(driverIn(dir, './lib/driver'))).toBe(join(dir, 'lib', 'driver'));
    });

    it('ignores another package of the same name that the name resolves to', () => {
      // In jest, "mech-noop" resolves to the fixture package wherever it is asked from.
      const copy = { ...driverIn(dir), packageName: 'mech-noop' };
      expect(resolveDriverEntry(copy)).toBe(dir);
    });
  });
});
