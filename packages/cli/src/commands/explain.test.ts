import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '@ml2ts/core';
import { runCli } from '../run-cli';
import { describeEachDatabase, SERVER_KINDS, type TestDatabase } from '@ml2ts/store/test-support';
import { captureIo } from '../test-support/capture-io';
import { explainCommand } from './explain';

let folder: string;
let database: string;
const ids = {
  bound: 'a1a1a1a1-0000-4000-8000-000000000001',
  failed: 'b2b2b2b2-0000-4000-8000-000000000002',
  hostless: 'b2b2b2b2-0000-4000-8000-000000000003',
};

/** A database with a port bound on host1, one that failed on host2, one without a host. */
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'ml2ts-explain-'));
  database = join(folder, 'ml2ts.sqlite');
  const engine = await createEngine({
    database,
    overrides: {
      ml2: { mechanism_drivers: ['openvswitch'], tenant_network_types: ['vxlan'] },
      ml2_type_vxlan: { vni_ranges: ['700:700'] },
    },
  });
  await engine.plugin.rpc.reportState({
    agent_type: 'Open vSwitch agent',
    binary: 'neutron-openvswitch-agent',
    host: 'host1',
    topic: 'N/A',
    configurations: { tunnel_types: ['vxlan'] },
  });
  const network = await engine.plugin.createNetwork({});
  await engine.plugin.createPort({
    id: ids.bound,
    network_id: network.id,
    'binding:host_id': 'host1',
  });
  await engine.plugin.createPort({
    id: ids.failed,
    network_id: network.id,
    'binding:host_id': 'host2',
  });
  await engine.plugin.createPort({ id: ids.hostless, network_id: network.id });
  await engine.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function explain(...argv: string[]) {
  const io = captureIo();
  const code = await explainCommand([...argv, '--database', database], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('ml2ts explain', () => {
  it('explains a failed binding in sentences that say what to do', async () => {
    const { code, stdout, stderr } = await explain(ids.failed);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Port ${ids.failed}: DOWN, host host2, vif_type binding_failed`);
    expect(lines[1]).toMatch(/^Last binding run \d{4}-\d\d-\d\dT[\d:.]+Z: failed\.$/);
    expect(lines.slice(2)).toEqual([
      `Port ${ids.failed} on host 'host2' (vnic_type normal) failed to bind (vif_type binding_failed).`,
      '  level 0, driver openvswitch: declined vxlan 700:',
      "    - no Open vSwitch agent is registered on host 'host2'; start the agent there, and check that its host name equals binding:host_id exactly.",
    ]);
  });

  it('explains a bound port, found by the start of its id', async () => {
    const { code, stdout } = await explain('a1a1a1a1');
    expect(code).toBe(0);
    expect(stdout).toContain(`Port ${ids.bound}: DOWN, host host1, vif_type ovs\n`);
    expect(stdout).toContain('  level 0, driver openvswitch: bound vxlan 700 with vif_type ovs.');
  });

  it('prints the raw trace with --json', async () => {
    const { code, stdout } = await explain(ids.failed, '--json');
    expect(code).toBe(0);
    const trace = JSON.parse(stdout);
    expect(trace).toMatchObject({ portId: ids.failed, host: 'host2', outcome: 'failed' });
    expect(trace.attempts.at(-1).entries[0].reasons[0]).toMatchObject({
      code: 'no_agent_on_host',
    });
  });

  it('says when a port was never bound', async () => {
    const { code, stdout } = await explain(ids.hostless);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `Port ${ids.hostless}: DOWN, no host, vif_type unbound\nIt has no binding trace: it was never bound (it never had a binding:host_id).\n`,
    );
    expect((await explain(ids.hostless, '--json')).stdout).toBe('null\n');
  });

  it('fails for an unknown or ambiguous port, and for a missing database', async () => {
    expect(await explain('c3')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ml2ts explain: no port c3 in the database\n',
    });
    const ambiguous = await explain('b2b2');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain(`'b2b2' starts 2 port ids: `);
    const missing = join(folder, 'missing.sqlite');
    const io = captureIo();
    expect(await explainCommand([ids.bound, '--database', missing], io)).toBe(1);
    expect(io.err()).toBe(
      `ml2ts explain: There is no database at ${missing} (give the right one with --database).\n`,
    );
    expect(existsSync(missing)).toBe(false);
  });

  it('wants exactly one port', async () => {
    const io = captureIo();
    expect(await runCli(['explain', '--database', database], io)).toBe(2);
    expect(io.err()).toContain('explain takes one port id');
  });
});

describeEachDatabase(
  'ml2ts explain --database on $label',
  (kind) => {
    let server: TestDatabase;
    beforeAll(async () => {
      server = await kind.create();
      const engine = await createEngine({
        database: server.url,
        overrides: {
          ml2: { mechanism_drivers: ['openvswitch'], tenant_network_types: ['vxlan'] },
          ml2_type_vxlan: { vni_ranges: ['700:700'] },
        },
      });
      const network = await engine.plugin.createNetwork({});
      await engine.plugin.createPort({
        id: ids.failed,
        network_id: network.id,
        'binding:host_id': 'host2',
      });
      await engine.close();
    });
    afterAll(async () => {
      await server.remove();
    });

    it('explains a failed binding read from the server database', async () => {
      const io = captureIo();
      expect(await explainCommand([ids.failed.slice(0, 8), '--database', server.url], io)).toBe(0);
      expect(io.err()).toBe('');
      expect(io.out()).toContain(`Port ${ids.failed}: DOWN, host host2, vif_type binding_failed`);
    });

    it('says when the port is not there', async () => {
      const io = captureIo();
      expect(await explainCommand(['ffff', '--database', server.url], io)).toBe(1);
      expect(io.err()).toContain('no port ffff in the database');
    });
  },
  SERVER_KINDS,
);
