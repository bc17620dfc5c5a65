import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '@ml2ts/core';
import { ShiftedClock } from '@ml2ts/driver-api';
import { captureIo } from '../test-support/capture-io';
import { agentsCommand, formatAge } from './agents';

let folder: string;
let database: string;

/** host1's OVS agent reported just now; host2's Linux bridge agent 300 s ago. */
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'ml2ts-agents-'));
  database = join(folder, 'ml2ts.sqlite');
  const clock = new ShiftedClock();
  const engine = await createEngine({ database, clock });
  const report = (agentType: string, host: string) =>
    engine.plugin.rpc.reportState({ agent_type: agentType, binary: 'b', host, topic: 'N/A' });
  await report('Open vSwitch agent', 'host1');
  await clock.inThePast(300, () => report('Linux bridge agent', 'host2'));
  await engine.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('ml2ts agents', () => {
  it('lists the agents alive or dead with their heartbeat age', async () => {
    const io = captureIo();
    expect(await agentsCommand(['--database', database], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^HOST {3}TYPE {16}STATE {2}HEARTBEAT {2}ADMIN {2}ID$/);
    expect(lines[1]).toMatch(
      /^host1 {2}Open vSwitch agent {2}alive {2}[01] s ago {4}up {5}\S{36}$/,
    );
    expect(lines[2]).toMatch(/^host2 {2}Linux bridge agent {2}dead {3}5 min ago {2}up {5}\S{36}$/);
    expect(lines[3]).toBe('(dead: no heartbeat for more than agent_down_time, 75 s)');
  });

  it('prints JSON with --json', async () => {
    const io = captureIo();
    expect(await agentsCommand(['--json', `--database=${database}`], io)).toBe(0);
    const agents = JSON.parse(io.out());
    expect(agents).toHaveLength(2);
    expect(agents[1]).toMatchObject({
      host: 'host2',
      agent_type: 'Linux bridge agent',
      alive: false,
      admin_state_up: true,
    });
    expect(agents[1].heartbeat_age_seconds).toBeGreaterThanOrEqual(300);
    expect(Date.parse(agents[1].heartbeat_timestamp)).not.toBeNaN();
  });

  it("judges liveness with the configuration's agent_down_time", async () => {
    const config = join(folder, 'config.json');
    writeFileSync(config, JSON.stringify({ DEFAULT: { agent_down_time: 600 } }));
    const io = captureIo();
    expect(await agentsCommand(['--database', database, '--config', config], io)).toBe(0);
    expect(io.out()).toMatch(/host2 {2}Linux bridge agent {2}alive/);
    expect(io.out()).toContain('agent_down_time, 600 s');
  });

  it('says when no agent reported, and fails without a database', async () => {
    const empty = join(folder, 'empty.sqlite');
    await (await createEngine({ database: empty })).close();
    const io = captureIo();
    expect(await agentsCommand(['--database', empty], io)).toBe(0);
    expect(io.out()).toBe('No agent has reported to this server.\n');
    const missing = captureIo();
    expect(await agentsCommand(['--database', join(folder, 'nope.sqlite')], missing)).toBe(1);
    expect(missing.err()).toContain('there is no database at');
  });

  it('formats ages in the largest unit that fits twice', () => {
    expect([0.4, 119.9, 120, 7_199, 7_200, 172_799, 172_800].map(formatAge)).toEqual([
      '0 s',
      '119 s',
      '2 min',
      '119 min',
      '2 h',
      '47 h',
      '2 d',
    ]);
  });
});
