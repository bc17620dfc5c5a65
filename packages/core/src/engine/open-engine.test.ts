import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEngine } from './create-engine';
import { openEngine } from './open-engine';

const SERVER_OVERRIDES = {
  ml2: { tenant_network_types: ['vlan'] },
  ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:102'] },
};

function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Every row of every ml2ts table, to compare a database before and after. */
function dump(path: string): Record<string, unknown[]> {
  const connection = new Database(path, { readonly: true });
  try {
    const tables = connection
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, connection.prepare(`SELECT * FROM "${name}"`).all()]),
    );
  } finally {
    connection.close();
  }
}

describe('openEngine', () => {
  let folder: string;
  let database: string;
  let portId: string;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ml2ts-open-engine-'));
    database = join(folder, 'ml2ts.sqlite');
    const server = await createEngine({
      database,
      overrides: SERVER_OVERRIDES,
      rebindInterruptedPorts: false,
    });
    const network = await server.plugin.createNetwork({
      'provider:network_type': 'vlan',
      'provider:physical_network': 'physnet1',
      'provider:segmentation_id': 100,
    });
    portId = (await server.plugin.createPort({ network_id: network.id, 'binding:host_id': 'h1' }))
      .id;
    await server.close();
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reads without migrating or synchronising allocations: nothing changes', async () => {
    const rowsBefore = dump(database);
    const bytesBefore = digest(database);

    // The default configuration has no VLAN range: a start would have to reconcile allocations.
    const engine = await openEngine({ database });
    try {
      const port = await engine.plugin.getPort(portId);
      expect(port['binding:host_id']).toBe('h1');
      expect(await engine.interruptedBindings).toBe(0);
      expect((await engine.plugin.listNetworks())[0]['provider:segmentation_id']).toBe(100);
    } finally {
      await engine.close();
    }

    expect(dump(database)).toEqual(rowsBefore);
    expect(digest(database)).toBe(bytesBefore);
  });

  it('refuses writes and leaves nothing behind', async () => {
    const rowsBefore = dump(database);
    const engine = await openEngine({ database });
    try {
      await expect(engine.plugin.createNetwork({})).rejects.toThrow();
      await expect(engine.plugin.deletePort(portId)).rejects.toThrow();
      expect((await engine.plugin.getPort(portId)).status).toBe('DOWN');
    } finally {
      await engine.close();
    }
    expect(dump(database)).toEqual(rowsBefore);
  });

  it('uses the configuration it is given for what reading needs', async () => {
    const engine = await openEngine({
      database,
      overrides: { DEFAULT: { agent_down_time: 600 } },
    });
    try {
      expect(engine.configuration.DEFAULT.agent_down_time).toBe(600);
      expect((await engine.plugin.listPorts()).map((port) => port.id)).toEqual([portId]);
    } finally {
      await engine.close();
    }
  });
});
