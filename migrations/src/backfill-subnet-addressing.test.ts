import { DataSource } from 'typeorm';
import { createDataSource } from '@ml2ts/store';
import {
  describeEachDatabase,
  MARIADB,
  POSTGRESQL,
  SQLITE_FILE,
  type TestDatabase,
} from '@ml2ts/store/test-support';
import { defaultAddressing } from './backfill-subnet-addressing';
import { migrationsFor } from './index';

const CREATED_AT = '2026-03-04 05:06:07.089';
const VERSION = 1796210000000;

describe('defaultAddressing', () => {
  it.each([
    ['192.0.2.0/24', '192.0.2.1', [{ start: '192.0.2.2', end: '192.0.2.254' }]],
    ['10.0.0.0/8', '10.0.0.1', [{ start: '10.0.0.2', end: '10.255.255.254' }]],
    ['10.0.0.0/30', '10.0.0.1', [{ start: '10.0.0.2', end: '10.0.0.2' }]],
    ['10.0.0.0/31', '10.0.0.1', []],
    ['10.0.0.7/32', '10.0.0.8', [{ start: '10.0.0.7', end: '10.0.0.7' }]],
    ['255.255.255.255/32', null, [{ start: '255.255.255.255', end: '255.255.255.255' }]],
  ])('gives %s the gateway %s and the pools %j', (cidr, gatewayIp, allocationPools) => {
    expect(defaultAddressing(cidr)).toEqual({ gatewayIp, allocationPools });
  });

  it.each(['2001:db8::/64', '10.0.0.1/24', '10.0.0.0/33', 'garbage'])(
    'gives %s, which no earlier version stored, nothing',
    (cidr) => {
      expect(defaultAddressing(cidr)).toEqual({ gatewayIp: null, allocationPools: [] });
    },
  );
});

// On databases that outlive their connection: the test reopens the one it prepared.
describeEachDatabase(
  'the subnet-addressing migration on $label',
  (kind) => {
    let database: TestDatabase;
    let dataSource: DataSource;

    beforeEach(async () => {
      database = await kind.create();
      const configured = createDataSource({ url: database.url });
      const history = migrationsFor(kind.dialect);
      const index = history.findIndex((migration) => migration.name.endsWith(String(VERSION)));
      expect(index).toBeGreaterThan(0);
      // The schema as the version before this migration left it.
      dataSource = new DataSource({ ...configured.options, migrations: history.slice(0, index) });
      await dataSource.initialize();
      await dataSource.runMigrations();
    });

    afterEach(async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.remove();
    });

    const quote = (name: string) => (kind.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);

    async function insert(table: string, row: Record<string, unknown>): Promise<void> {
      const columns = Object.keys(row);
      const placeholders =
        kind.dialect === 'postgres'
          ? columns.map((_, index) => `$${index + 1}`)
          : columns.map(() => '?');
      await dataSource.query(
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${placeholders.join(', ')})`,
        Object.values(row),
      );
    }

    it("fills the subnets' project from their network, and their default gateway and pools", async () => {
      await insert('networks', {
        id: 'net-1',
        project_id: 'project-a',
        mtu: 1500,
        created_at: CREATED_AT,
      });
      await insert('networks', { id: 'net-2', mtu: 1500, created_at: CREATED_AT });
      await insert('subnets', {
        id: 'subnet-1',
        network_id: 'net-1',
        cidr: '10.0.0.0/24',
        ip_version: 4,
      });
      await insert('subnets', {
        id: 'subnet-2',
        network_id: 'net-1',
        cidr: '10.0.1.0/30',
        ip_version: 4,
      });
      await insert('subnets', {
        id: 'subnet-3',
        network_id: 'net-2',
        cidr: '192.168.0.0/31',
        ip_version: 4,
      });

      await dataSource.destroy();
      dataSource = createDataSource({ url: database.url });
      await dataSource.initialize();
      await dataSource.runMigrations();

      const columns = [
        'id',
        'name',
        'project_id',
        'gateway_ip',
        'allocation_pools',
        'dns_nameservers',
        'host_routes',
        'ipv6_address_mode',
        'ipv6_ra_mode',
      ];
      const rows = (await dataSource.query(
        `SELECT ${columns.map(quote).join(', ')} FROM ${quote('subnets')} ORDER BY ${quote('id')}`,
      )) as Array<Record<string, unknown>>;
      const common = { name: '', dns_nameservers: '[]', host_routes: '[]' };
      const noModes = { ipv6_address_mode: null, ipv6_ra_mode: null };
      expect(rows).toEqual([
        {
          id: 'subnet-1',
          ...common,
          project_id: 'project-a',
          gateway_ip: '10.0.0.1',
          allocation_pools: JSON.stringify([{ start: '10.0.0.2', end: '10.0.0.254' }]),
          ...noModes,
        },
        {
          id: 'subnet-2',
          ...common,
          project_id: 'project-a',
          gateway_ip: '10.0.1.1',
          allocation_pools: JSON.stringify([{ start: '10.0.1.2', end: '10.0.1.2' }]),
          ...noModes,
        },
        {
          id: 'subnet-3',
          ...common,
          project_id: '',
          gateway_ip: '192.168.0.1',
          allocation_pools: '[]',
          ...noModes,
        },
      ]);
    });

    it('is undone, dropping only its columns', async () => {
      await dataSource.destroy();
      dataSource = createDataSource({ url: database.url });
      await dataSource.initialize();
      await dataSource.runMigrations();
      await insert('networks', { id: 'net-1', mtu: 1500, created_at: CREATED_AT });
      await insert('subnets', {
        id: 'subnet-1',
        network_id: 'net-1',
        cidr: '2001:db8::/64',
        ip_version: 6,
        gateway_ip: '2001:db8::1',
      });

      // Undo down to the version before this migration.
      for (;;) {
        const recorded = (await dataSource.query('SELECT name FROM migrations')) as Array<{
          name: string;
        }>;
        if (!recorded.some((row) => row.name.endsWith(String(VERSION)))) break;
        await dataSource.undoLastMigration({ transaction: 'all' });
      }

      const rows = (await dataSource.query(`SELECT * FROM ${quote('subnets')}`)) as Array<
        Record<string, unknown>
      >;
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['id', 'cidr', 'description']));
      expect(Object.keys(rows[0])).not.toContain('gateway_ip');
      expect(Object.keys(rows[0])).not.toContain('allocation_pools');
    });
  },
  [SQLITE_FILE, POSTGRESQL, MARIADB],
);
