import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { compareScenarioResults } from './compare-scenario-results';
import { formatConformanceReport } from './format-conformance-report';
import { listScenarioFiles, runScenarioDirectory } from './run-scenario';
import { type ScenarioResult } from './scenario-result';

/**
 * The conformance fixtures of this package: scenarios in `conformance/scenarios/` and, under the
 * same file names in `conformance/expected/`, the results Neutron produced for them.
 */
const CONFORMANCE = resolve(__dirname, '..', 'conformance');
const SCENARIOS = join(CONFORMANCE, 'scenarios');
const EXPECTED = join(CONFORMANCE, 'expected');

const fileNames = (directory: string) =>
  listScenarioFiles(directory).map((file) => basename(file, '.json'));

/** The recorded results by scenario name (the file name without `.json`). */
function readRecordedResults(directory: string): Record<string, unknown> {
  return Object.fromEntries(
    listScenarioFiles(directory).map((file) => [
      basename(file, '.json'),
      JSON.parse(readFileSync(file, 'utf8')) as unknown,
    ]),
  );
}

/** Every fixture scenario run once through the real engine, shared by the tests below. */
let results: Record<string, ScenarioResult>;
beforeAll(async () => {
  results = await runScenarioDirectory(SCENARIOS);
}, 120_000);

describe('the sample conformance scenarios', () => {
  it('come in pairs: every scenario has a recorded result and every recording a scenario', () => {
    expect(fileNames(SCENARIOS).length).toBeGreaterThan(0);
    expect(fileNames(EXPECTED)).toEqual(fileNames(SCENARIOS));
  });

  it('give the results Neutron recorded', () => {
    const report = compareScenarioResults(readRecordedResults(EXPECTED), results);
    const allMatch = fileNames(SCENARIOS).map((name) => `ok    ${name}`);
    // On a difference the whole report shows, with each differing field and where it is.
    expect(formatConformanceReport(report)).toBe(
      [...allMatch, `${allMatch.length} passed, 0 failed`, ''].join('\n'),
    );
  });
});

describe('binding_failed in the samples', () => {
  it('every binding_failed port comes with its trace in sentences a person can act on', () => {
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
