import { DataSource } from 'typeorm';
import { createDataSource } from '@ml2ts/store';
import {
  describeEachDatabase,
  MARIADB,
  POSTGRESQL,
  SQLITE_FILE,
  type TestDatabase,
} from '@ml2ts/store/test-support';
import { DEFAULT_GROUP_DESCRIPTION } from './backfill-security-groups';
import { migrationsFor } from './index';

const CREATED_AT = '2026-03-04 05:06:07.089';
const VERSION = 1796220000000;

type Row = Record<string, unknown>;

// On databases that outlive their connection: the test reopens the one it prepared.
describeEachDatabase(
  'the security-groups migration on $label',
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

    async function insert(table: string, row: Row): Promise<void> {
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

    async function select(sql: string): Promise<Row[]> {
      return (await dataSource.query(
        sql.replace(/"/g, kind.dialect === 'mysql' ? '`' : '"'),
      )) as Row[];
    }

    async function migrate(): Promise<void> {
      await dataSource.destroy();
      dataSource = createDataSource({ url: database.url });
      await dataSource.initialize();
      await dataSource.runMigrations();
    }

    it("gives each project with ports its default group and puts the project's ports in it", async () => {
      await insert('networks', { id: 'net-1', mtu: 1500, created_at: CREATED_AT });
      const port = (id: string, projectId: string, deviceOwner: string, mac: string) =>
        insert('ports', {
          id,
          network_id: 'net-1',
          project_id: projectId,
          mac_address: mac,
          device_owner: deviceOwner,
          status: 'DOWN',
          created_at: CREATED_AT,
        });
      await port('port-a1', 'project-a', 'compute:nova', 'fa:16:3e:00:00:01');
      await port('port-a2', 'project-a', '', 'fa:16:3e:00:00:02');
      await port('port-a3', 'project-a', 'network:dhcp', 'fa:16:3e:00:00:03');
      await port('port-b1', 'project-b', '', 'fa:16:3e:00:00:04');
      await port('port-c1', 'project-c', 'network:router_interface', 'fa:16:3e:00:00:05');

      await migrate();

      const groups = await select(
        'SELECT "id", "project_id", "name", "description", "stateful", "revision_number" FROM "securitygroups" ORDER BY "project_id"',
      );
      expect(groups.map((group) => [group.project_id, group.name, group.description])).toEqual([
        ['project-a', 'default', DEFAULT_GROUP_DESCRIPTION],
        ['project-b', 'default', DEFAULT_GROUP_DESCRIPTION],
      ]);
      expect(
        groups.map((group) => [Boolean(group.stateful), Number(group.revision_number)]),
      ).toEqual([
        [true, 1],
        [true, 1],
      ]);
      const defaults = await select(
        'SELECT "project_id", "security_group_id" FROM "default_security_group" ORDER BY "project_id"',
      );
      expect(defaults).toEqual(
        groups.map((group) => ({ project_id: group.project_id, security_group_id: group.id })),
      );
      const [groupA, groupB] = groups.map((group) => String(group.id));
      const rules = (
        await select(
          'SELECT "security_group_id", "project_id", "direction", "ethertype", "remote_group_id", "protocol", "remote_ip_prefix" FROM "securitygrouprules" ORDER BY "direction", "ethertype"',
        )
      ).filter((row) => row.security_group_id === groupA);
      const rule = (direction: string, ethertype: string, remote: string | null) => ({
        security_group_id: groupA,
        project_id: 'project-a',
        direction,
        ethertype,
        remote_group_id: remote,
        protocol: null,
        remote_ip_prefix: null,
      });
      expect(rules).toEqual([
        rule('egress', 'IPv4', null),
        rule('egress', 'IPv6', null),
        rule('ingress', 'IPv4', groupA),
        rule('ingress', 'IPv6', groupA),
      ]);
      const bindings = await select(
        'SELECT "port_id", "security_group_id" FROM "securitygroupportbindings" ORDER BY "port_id"',
      );
      expect(bindings).toEqual([
        { port_id: 'port-a1', security_group_id: groupA },
        { port_id: 'port-a2', security_group_id: groupA },
        { port_id: 'port-b1', security_group_id: groupB },
      ]);
    });

    it('is undone, dropping its tables', async () => {
      await migrate();
      for (;;) {
        const recorded = await select('SELECT "name" FROM "migrations"');
        if (!recorded.some((row) => String(row.name).endsWith(String(VERSION)))) break;
        await dataSource.undoLastMigration({ transaction: 'all' });
      }
      const runner = dataSource.createQueryRunner();
      try {
        const tables = await runner.getTables([
          'securitygroups',
          'securitygrouprules',
          'default_security_group',
          'securitygroupportbindings',
        ]);
        expect(tables).toEqual([]);
      } finally {
        await runner.release();
      }
    });
  },
  [SQLITE_FILE, POSTGRESQL, MARIADB],
);
