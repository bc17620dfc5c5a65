import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { createDataSource, formatDatabaseUrl } from '@ml2ts/store';
import { describeEachDatabase, SERVER_KINDS, type TestDatabase } from '@ml2ts/store/test-support';
import { captureIo } from '../test-support/capture-io';
import { demoCommand } from './demo';
import { migrateCommand } from './migrate';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'ml2ts-demo-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** The timeline of one VM: its step names and times, from the demo's output. */
function timelineOf(output: string, vm: string): Array<{ ms: number; step: string }> {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`   ${vm} on `));
  expect(start).toBeGreaterThanOrEqual(0);
  const steps: Array<{ ms: number; step: string }> = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const match = /^ {5}\+\s*([\d.]+) ms {2}(\S+(?: \S+)*?)? {2,}/.exec(line);
    if (match) steps.push({ ms: Number(match[1]), step: match[2] ?? '' });
  }
  return steps;
}

const OVS_STEPS = [
  'created',
  'bound',
  'plugged',
  'seen by agent',
  'wired',
  'ACTIVE',
  'vif-plugged',
];
const CLASSIC_STEPS = [
  'created',
  'bound',
  'plugged',
  'seen by agent',
  'BUILD',
  'wired',
  'ACTIVE',
  'vif-plugged',
];

describe('ml2ts demo', () => {
  it('boots the VMs, prints each port timeline in order, then why the doomed boot failed', async () => {
    const database = join(folder, 'demo.sqlite');
    writeFileSync(database, 'an old file that a fresh run replaces');
    const io = captureIo();
    expect(await demoCommand(['--database', database], io)).toBe(0);
    expect(io.err()).toBe('');
    const output = io.out();

    expect(output).toContain(`Database ${database} (fresh)`);
    expect(output).toMatch(/compute-1 {2}Open vSwitch agent +firewall iptables_hybrid/);
    expect(output).toMatch(/compute-2 {2}Linux bridge agent/);
    expect(output).toMatch(/compute-3 {2}NIC Switch agent +device_mappings physnet1 → ens2f0/);
    expect(output).toMatch(/demo-vxlan {2}vxlan 1\d\d\d, subnet 10\.10\.0\.0\/24/);
    expect(output).toMatch(/demo-vlan {3}vlan 1\d\d on physnet1/);

    const expected: Record<string, string[]> = {
      'web-1': OVS_STEPS,
      'web-2': OVS_STEPS,
      'db-1': CLASSIC_STEPS,
      'cache-1': CLASSIC_STEPS,
      'nfv-1': CLASSIC_STEPS,
    };
    for (const [vm, steps] of Object.entries(expected)) {
      const timeline = timelineOf(output, vm);
      const named = timeline
        .map((entry) => entry.step)
        .filter((step) => CLASSIC_STEPS.includes(step));
      expect({ vm, steps: named }).toEqual({ vm, steps });
      const times = timeline.map((entry) => entry.ms);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(output).toMatch(/bound +level 0 openvswitch on vxlan \d+ → vif_type ovs/);
    expect(output).toContain('ovs_hybrid_plug=true');
    expect(output).toMatch(/bound +level 0 linuxbridge on vlan \d+ \(physnet1\) → vif_type bridge/);
    expect(output).toMatch(
      /bound +level 0 sriovnicswitch on vlan \d+ \(physnet1\) → vif_type hw_veb/,
    );
    expect(output).toMatch(/wired +local VLAN 1 for vxlan \d+/);
    expect(output).toMatch(/wired +local VLAN 2 for vlan \d+ on physnet1/);
    expect(output).toMatch(/wired +into brq\S+ with uplink eth1\.\d+, tap up/);
    expect(output).toMatch(/wired +VF 0000:81:00\.1 on VLAN \d+, link enable/);

    expect(output).toContain('4. A VM sent to compute-4, whose agent is dead');
    expect(output).toContain('the boot stopped: binding failed');
    expect(output).toMatch(
      /agent \S+ is dead: its last heartbeat was 3\d\d s ago, more than agent_down_time \(75 s\)/,
    );
    expect(output).toContain("no Linux bridge agent is registered on host 'compute-4'");
    expect(output).toContain('5 VMs booted (5 ports ACTIVE); 1 boot refused');
    expect(output).toContain(`npx ml2ts agents --database ${database}`);
  });

  it('keeps the earlier contents with --keep and runs again', async () => {
    const database = join(folder, 'kept.sqlite');
    expect(await demoCommand(['--database', database], captureIo())).toBe(0);
    const second = captureIo();
    expect(await demoCommand(['--database', database, '--keep'], second)).toBe(0);
    expect(second.out()).toContain(`Database ${database} (kept from earlier runs)`);
    expect(second.out()).toContain('5 VMs booted (5 ports ACTIVE)');
    expect(existsSync(database)).toBe(true);
  });

  it('refuses arguments and prints its help', async () => {
    const io = captureIo();
    expect(await runCli(['demo', 'now'], io)).toBe(2);
    expect(io.err()).toContain("demo takes no arguments (got 'now')");
    const help = captureIo();
    expect(await runCli(['demo', '--help'], help)).toBe(0);
    expect(help.out()).toContain('Usage: ml2ts demo [--database URL] [--keep]');
  });
});

describeEachDatabase(
  'ml2ts demo --database on $label',
  (kind) => {
    let server: TestDatabase;
    beforeEach(async () => {
      server = await kind.create();
    });
    afterEach(async () => {
      await server.remove();
    });

    it('runs on an empty database, then refuses it without --keep and runs again with it', async () => {
      const shown = formatDatabaseUrl(server.parsed);
      // ml2ts's schema without rows counts as empty.
      expect(await migrateCommand(['--database', server.url], captureIo())).toBe(0);
      const first = captureIo();
      expect(await demoCommand(['--database', server.url], first)).toBe(0);
      expect(first.err()).toBe('');
      expect(first.out()).toContain(`Database ${shown} (fresh)`);
      expect(first.out()).toContain('5 VMs booted (5 ports ACTIVE); 1 boot refused');
      expect(first.out()).toContain(`npx ml2ts agents --database ${shown}`);

      const refused = captureIo();
      expect(await demoCommand(['--database', server.url], refused)).toBe(1);
      expect(refused.out()).toBe('');
      expect(refused.err()).toMatch(
        /^ml2ts demo: Database \S+ is not empty: it already holds ml2ts data \(agents: 4 rows, .* and \d+ more\)\. .*add --keep/,
      );

      const kept = captureIo();
      expect(await demoCommand(['--database', server.url, '--keep'], kept)).toBe(0);
      expect(kept.out()).toContain(`Database ${shown} (kept from earlier runs)`);
      expect(kept.out()).toContain('5 VMs booted (5 ports ACTIVE)');
    }, 120_000);

    it("refuses a database holding another application's tables, writing nothing", async () => {
      const dataSource = createDataSource({ url: server.url });
      await dataSource.initialize();
      try {
        await dataSource.query('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
        const io = captureIo();
        expect(await demoCommand(['--database', server.url], io)).toBe(1);
        expect(io.err()).toContain("is not empty: it holds tables that are not ml2ts's (invoices)");
        const tables = (await dataSource.query(
          dataSource.options.type === 'postgres'
            ? 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()'
            : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
        )) as { name: string }[];
        expect(tables.map((table) => table.name)).toEqual(['invoices']);
      } finally {
        await dataSource.destroy();
      }
    });
  },
  SERVER_KINDS,
);
