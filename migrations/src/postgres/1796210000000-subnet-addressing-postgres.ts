import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { backfillSubnetAddressing } from '../backfill-subnet-addressing';

/** The columns `SubnetAddressingPostgres1796210000000` adds to `subnets`: name and type. */
const ADDED_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['name', `character varying(255) NOT NULL DEFAULT ''`],
  ['project_id', `character varying(255) NOT NULL DEFAULT ''`],
  ['gateway_ip', 'character varying(64)'],
  ['allocation_pools', `text NOT NULL DEFAULT '[]'`],
  ['dns_nameservers', `text NOT NULL DEFAULT '[]'`],
  ['host_routes', `text NOT NULL DEFAULT '[]'`],
  ['ipv6_address_mode', 'character varying(16)'],
  ['ipv6_ra_mode', 'character varying(16)'],
];

/**
 * PostgreSQL: a subnet's addressing, as `SubnetAddressing1796210000000` adds it on SQLite (one
 * `ALTER TABLE`), then the back-fill.
 */
export class SubnetAddressingPostgres1796210000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'SubnetAddressingPostgres1796210000000';

  /** Adds the columns, then back-fills. Throws if the database is not PostgreSQL. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    const additions = ADDED_COLUMNS.map(([name, type]) => `ADD "${name}" ${type}`);
    await queryRunner.query(`ALTER TABLE "subnets" ${additions.join(', ')}`);
    await backfillSubnetAddressing(queryRunner, 'postgres');
  }

  /** Drops the columns `up` added (their values are lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    const drops = [...ADDED_COLUMNS].reverse().map(([name]) => `DROP COLUMN "${name}"`);
    await queryRunner.query(`ALTER TABLE "subnets" ${drops.join(', ')}`);
  }
}
