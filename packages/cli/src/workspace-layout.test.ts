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
    const folders = (
      JSON.parse(readFileSync(join(REPOSITORY, 'tsconfig.json'), 'utf8')) as {
        references: Array<{ path: string }>;
      }
    ).references.map((reference) => reference.path);
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
});
