import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPOSITORY = join(__dirname, '../../..');

/** Every non-test TypeScript file under `dir`. */
function productionSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : productionSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const plugins = readdirSync(join(REPOSITORY, 'plugins'));

describe('driver plugins use the test kit in their tests only', () => {
  it.each(plugins)('%s: the test kit is a dev dependency, never a dependency', (plugin) => {
    const manifest = JSON.parse(
      readFileSync(join(REPOSITORY, 'plugins', plugin, 'package.json'), 'utf8'),
    ) as Record<string, Record<string, string> | undefined>;
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('@ml2ts/testkit');
    expect(Object.keys(manifest.peerDependencies ?? {})).not.toContain('@ml2ts/testkit');
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('@ml2ts/core');
  });

  it.each(plugins)('%s: no production source imports the test kit or the engine', (plugin) => {
    const offenders = productionSources(join(REPOSITORY, 'plugins', plugin, 'src')).filter((file) =>
      /from '@ml2ts\/(testkit|core)'/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it.each(plugins)('%s: the build references neither the test kit nor the engine', (plugin) => {
    const tsconfig = readFileSync(join(REPOSITORY, 'plugins', plugin, 'tsconfig.json'), 'utf8');
    expect(tsconfig).not.toMatch(/packages\/(testkit|core)/);
  });
});
