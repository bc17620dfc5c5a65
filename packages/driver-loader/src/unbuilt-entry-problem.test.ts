import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DiscoveredDriver } from './driver-catalog';
import { unbuiltEntryProblem } from './unbuilt-entry-problem';

describe('unbuiltEntryProblem', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ml2ts-unbuilt-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (file: string, text: string) => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const manifest = (fields: Record<string, unknown>) =>
    write('package.json', JSON.stringify({ name: 'mech-probe', ...fields }));
  const driver = (module?: string): DiscoveredDriver => ({
    name: 'probe',
    packageName: 'mech-probe',
    packageDir: dir,
    entry:
      module === undefined
        ? { name: 'probe', export: 'm' }
        : { name: 'probe', export: 'm', module },
  });

  it('names the missing main file and the build script to run', () => {
    manifest({ main: './dist/index.js', scripts: { build: 'tsc -b' } });
    expect(unbuiltEntryProblem(driver())).toBe(
      `the package looks unbuilt: its entry ${join(dir, 'dist', 'index.js')} does not exist. Run npm run build (its build script: tsc -b) in ${dir}, then try again.`,
    );
  });

  it('names the exports target a require would load, before main', () => {
    manifest({
      main: './lib/main.js',
      exports: {
        '.': { types: './dist/index.d.ts', import: './esm/index.mjs', default: './dist/index.js' },
      },
    });
    expect(unbuiltEntryProblem(driver())).toContain(
      `its entry ${join(dir, 'dist', 'index.js')} does not exist`,
    );
    expect(unbuiltEntryProblem(driver())).toContain('Run its build (for example npx tsc)');
  });

  it('looks at the exports target of the manifest module', () => {
    manifest({ exports: { '.': './dist/index.js', './driver': { require: './dist/driver.js' } } });
    write('dist/index.js', '');
    expect(unbuiltEntryProblem(driver('./driver'))).toContain(
      `its entry ${join(dir, 'dist', 'driver.js')} does not exist`,
    );
    write('dist/driver.js', '');
    expect(unbuiltEntryProblem(driver('./driver'))).toBeUndefined();
  });

  it('defaults main to index.js', () => {
    manifest({});
    expect(unbuiltEntryProblem(driver())).toContain(
      `its entry ${join(dir, 'index.js')} does not exist`,
    );
    write('index.js', '');
    expect(unbuiltEntryProblem(driver())).toBeUndefined();
  });

  it('finds a built entry however require would: with an extension, or as a folder index', () => {
    manifest({ main: './dist/index' });
    write('dist/index.js', '');
    expect(unbuiltEntryProblem(driver())).toBeUndefined();
    manifest({ main: './dist' });
    expect(unbuiltEntryProblem(driver())).toBeUndefined();
  });

  it('says nothing about a package whose package.json cannot be read', () => {
    expect(unbuiltEntryProblem(driver())).toBeUndefined();
    write('package.json', '{ not json');
    expect(unbuiltEntryProblem(driver())).toBeUndefined();
  });
});
