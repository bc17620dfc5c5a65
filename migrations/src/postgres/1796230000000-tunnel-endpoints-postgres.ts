import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { createTables, dropTables, type TableDefinition } from '../table-definitions';

function createTable(name: string, definitions: readonly string[]): string {
  return `CREATE TABLE "${name}" (${definitions.join(', ')})`;
}

/**
 * The tables `TunnelEndpointsPostgres1796230000000` adds. Primary-key names are the ones
 * TypeORM derives from table and column names: the schema diff matches constraints by name.
 */
const TABLES: readonly TableDefinition[] = [
  {
    name: 'ml2_vxlan_endpoints',
    create: createTable('ml2_vxlan_endpoints', [
      '"ip_address" character varying(64) NOT NULL',
      '"udp_port" integer NOT NULL',
      '"host" character varying(255)',
      'CONSTRAINT "unique_ml2_vxlan_endpoints0host" UNIQUE ("host")',
      'CONSTRAINT "PK_0868bd1aca0d2538f59de5c1eee" PRIMARY KEY ("ip_address")',
    ]),
    indexes: {},
  },
  {
    name: 'ml2_gre_endpoints',
    create: createTable('ml2_gre_endpoints', [
      '"ip_address" character varying(64) NOT NULL',
      '"host" character varying(255)',
      'CONSTRAINT "unique_ml2_gre_endpoints0host" UNIQUE ("host")',
      'CONSTRAINT "PK_9dd5864530802c29ff619ba5f67" PRIMARY KEY ("ip_address")',
    ]),
    indexes: {},
  },
  {
    name: 'ml2_geneve_endpoints',
    create: createTable('ml2_geneve_endpoints', [
      '"ip_address" character varying(64) NOT NULL',
      '"host" character varying(255)',
      'CONSTRAINT "unique_ml2_geneve_endpoints0host" UNIQUE ("host")',
      'CONSTRAINT "PK_664d752518c3aa67bf3c73a6be4" PRIMARY KEY ("ip_address")',
    ]),
    indexes: {},
  },
];

/** PostgreSQL: tunnel endpoints, as `TunnelEndpoints1796230000000` adds them on SQLite. */
export class TunnelEndpointsPostgres1796230000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'TunnelEndpointsPostgres1796230000000';

  /** Creates the three tables. Throws if the database is not PostgreSQL. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    await createTables(queryRunner, TABLES);
  }

  /** Drops the tables `up` created (every recorded endpoint is lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    await dropTables(queryRunner, TABLES, (table) => [`DROP TABLE "${table.name}"`]);
  }
}
