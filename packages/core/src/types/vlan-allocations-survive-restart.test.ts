import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VlanAllocation } from '@ml2ts/store';
import { createEngine, type Engine } from '../engine/create-engine';

/** An engine on `database` without mechanism drivers, tenant networks on VLAN. */
function startEngine(database: string, networkVlanRanges: string[]): Promise<Engine> {
  return createEngine({
    database,
    random: { nextInt: () => 0 },
    sleep: async () => undefined,
    rebindInterruptedPorts: false,
    overrides: {
      ml2: { mechanism_drivers: [], tenant_network_types: ['vlan'] },
      ml2_type_vlan: { network_vlan_ranges: networkVlanRanges },
    },
  });
}

/** Runs `work` on a fresh engine over `database` and closes it, also when `work` throws. */
async function withEngine<T>(
  database: string,
  networkVlanRanges: string[],
  work: (engine: Engine) => Promise<T>,
): Promise<T> {
  const engine = await startEngine(database, networkVlanRanges);
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

describe('VLAN allocations across restarts', () => {
  let folder: string;
  let database: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ml2ts-vlan-restart-'));
    database = join(folder, 'ml2ts.sqlite');
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('a start without VLAN ranges keeps allocated VLANs: none is handed out twice', async () => {
    const ranges = ['physnet1:100:102'];
    const provider = await withEngine(database, ranges, (engine) =>
      engine.plugin.createNetwork({
        name: 'provider',
        'provider:network_type': 'vlan',
        'provider:physical_network': 'physnet1',
        'provider:segmentation_id': 100,
      }),
    );
    expect(provider['provider:segmentation_id']).toBe(100);

    await withEngine(database, [], async () => undefined);

    const outcome = await withEngine(database, ranges, async (engine) => {
      const first = await engine.plugin.createNetwork({ name: 'tenant-1' });
      const second = await engine.plugin.createNetwork({ name: 'tenant-2' });
      const third = await engine.plugin.createNetwork({ name: 'tenant-3' }).then(
        () => 'created',
        (error: unknown) => (error as { type?: string }).type,
      );
      const rows = await engine.store.read((m) =>
        m.find(VlanAllocation, { order: { vlanId: 'ASC' } }),
      );
      return {
        vlans: [first, second].map((network) => network['provider:segmentation_id']),
        third,
        rows: rows.map((row) => `${row.physicalNetwork}:${row.vlanId}:${row.allocated}`),
      };
    });
    expect(outcome).toEqual({
      vlans: [101, 102],
      third: 'NoNetworkAvailable',
      rows: ['physnet1:100:true', 'physnet1:101:true', 'physnet1:102:true'],
    });
  });
});
