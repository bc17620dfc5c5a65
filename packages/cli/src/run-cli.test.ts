import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo, ExitCode } from './cli-io';
import { runCli } from './run-cli';

/** Runs the CLI in-process and captures what it writes. */
async function run(...argv: string[]): Promise<{ code: ExitCode; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** A scenario with one OVS agent and one bound port. */
const SCENARIO = {
  config: {
    mechanism_drivers: ['openvswitch'],
    tenant_network_types: ['vxlan'],
    vni_ranges: ['5:5'],
  },
  agents: [
    { name: 'ovs1', agent_type: 'ovs', host: 'h1', configurations: { tunnel_types: ['vxlan'] } },
  ],
  networks: [{ name: 'net1' }],
  ports: [{ name: 'p1', network: 'net1', host: 'h1' }],
  steps: [{ op: 'get_device_details', port: 'p1', host: 'h1' }],
};

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'ml2ts-cli-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('ml2ts', () => {
  it('prints the help with --help and exits 0', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('simulate SCENARIO.json|DIR');
    expect(stdout).toContain('migrate [--database URL]');
  });

  it('exits 2 with the usage on stderr without a command or with an unknown one', async () => {
    expect(await run()).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('Usage'),
    });
    expect(await run('deploy')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown command 'deploy'"),
    });
  });

  it('exits 2 for a wrong command line of a command', async () => {
    expect(await run('simulate')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('one scenario'),
    });
    expect(await run('simulate', 'a.json', 'b.json')).toMatchObject({ code: 2 });
    expect(await run('migrate', '--verbose')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown option '--verbose'"),
    });
  });

  it('prints the help of a command', async () => {
    expect(await run('simulate', '--help')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Exit status'),
    });
    expect(await run('migrate', '-h')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('--database URL'),
    });
  });
});

describe('ml2ts simulate', () => {
  it('prints one result for a file, as indented JSON', async () => {
    const file = join(folder, 'one_port.json');
    writeFileSync(file, JSON.stringify(SCENARIO));
    const { code, stdout, stderr } = await run('simulate', file);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^\{\n {2}"name": "one_port",\n/);
    const result = JSON.parse(stdout);
    expect(result.steps[0].result).toMatchObject({
      network_type: 'vxlan',
      segmentation_id: 5,
      has_details: true,
    });
  });

  it('prints the results of a directory by name, and still prints them when one fails', async () => {
    writeFileSync(join(folder, 'a.json'), JSON.stringify(SCENARIO));
    writeFileSync(join(folder, 'b.json'), JSON.stringify({ ...SCENARIO, name: 'bee' }));
    const good = await run('simulate', folder);
    expect(good.code).toBe(0);
    expect(Object.keys(JSON.parse(good.stdout))).toEqual(['a', 'bee']);

    writeFileSync(
      join(folder, 'c.json'),
      JSON.stringify({ ...SCENARIO, config: { mechanism_driver: [] } }),
    );
    const bad = await run('simulate', folder);
    expect(bad.code).toBe(1);
    expect(Object.keys(JSON.parse(bad.stdout))).toEqual(['a', 'bee']);
    expect(bad.stderr).toContain(`${join(folder, 'c.json')}: scenario key config.mechanism_driver`);
  });

  it('exits 1 for a path that does not exist or a scenario the engine cannot start', async () => {
    expect(await run('simulate', join(folder, 'missing.json'))).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining('cannot read'),
    });
    const file = join(folder, 'unknown_driver.json');
    writeFileSync(file, JSON.stringify({ ...SCENARIO, config: { mechanism_drivers: ['nope'] } }));
    expect(await run('simulate', file)).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining(`${file}: Unknown mechanism driver "nope"`),
    });
  });
});

describe('ml2ts migrate', () => {
  it('creates the database, lists the migrations it applied, then finds nothing to do', async () => {
    const database = join(folder, 'sub', 'ml2ts.sqlite');
    const first = await run('migrate', '--database', database);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(
      new RegExp(`^Database ${database}: applied \\d+ migrations?:\\n( {2}\\w+\\d{13}\\n)+$`),
    );
    expect(readFileSync(database).subarray(0, 15).toString()).toBe('SQLite format 3');

    const second = await run('migrate', `--database=${database}`);
    expect(second).toEqual({
      code: 0,
      stdout: `Database ${database} is up to date: no migration to apply.\n`,
      stderr: '',
    });
  });

  it('exits 1 when the database cannot be opened', async () => {
    const notADatabase = join(folder, 'text.sqlite');
    writeFileSync(notADatabase, 'this is not a database, just some text that is long enough');
    const { code, stderr } = await run('migrate', '--database', notADatabase);
    expect(code).toBe(1);
    expect(stderr).toContain(`ml2ts migrate: ${notADatabase}:`);
  });
});
