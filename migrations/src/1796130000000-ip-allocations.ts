import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from './assert-dialect';
import { backfillIpAllocations } from './backfill-ip-allocations';

/**
 * SQLite: adds `ipallocations` (one row per fixed IP of a port, unique per network and address)
 * and fills it from the ports' `fixed_ips`. The table is created on ONE line, as TypeORM reads
 * SQLite schemas back by parsing the stored statement.
 */
export class IpAllocations1796130000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'IpAllocations1796130000000';

  /** Creates the table and its index, then back-fills it. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    await queryRunner.query(
      'CREATE TABLE "ipallocations" ("port_id" varchar(36) NOT NULL, "ip_address" varchar(64) NOT NULL, "subnet_id" varchar(36) NOT NULL, "network_id" varchar(36) NOT NULL, CONSTRAINT "uniq_ipallocations_network_id_ip_address" UNIQUE ("network_id", "ip_address"), CONSTRAINT "FK_29c55a6f679d468a9a10594ac34" FOREIGN KEY ("port_id") REFERENCES "ports" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("port_id", "ip_address", "subnet_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_ipallocations_subnet_id" ON "ipallocations" ("subnet_id")',
    );
    await backfillIpAllocations(queryRunner, 'sqlite');
  }

  /** Drops the table (the ports' `fixed_ips` still hold every address). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    await queryRunner.query('DROP INDEX "ix_ipallocations_subnet_id"');
    await queryRunner.query('DROP TABLE "ipallocations"');
  }
}
