import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { createTables, dropTables, type TableDefinition } from '../table-definitions';

/** InnoDB in utf8mb4 with its binary collation, as every ml2ts table. */
const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

function createTable(name: string, definitions: readonly string[]): string {
  return `CREATE TABLE \`${name}\` (${definitions.join(', ')}) ${TABLE_OPTIONS}`;
}

/** The tables `TunnelEndpointsMysql1796230000000` adds, each with its unique index inline. */
const TABLES: readonly TableDefinition[] = [
  {
    name: 'ml2_vxlan_endpoints',
    create: createTable('ml2_vxlan_endpoints', [
      '`ip_address` varchar(64) NOT NULL',
      '`udp_port` int NOT NULL',
      '`host` varchar(255) NULL',
      'PRIMARY KEY (`ip_address`)',
      'UNIQUE INDEX `unique_ml2_vxlan_endpoints0host` (`host`)',
    ]),
  },
  {
    name: 'ml2_gre_endpoints',
    create: createTable('ml2_gre_endpoints', [
      '`ip_address` varchar(64) NOT NULL',
      '`host` varchar(255) NULL',
      'PRIMARY KEY (`ip_address`)',
      'UNIQUE INDEX `unique_ml2_gre_endpoints0host` (`host`)',
    ]),
  },
  {
    name: 'ml2_geneve_endpoints',
    create: createTable('ml2_geneve_endpoints', [
      '`ip_address` varchar(64) NOT NULL',
      '`host` varchar(255) NULL',
      'PRIMARY KEY (`ip_address`)',
      'UNIQUE INDEX `unique_ml2_geneve_endpoints0host` (`host`)',
    ]),
  },
];

/** MySQL/MariaDB: tunnel endpoints, as `TunnelEndpoints1796230000000` adds them on SQLite. */
export class TunnelEndpointsMysql1796230000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'TunnelEndpointsMysql1796230000000';

  /** Creates the three tables. Throws if the database is not MySQL. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    await createTables(queryRunner, TABLES);
  }

  /** Drops the tables `up` created (every recorded endpoint is lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    await dropTables(queryRunner, TABLES, (table) => [`DROP TABLE \`${table.name}\``]);
  }
}
