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

const CREATED_AT = '2026-03-04 05:06:07';

// On databases that outlive their connection: the test reopens the one it prepared.
describeEachDatabase(
  'the ipallocations migration on $label',
  (kind) => {
    let database: TestDatabase;
    let dataSource: DataSource;

    beforeEach(async () => {
      database = await kind.create();
      const configured = createDataSource({ url: database.url });
      const [initial] = migrationsFor(kind.dialect);
      // The schema as the version before this migration left it.
      dataSource = new DataSource({ ...configured.options, migrations: [initial] });
      await dataSource.initialize();
      await dataSource.runMigrations();
    });

    afterEach(async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.remove();
    });

    const quote = (name: string) => (kind.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);

    async function insertPort(id: string, mac: string, fixedIps: unknown): Promise<void> {
      const values = [id, 'net-1', mac, JSON.stringify(fixedIps), 'DOWN', CREATED_AT];
      const placeholders =
        kind.dialect === 'postgres'
          ? values.map((_, index) => `$${index + 1}`)
          : values.map(() => '?');
      await dataSource.query(
        `INSERT INTO ${quote('ports')} (${['id', 'network_id', 'mac_address', 'fixed_ips', 'status', 'created_at'].map(quote).join(', ')}) VALUES (${placeholders.join(', ')})`,
        values,
      );
    }

    it('fills the table from the ports, keeping an address for the port that had it first', async () => {
      await dataSource.query(
        `INSERT INTO ${quote('networks')} (${['id', 'mtu', 'created_at'].map(quote).join(', ')}) VALUES ('net-1', 1500, '${CREATED_AT}')`,
      );
      await insertPort('port-a', 'fa:16:3e:00:00:01', [
        { ip_address: '10.0.0.5', subnet_id: 'subnet-1' },
        { ip_address: '10.0.0.6', subnet_id: 'subnet-1' },
      ]);
      // Written by an earlier version that let a duplicate through, or holding something odd.
      await insertPort('port-b', 'fa:16:3e:00:00:02', [
        { ip_address: '10.0.0.5', subnet_id: 'subnet-1' },
        { ip_address: 7 },
      ]);

      await dataSource.destroy();
      dataSource = createDataSource({ url: database.url });
      await dataSource.initialize();
      await dataSource.runMigrations();

      const rows = (await dataSource.query(
        `SELECT ${['port_id', 'ip_address', 'subnet_id', 'network_id'].map(quote).join(', ')} FROM ${quote('ipallocations')} ORDER BY ${quote('ip_address')}`,
      )) as unknown[];
      expect(rows).toEqual([
        { port_id: 'port-a', ip_address: '10.0.0.5', subnet_id: 'subnet-1', network_id: 'net-1' },
        { port_id: 'port-a', ip_address: '10.0.0.6', subnet_id: 'subnet-1', network_id: 'net-1' },
      ]);
    });
  },
  [SQLITE_FILE, POSTGRESQL, MARIADB],
);
