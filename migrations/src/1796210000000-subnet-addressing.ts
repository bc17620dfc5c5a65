import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from './assert-dialect';
import { backfillSubnetAddressing } from './backfill-subnet-addressing';

/**
 * The columns `SubnetAddressing1796210000000` adds to `subnets`. SQLite writes each added
 * column into the table's stored `CREATE TABLE` after the last column, in the layout TypeORM
 * writes (and reads back), so the schema diff sees exactly the entity's columns.
 */
const ADDED_COLUMNS: readonly string[] = [
  `"name" varchar(255) NOT NULL DEFAULT ('')`,
  `"project_id" varchar(255) NOT NULL DEFAULT ('')`,
  '"gateway_ip" varchar(64)',
  `"allocation_pools" text NOT NULL DEFAULT ('[]')`,
  `"dns_nameservers" text NOT NULL DEFAULT ('[]')`,
  `"host_routes" text NOT NULL DEFAULT ('[]')`,
  '"ipv6_address_mode" varchar(16)',
  '"ipv6_ra_mode" varchar(16)',
];

/** The name of a column definition (`"name" varchar(255)` → `name`). */
function columnName(definition: string): string {
  return definition.slice(1, definition.indexOf('"', 1));
}

/**
 * SQLite: a subnet's addressing. Adds `name`, `project_id`, `gateway_ip`, `allocation_pools`,
 * `dns_nameservers`, `host_routes`, `ipv6_address_mode` and `ipv6_ra_mode` to `subnets`, then
 * fills the existing subnets' project, gateway and pools (see `backfillSubnetAddressing`).
 */
export class SubnetAddressing1796210000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'SubnetAddressing1796210000000';

  /** Adds the columns, then back-fills. Throws if the database is not SQLite. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    for (const column of ADDED_COLUMNS) {
      await queryRunner.query(`ALTER TABLE "subnets" ADD COLUMN ${column}`);
    }
    await backfillSubnetAddressing(queryRunner, 'sqlite');
  }

  /** Drops the columns `up` added (their values are lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    for (const column of [...ADDED_COLUMNS].reverse()) {
      await queryRunner.query(`ALTER TABLE "subnets" DROP COLUMN "${columnName(column)}"`);
    }
  }
}
