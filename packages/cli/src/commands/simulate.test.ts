import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import {
  compareScenarioResults,
  formatConformanceReport,
  listScenarioFiles,
} from '@ml2ts/scenario';
import { createDataSource } from '@ml2ts/store';
import {
  describeEachDatabase,
  MARIADB,
  POSTGRESQL,
  type TestDatabase,
  tableNames,
} from '@ml2ts/store/test-support';
import { captureIo } from '../test-support/capture-io';
import { SIMULATION_DATABASE_PREFIX, simulateCommand } from './simulate';

/** The conformance samples of the scenario package, and what Neutron recorded for them. */
const CONFORMANCE = resolve(__dirname, '..', '..', '..', 'scenario', 'conformance');
const SCENARIOS = join(CONFORMANCE, 'scenarios');
const EXPECTED = join(CONFORMANCE, 'expected');

/** The recorded results by scenario name (the file name without `.json`). */
function recordedResults(): Record<string, unknown> {
  return Object.fromEntries(
    listScenarioFiles(EXPECTED).map((file) => [
      basename(file, '.json'),
      JSON.parse(readFileSync(file, 'utf8')) as unknown,
    ]),
  );
}

/** The report of every sample matching its recording. */
function allPassedReport(): string {
  const names = listScenarioFiles(SCENARIOS).map((file) => `ok    ${basename(file, '.json')}`);
  return [...names, `${names.length} passed, 0 failed`, ''].join('\n');
}

/** The tables and the databases named like scratch ones, on the server of `database`. */
async function look(database: TestDatabase): Promise<{ tables: string[]; scratch: string[] }> {
  const dataSource = createDataSource({ url: database.url });
  await dataSource.initialize();
  try {
    const sql =
      database.parsed.dialect === 'postgres'
        ? `SELECT datname AS name FROM pg_database WHERE datname LIKE '${SIMULATION_DATABASE_PREFIX}\\_%'`
        : `SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE '${SIMULATION_DATABASE_PREFIX}\\_%'`;
    const rows = (await dataSource.query(sql)) as { name: string }[];
    return { tables: await tableNames(dataSource), scratch: rows.map((row) => row.name).sort() };
  } finally {
    await dataSource.destroy();
  }
}

describe('ml2ts simulate --database', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ml2ts-simulate-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('runs every sample on temporary SQLite files for a SQLite path, deleting them', async () => {
    const io = captureIo();
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith('ml2ts_sim-'));
    expect(await simulateCommand(['--database', join(folder, 'any.sqlite'), SCENARIOS], io)).toBe(
      0,
    );
    expect(io.err()).toBe('');
    const report = compareScenarioResults(recordedResults(), JSON.parse(io.out()));
    expect(formatConformanceReport(report)).toBe(allPassedReport());
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('ml2ts_sim-'))).toEqual(before);
    expect(readdirSync(folder)).toEqual([]);
  }, 120_000);

  it('exits 1 with the password redacted when the server does not answer', async () => {
    const io = captureIo();
    const url = 'postgresql://postgres:secret-pw@127.0.0.1:1/postgres';
    const file = join(SCENARIOS, 'ovs_vxlan_bind.json');
    expect(await simulateCommand(['--database', url, file], io)).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('Cannot open database postgresql://postgres:***@127.0.0.1:1/');
    expect(io.err()).not.toContain('secret-pw');
  });

  it('refuses an unknown scheme as a failure of the command', async () => {
    const io = captureIo();
    const file = join(SCENARIOS, 'ovs_vxlan_bind.json');
    expect(await simulateCommand(['--database', 'oracle://u:pw@h/db', file], io)).toBe(1);
    expect(io.err()).toContain('unknown scheme "oracle"');
    expect(io.err()).not.toContain(':pw@');
  });
});

describeEachDatabase(
  'ml2ts simulate --database on $label',
  (kind) => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await kind.create();
    });
    afterEach(async () => {
      await database.remove();
    });

    it('passes every conformance sample, each in a scratch database dropped afterwards', async () => {
      const before = await look(database);
      const io = captureIo();
      expect(await simulateCommand(['--database', database.url, SCENARIOS], io)).toBe(0);
      expect(io.err()).toBe('');
      const report = compareScenarioResults(recordedResults(), JSON.parse(io.out()));
      expect(formatConformanceReport(report)).toBe(allPassedReport());
      // The database of the URL is only connected to; the scratch databases are gone.
      expect(await look(database)).toEqual({ tables: [], scratch: before.scratch });
    }, 300_000);

    it('drops the scratch database of a scenario that cannot run', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'ml2ts-simulate-'));
      try {
        const file = join(folder, 'unknown_driver.json');
        writeFileSync(file, JSON.stringify({ config: { mechanism_drivers: ['nope'] } }));
        const before = await look(database);
        const io = captureIo();
        expect(await simulateCommand(['--database', database.url, file], io)).toBe(1);
        expect(io.err()).toContain(`${file}: Unknown mechanism driver "nope"`);
        expect(await look(database)).toEqual(before);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  },
  [POSTGRESQL, MARIADB],
);
