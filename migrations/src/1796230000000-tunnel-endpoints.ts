import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from './assert-dialect';
import { createTables, dropTables, type TableDefinition } from './table-definitions';

/** `CREATE TABLE` on ONE line, as TypeORM reads SQLite schemas back by parsing the statement. */
function createTable(name: string, definitions: readonly string[]): string {
  return `CREATE TABLE "${name}" (${definitions.join(', ')})`;
}

/**
 * The tables `TunnelEndpoints1796230000000` adds: one per tunnel type, keyed by address, each
 * host at most once (a null host, for endpoints announced without one, any number of times).
 * No foreign keys, so the order does not matter.
 */
const TABLES: readonly TableDefinition[] = [
  {
    name: 'ml2_vxlan_endpoints',
    create: createTable('ml2_vxlan_endpoints', [
      '"ip_address" varchar(64) PRIMARY KEY NOT NULL',
      '"udp_port" integer NOT NULL',
      '"host" varchar(255)',
      'CONSTRAINT "unique_ml2_vxlan_endpoints0host" UNIQUE ("host")',
    ]),
    indexes: {},
  },
  {
    name: 'ml2_gre_endpoints',
    create: createTable('ml2_gre_endpoints', [
      '"ip_address" varchar(64) PRIMARY KEY NOT NULL',
      '"host" varchar(255)',
      'CONSTRAINT "unique_ml2_gre_endpoints0host" UNIQUE ("host")',
    ]),
    indexes: {},
  },
  {
    name: 'ml2_geneve_endpoints',
    create: createTable('ml2_geneve_endpoints', [
      '"ip_address" varchar(64) PRIMARY KEY NOT NULL',
      '"host" varchar(255)',
      'CONSTRAINT "unique_ml2_geneve_endpoints0host" UNIQUE ("host")',
    ]),
    indexes: {},
  },
];

/**
 * SQLite: tunnel endpoints. Adds `ml2_vxlan_endpoints` (with each endpoint's UDP port),
 * `ml2_gre_endpoints` and `ml2_geneve_endpoints`, where `tunnel_sync` records the address each
 * agent announced. Nothing to back-fill: agents announce themselves again when they start.
 */
export class TunnelEndpoints1796230000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'TunnelEndpoints1796230000000';

  /** Creates the three tables. Throws if the database is not SQLite. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    await createTables(queryRunner, TABLES);
  }

  /** Drops the tables `up` created (every recorded endpoint is lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    await dropTables(queryRunner, TABLES, (table) => [`DROP TABLE "${table.name}"`]);
  }
}
