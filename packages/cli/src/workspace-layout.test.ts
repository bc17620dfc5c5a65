import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPOSITORY = join(__dirname, '../../..');

interface PackedWorkspace {
  name: string;
  files: Array<{ path: string }>;
}

/** What `npm pack` would put in each workspace's tarball, as a registry would serve it. */
function packedWorkspaces(): PackedWorkspace[] {
  const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--workspaces'], {
    cwd: REPOSITORY,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(json) as PackedWorkspace[];
}

/** The folder of every workspace package, as the root build lists them. */
function workspaceFolders(): string[] {
  const tsconfig = JSON.parse(readFileSync(join(REPOSITORY, 'tsconfig.json'), 'utf8')) as {
    references: Array<{ path: string }>;
  };
  return tsconfig.references.map((reference) => reference.path);
}

describe('the workspace packages', () => {
  const packed = packedWorkspaces();

  it('publish no tests, test support or test fixtures', () => {
    // The test kit's fixtures are its product: builders of test data for driver authors.
    const isTestFile = (workspace: string, path: string) =>
      /\.test\.|(^|\/)test-support\//.test(path) ||
      (workspace !== '@ml2ts/testkit' && /^src\/(.+\/)?fixtures\//.test(path));
    const testFiles = packed.flatMap((workspace) =>
      workspace.files
        .map((file) => file.path)
        .filter((path) => isTestFile(workspace.name, path))
        .map((path) => `${workspace.name}: ${path}`),
    );
    expect(testFiles).toEqual([]);
  });

  it('compile no tests into dist', () => {
    const folders = workspaceFolders();
    expect(folders.length).toBe(packed.length);
    for (const folder of folders) {
      const tsconfig = JSON.parse(
        readFileSync(join(REPOSITORY, folder, 'tsconfig.json'), 'utf8'),
      ) as { exclude?: string[] };
      expect({ folder, exclude: tsconfig.exclude }).toEqual({
        folder,
        exclude: expect.arrayContaining(['src/**/*.test.ts', 'src/**/test-support']),
      });
    }
  });

  it('depend only on packages of lower layers, as the README draws them', () => {
    const layers: Record<string, number> = {
      '@ml2ts/driver-api': 0,
      '@ml2ts/migrations': 0,
      '@ml2ts/driver-base': 1,
      '@ml2ts/driver-loader': 1,
      '@ml2ts/agent-rpc': 1,
      '@ml2ts/store': 1,
      '@ml2ts/transport-amqp': 2,
      '@ml2ts/testkit': 2,
      '@ml2ts/agent': 2,
      '@ml2ts/core': 2,
      '@ml2ts/scenario': 3,
      '@ml2ts/compute': 3,
      '@ml2ts/server': 3,
      '@ml2ts/cli': 4,
      '@ml2ts/bench': 4,
    };
    const layerOf = (name: string) => layers[name] ?? (name.startsWith('@ml2ts/mech-') ? 2 : NaN);
    const upward = workspaceFolders().flatMap((folder) => {
      const manifest = JSON.parse(
        readFileSync(join(REPOSITORY, folder, 'package.json'), 'utf8'),
      ) as {
        name: string;
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      return Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
        .filter((dependency) => dependency.startsWith('@ml2ts/'))
        .filter((dependency) => !(layerOf(dependency) < layerOf(manifest.name)))
        .map((dependency) => `${manifest.name} → ${dependency}`);
    });
    expect(upward).toEqual([]);
  });
});
