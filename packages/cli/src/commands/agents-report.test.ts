import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { captureIo, type CapturedIo } from '../test-support/capture-io';
import { agentsCommand } from './agents';
import { AgentsReportError } from './agents-report-error';

/** Two agent states in the shape agents send them: OVS on compute-1, Linux bridge on compute-2. */
const AGENTS_FILE = join(__dirname, '..', 'test-support', 'agents.json');

let folder: string;
let database: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'ml2ts-agents-report-'));
  database = join(folder, 'ml2ts.sqlite');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** The agents of `database` as `ml2ts agents --json` prints them. */
async function listedAgents(): Promise<Array<Record<string, unknown>>> {
  const io = captureIo();
  expect(await agentsCommand(['--database', database, '--json'], io)).toBe(0);
  return JSON.parse(io.out()) as Array<Record<string, unknown>>;
}

/** A file in the test folder holding `content` (JSON unless a string). */
function fileWith(name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Resolves once `io` has printed `lines` lines to stdout. */
async function printed(io: CapturedIo, lines: number): Promise<void> {
  while (io.out().split('\n').length - 1 < lines) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const OVS = { agent_type: 'Open vSwitch agent', binary: 'b', host: 'h1', topic: 'N/A' };

describe('ml2ts agents report', () => {
  it('registers the agents of the file, which are alive afterwards', async () => {
    const io = captureIo();
    expect(await agentsCommand(['report', AGENTS_FILE, '--database', database], io)).toBe(0);
    expect(io.out()).toBe(
      'Open vSwitch agent on compute-1: new\nLinux bridge agent on compute-2: new\n',
    );
    expect(io.err()).toBe('');

    const agents = await listedAgents();
    expect(agents).toEqual([
      expect.objectContaining({
        host: 'compute-1',
        agent_type: 'Open vSwitch agent',
        binary: 'neutron-openvswitch-agent',
        alive: true,
      }),
      expect.objectContaining({ host: 'compute-2', agent_type: 'Linux bridge agent', alive: true }),
    ]);
    expect(agents[0].configurations).toMatchObject({
      bridge_mappings: { physnet1: 'br-eth1', physnet2: 'br-eth2' },
      tunnel_types: ['vxlan'],
    });

    const again = captureIo();
    expect(await agentsCommand(['report', AGENTS_FILE, `--database=${database}`], again)).toBe(0);
    expect(again.out()).toBe(
      'Open vSwitch agent on compute-1: alive\nLinux bridge agent on compute-2: alive\n',
    );
  });

  it('takes a list, or an object whose "agents" key holds it', async () => {
    const wrapped = fileWith('wrapped.json', { agents: [OVS] });
    const io = captureIo();
    expect(await agentsCommand(['report', wrapped, '--database', database], io)).toBe(0);
    expect(io.out()).toBe('Open vSwitch agent on h1: new\n');
  });

  it('reports every N seconds until stopped, sending start_flag with the first round only', async () => {
    const io = captureIo();
    const stop = new AbortController();
    const command = agentsCommand(
      ['report', AGENTS_FILE, '--database', database, '--every', '0.05'],
      io,
      { signal: stop.signal },
    );
    await printed(io, 6);
    stop.abort();
    expect(await command).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines.length % 2).toBe(0);
    expect(lines.slice(0, 4)).toEqual([
      'Open vSwitch agent on compute-1: new',
      'Linux bridge agent on compute-2: new',
      'Open vSwitch agent on compute-1: alive',
      'Linux bridge agent on compute-2: alive',
    ]);
    const [ovs] = await listedAgents();
    // The heartbeat moved on; started_at stayed at the first report.
    expect(Date.parse(ovs.heartbeat_timestamp as string)).toBeGreaterThan(
      Date.parse(ovs.started_at as string),
    );
  });

  it('ends --every on SIGTERM, and removes its signal handlers', async () => {
    const before = new Set(process.listeners('SIGTERM'));
    const interruptsBefore = process.listenerCount('SIGINT');
    const io = captureIo();
    const command = agentsCommand(
      ['report', AGENTS_FILE, '--database', database, '--every', '0.05'],
      io,
    );
    await printed(io, 2);
    const handlers = process.listeners('SIGTERM').filter((listener) => !before.has(listener));
    expect(handlers).toHaveLength(1);
    (handlers[0] as () => void)();
    expect(await command).toBe(0);
    expect(process.listeners('SIGTERM').filter((listener) => !before.has(listener))).toEqual([]);
    expect(process.listenerCount('SIGINT')).toBe(interruptsBefore);
  });

  it('refuses an unusable file before opening the database', async () => {
    const cases: Array<[string, string | RegExp]> = [
      [join(folder, 'missing.json'), /missing\.json: cannot be read \(ENOENT.*give the path/],
      [fileWith('bad.json', '[{"host": '), 'bad.json: is not JSON ('],
      [fileWith('object.json', { agent_type: 'x' }), 'must hold a JSON list of agent states'],
      [fileWith('empty.json', []), 'lists no agent: add at least one agent state'],
      [fileWith('number.json', [OVS, 42]), 'entry 2: must be an agent state object'],
      [
        fileWith('hostless.json', [{ ...OVS, host: '' }]),
        'entry 1: needs "host" as a non-empty string (got ""); every agent state has agent_type, binary, host, topic',
      ],
    ];
    for (const [file, message] of cases) {
      const error = await agentsCommand(['report', file, '--database', database], captureIo()).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(AgentsReportError);
      expect((error as Error).message).toMatch(message);
    }
    expect(() => readFileSync(database)).toThrow('ENOENT');
  });

  it('stops at an agent state the engine refuses, naming the entry', async () => {
    const file = fileWith('refused.json', [
      OVS,
      { ...OVS, host: 'h2', colour: 'blue' },
      { ...OVS, host: 'h3' },
    ]);
    const io = captureIo();
    const error = await agentsCommand(['report', file, '--database', database], io).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AgentsReportError);
    expect(error).toMatchObject({ file, entry: 2 });
    expect((error as Error).message).toMatch(
      /refused\.json, entry 2: the server refuses the Open vSwitch agent on h2: .*colour.* Fix the entry and report again \(the 1 before it was reported\)\.$/,
    );
    expect(io.out()).toBe('Open vSwitch agent on h1: new\n');
    expect((await listedAgents()).map((agent) => agent.host)).toEqual(['h1']);
  });

  it('exits 2 for a wrong command line or file, with the usage hint', async () => {
    const run = async (...argv: string[]) => {
      const io = captureIo();
      const code = await runCli(argv, io);
      return { code, err: io.err() };
    };
    expect(await run('agents', 'report', AGENTS_FILE)).toEqual({
      code: 2,
      err:
        'ml2ts agents: agents report needs --database URL: the database of the server the ' +
        "agents report to\nRun 'ml2ts agents --help' for usage.\n",
    });
    expect(await run('agents', 'report', '--database', database)).toMatchObject({
      code: 2,
      err: expect.stringContaining('agents report takes one FILE'),
    });
    for (const every of ['0', '-1', 'soon', '1e3']) {
      expect(
        await run('agents', 'report', AGENTS_FILE, '--database', database, '--every', every),
      ).toMatchObject({
        code: 2,
        err: expect.stringContaining('--every needs a number of seconds > 0'),
      });
    }
    expect(
      await run('agents', 'report', join(folder, 'none.json'), '--database', database),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('none.json: cannot be read'),
    });
    expect(await run('agents', 'status')).toMatchObject({
      code: 2,
      err: expect.stringContaining("unknown agents subcommand 'status'"),
    });
  });

  it('exits 1 when the database or the configuration fails, never printing a password', async () => {
    const io = captureIo();
    const url = 'mysql://root:secret-pw@127.0.0.1:1/test';
    expect(await agentsCommand(['report', AGENTS_FILE, '--database', url], io)).toBe(1);
    expect(io.err()).toMatch(
      /^ml2ts agents report: Cannot open database mysql:\/\/root:\*\*\*@127/,
    );
    expect(io.err()).not.toContain('secret-pw');

    const config = fileWith('config.json', { ml2: { path_mtu: -1 } });
    const bad = captureIo();
    expect(
      await agentsCommand(['report', AGENTS_FILE, '--database', database, '--config', config], bad),
    ).toBe(1);
    expect(bad.err()).toContain('ml2.path_mtu');
  });

  it('uses the configuration given with --config', async () => {
    const config = fileWith('config.json', { DEFAULT: { enable_new_agents: false } });
    copyFileSync(AGENTS_FILE, join(folder, 'agents.json'));
    const io = captureIo();
    expect(
      await agentsCommand(
        ['report', join(folder, 'agents.json'), '--database', database, '--config', config],
        io,
      ),
    ).toBe(0);
    expect((await listedAgents()).map((agent) => agent.admin_state_up)).toEqual([false, false]);
  });

  it('prints its help', async () => {
    const io = captureIo();
    expect(await agentsCommand(['report', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/^Usage: ml2ts agents report FILE --database URL \[--every N\]/);
    const main = captureIo();
    expect(await agentsCommand(['--help'], main)).toBe(0);
    expect(main.out()).toContain('ml2ts agents report FILE --database URL');
  });
});
