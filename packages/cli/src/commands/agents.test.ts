import Database from 'better-sqlite3';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '@ml2ts/core';
import { ShiftedClock } from '@ml2ts/driver-api';
import { createDataSource } from '@ml2ts/store';
import {
  describeEachDatabase,
  SERVER_KINDS,
  tableNames,
  type TestDatabase,
} from '@ml2ts/store/test-support';
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
    expect(missing.err()).toContain('There is no database at');
  });

  it('reads a read-only file, writing nothing to it', async () => {
    const before = readFileSync(database);
    chmodSync(database, 0o444);
    try {
      const io = captureIo();
      expect(await agentsCommand(['--database', database], io)).toBe(0);
      expect(io.out()).toMatch(/^host1 /m);
    } finally {
      chmodSync(database, 0o644);
    }
    expect(readFileSync(database).equals(before)).toBe(true);
  });

  it("refuses another application's SQLite file and leaves it byte-identical", async () => {
    const foreign = join(folder, 'foreign.sqlite');
    const connection = new Database(foreign);
    connection.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    connection.close();
    const before = readFileSync(foreign);
    const io = captureIo();
    expect(await agentsCommand(['--database', foreign], io)).toBe(1);
    expect(io.err()).toContain('is not an ml2ts database');
    expect(readFileSync(foreign).equals(before)).toBe(true);
    expect(readdirSync(folder).filter((name) => name.startsWith('foreign'))).toEqual([
      'foreign.sqlite',
    ]);
  });

  it('leaves VLAN allocations alone when run without the server configuration', async () => {
    // The server allocates from physnet1:100:102 and holds VLAN 100; `ml2ts agents` runs with
    // the default configuration, where no VLAN range is configured at all.
    const file = join(folder, 'vlans.sqlite');
    const overrides = {
      ml2: { tenant_network_types: ['vlan'] },
      ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:102'] },
    };
    const server = await createEngine({ database: file, overrides });
    await server.plugin.createNetwork({
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': 100,
    });
    await server.close();

    expect(await agentsCommand(['--database', file], captureIo())).toBe(0);

    const restarted = await createEngine({ database: file, overrides });
    try {
      const vlans: unknown[] = [];
      for (let index = 0; index < 2; index += 1) {
        const network = await restarted.plugin.createNetwork({});
        vlans.push(network['provider:segmentation_id']);
      }
      expect(vlans.sort()).toEqual([101, 102]);
    } finally {
      await restarted.close();
    }
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

describeEachDatabase(
  'ml2ts agents --database on $label',
  (kind) => {
    let server: TestDatabase;
    beforeEach(async () => {
      server = await kind.create();
    });
    afterEach(async () => {
      await server.remove();
    });

    /** The tables of the server database, after running `statements` on it. */
    async function tablesAfter(...statements: string[]): Promise<string[]> {
      const dataSource = createDataSource({ url: server.url });
      await dataSource.initialize();
      try {
        for (const statement of statements) await dataSource.query(statement);
        return await tableNames(dataSource);
      } finally {
        await dataSource.destroy();
      }
    }

    it('lists the agents of a server database, read through read-only sessions', async () => {
      const clock = new ShiftedClock();
      const engine = await createEngine({ database: server.url, clock });
      await engine.plugin.rpc.reportState({
        agent_type: 'Open vSwitch agent',
        binary: 'b',
        host: 'host1',
        topic: 'N/A',
      });
      await engine.close();

      const io = captureIo();
      expect(await agentsCommand(['--database', server.url, '--json'], io)).toBe(0);
      expect(io.err()).toBe('');
      expect(JSON.parse(io.out())).toEqual([
        expect.objectContaining({ host: 'host1', agent_type: 'Open vSwitch agent', alive: true }),
      ]);
    });

    it("refuses another application's database and creates nothing in it", async () => {
      expect(await tablesAfter('CREATE TABLE invoices (id INTEGER PRIMARY KEY)')).toEqual([
        'invoices',
      ]);
      const io = captureIo();
      expect(await agentsCommand(['--database', server.url], io)).toBe(1);
      expect(io.err()).toContain('is not an ml2ts database');
      expect(await tablesAfter()).toEqual(['invoices']);
    });
  },
  SERVER_KINDS,
);

describe('ml2ts agents --database on a server that does not answer', () => {
  it('exits 1, naming the database without its password', async () => {
    const io = captureIo();
    const url = 'mysql://root:secret-pw@127.0.0.1:1/test';
    expect(await agentsCommand(['--database', url], io)).toBe(1);
    expect(io.err()).toContain('Cannot open database mysql://root:***@127.0.0.1:1/test');
    expect(io.err()).not.toContain('secret-pw');
  });
});
