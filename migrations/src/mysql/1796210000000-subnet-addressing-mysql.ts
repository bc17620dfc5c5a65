import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { backfillSubnetAddressing } from '../backfill-subnet-addressing';

/** The columns `SubnetAddressingMysql1796210000000` adds to `subnets`: name and type. */
const ADDED_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['name', "varchar(255) NOT NULL DEFAULT ''"],
  ['project_id', "varchar(255) NOT NULL DEFAULT ''"],
  ['gateway_ip', 'varchar(64) NULL'],
  ['allocation_pools', "text NOT NULL DEFAULT ('[]')"],
  ['dns_nameservers', "text NOT NULL DEFAULT ('[]')"],
  ['host_routes', "text NOT NULL DEFAULT ('[]')"],
  ['ipv6_address_mode', 'varchar(16) NULL'],
  ['ipv6_ra_mode', 'varchar(16) NULL'],
];

/**
 * MySQL/MariaDB: a subnet's addressing, as `SubnetAddressing1796210000000` adds it on SQLite
 * (one `ALTER TABLE`), then the back-fill.
 */
export class SubnetAddressingMysql1796210000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'SubnetAddressingMysql1796210000000';

  /** Adds the columns, then back-fills. Throws if the database is not MySQL. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    const additions = ADDED_COLUMNS.map(([name, type]) => `ADD \`${name}\` ${type}`);
    await queryRunner.query(`ALTER TABLE \`subnets\` ${additions.join(', ')}`);
    await backfillSubnetAddressing(queryRunner, 'mysql');
  }

  /** Drops the columns `up` added (their values are lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    const drops = [...ADDED_COLUMNS].reverse().map(([name]) => `DROP COLUMN \`${name}\``);
    await queryRunner.query(`ALTER TABLE \`subnets\` ${drops.join(', ')}`);
  }
}
