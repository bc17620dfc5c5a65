import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Ml2Configuration, silentLogger } from '@ml2ts/driver-api';
import { TorMechanismDriver } from '@ml2ts/mech-tor';
import { runMechanismDriverContract } from './mechanism-driver-contract';
import { describeMechanismDriverContract } from './describe-mechanism-driver-contract';

const REPOSITORY = join(__dirname, '../../../..');

describe('the contract suite on other test runners', () => {
  it('runs under node:test with the runner passed in, every check passing', () => {
    const built = ['packages/testkit', 'plugins/tor', 'packages/driver-api'].map((dir) =>
      join(REPOSITORY, dir, 'dist/index.js'),
    );
    const missing = built.filter((file) => !existsSync(file));
    // node:test loads the built packages, as a driver author's project would.
    expect(missing).toEqual([]);
    const run = spawnSync(
      process.execPath,
      ['--test', join(__dirname, 'test-support/tor-contract.node-test.cjs')],
      { cwd: REPOSITORY, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.stdout).toMatch(/^# fail 0$/m);
    const passed = Number(/^# pass (\d+)$/m.exec(run.stdout)?.[1] ?? 0);
    expect(run.stdout).toContain('mechanism driver contract: tor');
    expect(passed).toBeGreaterThan(20);
    expect(run.status).toBe(0);
  });

  it('registers through the runner it is given, one test per check the suite runs', async () => {
    const registered: string[] = [];
    const runner = {
      describe: (name: string, body: () => void) => {
        registered.push(`describe ${name}`);
        body();
      },
      it: (name: string) => {
        registered.push(`it ${name}`);
      },
    };
    const options = {
      createDriver: (configuration: Ml2Configuration) =>
        new TorMechanismDriver(configuration, silentLogger),
      packageDir: join(REPOSITORY, 'plugins/tor'),
      runner,
    };
    describeMechanismDriverContract(options);
    expect(registered[0]).toBe('describe mechanism driver contract: tor');
    const checks = registered.filter((line) => line.startsWith('it '));
    const reports = await runMechanismDriverContract(options);
    expect(checks.length).toBe(
      reports.reduce((sum, report) => sum + report.passed.length + report.failures.length, 0),
    );
  });
});
