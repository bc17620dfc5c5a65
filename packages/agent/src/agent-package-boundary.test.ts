import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const REPOSITORY = join(__dirname, '../../..');

/** The files node loads for `require(name)` in a fresh process, relative to the repository. */
function modulesLoadedBy(name: string): string[] {
  const script = `require(${JSON.stringify(name)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: REPOSITORY, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`require(${name}) failed:\n${run.stderr}`);
  return (JSON.parse(run.stdout) as string[]).map((file) => relative(REPOSITORY, file));
}

describe('the agent package stands apart from the engine', () => {
  it('loads only itself, the agent RPC contract and the driver API', () => {
    // The agent runs as its own process on every compute host, from the built package.
    expect(existsSync(join(REPOSITORY, 'packages/agent/dist/index.js'))).toBe(true);
    const loaded = modulesLoadedBy('@ml2ts/agent');
    const packages = new Set(loaded.map((file) => file.split('/').slice(0, 2).join('/')));
    expect([...packages].sort()).toEqual([
      'packages/agent',
      'packages/agent-rpc',
      'packages/driver-api',
    ]);
    for (const forbidden of ['core', 'store', 'typeorm', 'migrations', 'better-sqlite3']) {
      expect(loaded.filter((file) => file.includes(forbidden))).toEqual([]);
    }
  });

  it('declares no dependency on the engine, the store or the test kit', () => {
    const manifest = JSON.parse(
      readFileSync(join(REPOSITORY, 'packages/agent/package.json'), 'utf8'),
    ) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    expect(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).sort()).toEqual([
      '@ml2ts/agent-rpc',
      '@ml2ts/driver-api',
    ]);
  });
});
