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

describe('binding_failed in the samples', () => {
  it('every binding_failed port comes with its trace in sentences a person can act on', async () => {
    const results = await runScenarioDirectory(join(CONFORMANCE, 'scenarios'));
    const explained: string[][] = [];
    for (const result of Object.values(results)) {
      for (const port of Object.values(result.final.ports)) {
        if (!port.exists || port['binding:vif_type'] !== 'binding_failed') continue;
        expect(port.binding_failed_because).toBeDefined();
        explained.push([...(port.binding_failed_because ?? [])]);
      }
    }
    expect(explained.length).toBeGreaterThan(0);
    for (const lines of explained) {
      expect(lines[0]).toMatch(/failed to bind/);
      // Each driver that declined says why, with the facts (e.g. the dead agent's heartbeat age).
      expect(lines.some((line) => /^\s+- /.test(line))).toBe(true);
    }
    expect(explained.flat().join('\n')).toMatch(/is dead: its last heartbeat was \d+ s ago/);
  });
});
