import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { backfillIpAllocations } from '../backfill-ip-allocations';

/** PostgreSQL: `ipallocations`, as `IpAllocations1796130000000` adds it on SQLite. */
export class IpAllocationsPostgres1796130000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'IpAllocationsPostgres1796130000000';

  /** Creates the table, its index and foreign key, then back-fills it. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    await queryRunner.query(
      'CREATE TABLE "ipallocations" ("port_id" character varying(36) NOT NULL, "ip_address" character varying(64) NOT NULL, "subnet_id" character varying(36) NOT NULL, "network_id" character varying(36) NOT NULL, CONSTRAINT "uniq_ipallocations_network_id_ip_address" UNIQUE ("network_id", "ip_address"), CONSTRAINT "PK_5fb1de2b5eaa7a7c69345307829" PRIMARY KEY ("port_id", "ip_address", "subnet_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_ipallocations_subnet_id" ON "ipallocations" ("subnet_id")',
    );
    await queryRunner.query(
      'ALTER TABLE "ipallocations" ADD CONSTRAINT "FK_29c55a6f679d468a9a10594ac34" FOREIGN KEY ("port_id") REFERENCES "ports"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await backfillIpAllocations(queryRunner, 'postgres');
  }

  /** Drops the table (the ports' `fixed_ips` still hold every address). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    await queryRunner.query('DROP TABLE "ipallocations"');
  }
}
