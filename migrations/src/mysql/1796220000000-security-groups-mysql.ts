import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { backfillSecurityGroups } from '../backfill-security-groups';
import { createTables, dropTables, type TableDefinition } from '../table-definitions';

/** InnoDB in utf8mb4 with its binary collation, as every ml2ts table. */
const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

function createTable(name: string, definitions: readonly string[]): string {
  return `CREATE TABLE \`${name}\` (${definitions.join(', ')}) ${TABLE_OPTIONS}`;
}

/**
 * The tables `SecurityGroupsMysql1796220000000` adds, in foreign-key order, each with its
 * indexes inline. Foreign-key names are the ones TypeORM derives from table and column names:
 * the schema diff matches them by name. Every foreign key has an index of its own (or leads
 * one), so InnoDB adds none.
 */
const TABLES: readonly TableDefinition[] = [
  {
    name: 'securitygroups',
    create: createTable('securitygroups', [
      '`id` varchar(36) NOT NULL',
      "`project_id` varchar(255) NOT NULL DEFAULT ''",
      "`name` varchar(255) NOT NULL DEFAULT ''",
      "`description` varchar(255) NOT NULL DEFAULT ''",
      '`stateful` tinyint NOT NULL DEFAULT 1',
      '`created_at` datetime(3) NOT NULL',
      '`revision_number` int NOT NULL DEFAULT 0',
      '`updated_at` datetime(3) NULL',
      'PRIMARY KEY (`id`)',
      'INDEX `ix_securitygroups_project_id` (`project_id`)',
    ]),
  },
  {
    name: 'default_security_group',
    create: createTable('default_security_group', [
      '`project_id` varchar(255) NOT NULL',
      '`security_group_id` varchar(36) NOT NULL',
      'PRIMARY KEY (`project_id`)',
      'UNIQUE INDEX `uniq_default_security_group_security_group_id` (`security_group_id`)',
      'CONSTRAINT `FK_74ea3c64470bbcd95b6720c4f13` FOREIGN KEY (`security_group_id`) REFERENCES `securitygroups` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
  },
  {
    name: 'securitygroupportbindings',
    create: createTable('securitygroupportbindings', [
      '`port_id` varchar(36) NOT NULL',
      '`security_group_id` varchar(36) NOT NULL',
      'PRIMARY KEY (`port_id`, `security_group_id`)',
      'INDEX `ix_securitygroupportbindings_security_group_id` (`security_group_id`)',
      'CONSTRAINT `FK_6e4f04a78c9a17e3717b0af8b24` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
      'CONSTRAINT `FK_22bc5e05cd0912a4e9feaa74581` FOREIGN KEY (`security_group_id`) REFERENCES `securitygroups` (`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    ]),
  },
  {
    name: 'securitygrouprules',
    create: createTable('securitygrouprules', [
      '`id` varchar(36) NOT NULL',
      "`project_id` varchar(255) NOT NULL DEFAULT ''",
      '`security_group_id` varchar(36) NOT NULL',
      '`remote_group_id` varchar(36) NULL',
      '`direction` varchar(16) NOT NULL',
      '`ethertype` varchar(40) NOT NULL',
      '`protocol` varchar(40) NULL',
      '`port_range_min` int NULL',
      '`port_range_max` int NULL',
      '`remote_ip_prefix` varchar(255) NULL',
      "`description` varchar(255) NOT NULL DEFAULT ''",
      '`created_at` datetime(3) NOT NULL',
      '`revision_number` int NOT NULL DEFAULT 0',
      '`updated_at` datetime(3) NULL',
      'PRIMARY KEY (`id`)',
      'INDEX `ix_securitygrouprules_security_group_id` (`security_group_id`)',
      'INDEX `ix_securitygrouprules_remote_group_id` (`remote_group_id`)',
      'CONSTRAINT `FK_8e2b6e5d78fb6ac5f661e602df9` FOREIGN KEY (`security_group_id`) REFERENCES `securitygroups` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
      'CONSTRAINT `FK_b980a0053abd91f839fac537b85` FOREIGN KEY (`remote_group_id`) REFERENCES `securitygroups` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
  },
];

/**
 * MySQL/MariaDB: security groups, as `SecurityGroups1796220000000` adds them on SQLite, then
 * the back-fill.
 */
export class SecurityGroupsMysql1796220000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'SecurityGroupsMysql1796220000000';

  /** Creates the tables, then back-fills. Throws if the database is not MySQL. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    await createTables(queryRunner, TABLES);
    await backfillSecurityGroups(queryRunner, 'mysql', new Date());
  }

  /** Drops the tables `up` created (every group, rule and membership is lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    await dropTables(queryRunner, TABLES, (table) => [`DROP TABLE \`${table.name}\``]);
  }
}
