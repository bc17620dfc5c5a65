import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { backfillIpAllocations } from '../backfill-ip-allocations';

/** MySQL/MariaDB: `ipallocations`, as `IpAllocations1796130000000` adds it on SQLite. */
export class IpAllocationsMysql1796130000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'IpAllocationsMysql1796130000000';

  /** Creates the table with its indexes and foreign key, then back-fills it. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    await queryRunner.query(
      'CREATE TABLE `ipallocations` (`port_id` varchar(36) NOT NULL, `ip_address` varchar(64) NOT NULL, `subnet_id` varchar(36) NOT NULL, `network_id` varchar(36) NOT NULL, INDEX `ix_ipallocations_subnet_id` (`subnet_id`), UNIQUE INDEX `uniq_ipallocations_network_id_ip_address` (`network_id`, `ip_address`), PRIMARY KEY (`port_id`, `ip_address`, `subnet_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
    );
    await queryRunner.query(
      'ALTER TABLE `ipallocations` ADD CONSTRAINT `FK_29c55a6f679d468a9a10594ac34` FOREIGN KEY (`port_id`) REFERENCES `ports`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await backfillIpAllocations(queryRunner, 'mysql');
  }

  /** Drops the table (the ports' `fixed_ips` still hold every address). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    await queryRunner.query('DROP TABLE `ipallocations`');
  }
}
