import { DataSource } from 'typeorm';
import { createDataSource } from '@ml2ts/store';
import {
  describeEachDatabase,
  MARIADB,
  POSTGRESQL,
  SQLITE_FILE,
  type TestDatabase,
} from '@ml2ts/store/test-support';
import { migrationsFor } from './index';

const CREATED_AT = '2026-03-04 05:06:07.089';
const VERSION = 1796200000000;

// On databases that outlive their connection: the test reopens the one it prepared.
describeEachDatabase(
  'the standard-attributes migration on $label',
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

    async function select(table: string, columns: string[]): Promise<Record<string, unknown>[]> {
      return (await dataSource.query(
        `SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}`,
      )) as Record<string, unknown>[];
    }

    /** A datetime column's value as a `Date`, whatever form the driver reads it in. */
    function instant(value: unknown): Date {
      if (value instanceof Date) return value;
      return new Date(`${String(value).replace(' ', 'T')}Z`);
    }

    it('back-fills revisions, descriptions and timestamps of the rows it finds', async () => {
      await insert('networks', { id: 'net-1', mtu: 1500, created_at: CREATED_AT });
      await insert('networksegments', { id: 'seg-1', network_id: 'net-1', network_type: 'vxlan' });
      await insert('subnets', {
        id: 'sub-1',
        network_id: 'net-1',
        cidr: '10.0.0.0/24',
        ip_version: 4,
      });
      await insert('ports', {
        id: 'port-1',
        network_id: 'net-1',
        mac_address: 'fa:16:3e:00:00:01',
        status: 'DOWN',
        created_at: CREATED_AT,
      });
      await insert('ml2_port_bindings', { port_id: 'port-1', vif_type: 'unbound' });

      await dataSource.destroy();
      const startedAt = Date.now();
      dataSource = createDataSource({ url: database.url });
      await dataSource.initialize();
      await dataSource.runMigrations();

      const [network] = await select('networks', [
        'description',
        'shared',
        'availability_zone_hints',
        'revision_number',
        'created_at',
        'updated_at',
      ]);
      expect(network).toMatchObject({
        description: '',
        availability_zone_hints: '[]',
        revision_number: 0,
      });
      expect(Boolean(network.shared)).toBe(false);
      expect(instant(network.updated_at)).toEqual(instant(network.created_at));

      const [port] = await select('ports', [
        'description',
        'allowed_address_pairs',
        'revision_number',
        'created_at',
        'updated_at',
      ]);
      expect(port).toMatchObject({
        description: '',
        allowed_address_pairs: '[]',
        revision_number: 0,
      });
      expect(instant(port.updated_at)).toEqual(instant(port.created_at));

      const [binding] = await select('ml2_port_bindings', ['revision_number', 'updated_at']);
      expect(binding).toEqual({ revision_number: 0, updated_at: null });

      // Subnets and segments kept no time: they are stamped with the migration's.
      for (const table of ['subnets', 'networksegments']) {
        const [row] = await select(table, [
          'description',
          'revision_number',
          'created_at',
          'updated_at',
        ]);
        expect(row).toMatchObject({
          description: table === 'subnets' ? '' : null,
          revision_number: 0,
        });
        expect(instant(row.created_at).getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
        expect(instant(row.created_at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
        expect(instant(row.updated_at)).toEqual(instant(row.created_at));
      }
      expect(await select('tags', ['resource_type', 'resource_id', 'tag'])).toEqual([]);
    });
  },
  [SQLITE_FILE, POSTGRESQL, MARIADB],
);
