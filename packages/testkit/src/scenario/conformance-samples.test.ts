import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runScenarioDirectory } from './run-scenario';

/** The shared conformance folder sits beside the checkout: `<repo>/../shared/conformance`. */
const REPO_ROOT = resolve(__dirname, '../../../..');
const CONFORMANCE = resolve(REPO_ROOT, '..', 'shared', 'conformance');

describe('the sample conformance scenarios', () => {
  it('give the results Neutron recorded, as compare.mjs judges them', async () => {
    if (!existsSync(join(CONFORMANCE, 'compare.mjs'))) {
      throw new Error(
        `The conformance samples are not on this machine: expected ${CONFORMANCE} ` +
          `(scenarios/, expected/ and compare.mjs, in the shared folder beside the checkout).`,
      );
    }
    const results = await runScenarioDirectory(join(CONFORMANCE, 'scenarios'));
    const folder = mkdtempSync(join(tmpdir(), 'ml2ts-conformance-'));
    try {
      const actual = join(folder, 'results.json');
      writeFileSync(actual, JSON.stringify(results, null, 2));
      const compare = spawnSync(
        process.execPath,
        [join(CONFORMANCE, 'compare.mjs'), join(CONFORMANCE, 'expected'), actual],
        { encoding: 'utf8' },
      );
      // The whole report shows in the failure message when a scenario differs.
      expect({ exitCode: compare.status, report: compare.stdout + compare.stderr }).toEqual({
        exitCode: 0,
        report: expect.stringMatching(/ 0 failed\s*$/),
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
