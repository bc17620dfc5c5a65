import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { backfillStandardAttributes } from '../backfill-standard-attributes';

/** The columns `StandardAttributesMysql1796200000000` adds, by table. */
const ADDED_COLUMNS: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'networks',
    [
      ['description', "varchar(255) NOT NULL DEFAULT ''"],
      ['shared', 'tinyint NOT NULL DEFAULT 0'],
      ['availability_zone_hints', "text NOT NULL DEFAULT ('[]')"],
      ['revision_number', 'int NOT NULL DEFAULT 0'],
      ['updated_at', 'datetime(3) NULL'],
    ],
  ],
  [
    'networksegments',
    [
      ['description', 'varchar(255) NULL'],
      ['revision_number', 'int NOT NULL DEFAULT 0'],
      ['created_at', 'datetime(3) NULL'],
      ['updated_at', 'datetime(3) NULL'],
    ],
  ],
  [
    'subnets',
    [
      ['description', "varchar(255) NOT NULL DEFAULT ''"],
      ['revision_number', 'int NOT NULL DEFAULT 0'],
      ['created_at', 'datetime(3) NULL'],
      ['updated_at', 'datetime(3) NULL'],
    ],
  ],
  [
    'ports',
    [
      ['description', "varchar(255) NOT NULL DEFAULT ''"],
      ['allowed_address_pairs', "text NOT NULL DEFAULT ('[]')"],
      ['revision_number', 'int NOT NULL DEFAULT 0'],
      ['updated_at', 'datetime(3) NULL'],
    ],
  ],
  [
    'ml2_port_bindings',
    [
      ['revision_number', 'int NOT NULL DEFAULT 0'],
      ['updated_at', 'datetime(3) NULL'],
    ],
  ],
];

/**
 * MySQL/MariaDB: the standard attributes and `tags`, as `StandardAttributes1796200000000` adds
 * them on SQLite (one `ALTER TABLE` per table). `tags` is InnoDB in utf8mb4 with its binary
 * collation, as every ml2ts table: tags compare exactly, as on SQLite and PostgreSQL; its
 * primary key (16 + 36 + 255 characters at 4 bytes) fits InnoDB's 3072-byte limit.
 */
export class StandardAttributesMysql1796200000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'StandardAttributesMysql1796200000000';

  /** Adds the columns and the table, then back-fills. Throws if the database is not MySQL. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    for (const [table, columns] of ADDED_COLUMNS) {
      const additions = columns.map(([name, type]) => `ADD \`${name}\` ${type}`);
      await queryRunner.query(`ALTER TABLE \`${table}\` ${additions.join(', ')}`);
    }
    await queryRunner.query(
      'CREATE TABLE `tags` (`resource_type` varchar(16) NOT NULL, `resource_id` varchar(36) NOT NULL, `tag` varchar(255) NOT NULL, PRIMARY KEY (`resource_type`, `resource_id`, `tag`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
    );
    await backfillStandardAttributes(queryRunner, 'mysql', new Date());
  }

  /** Drops the table and the columns `up` added (their values are lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    await queryRunner.query('DROP TABLE `tags`');
    for (const [table, columns] of [...ADDED_COLUMNS].reverse()) {
      const drops = columns.map(([name]) => `DROP COLUMN \`${name}\``);
      await queryRunner.query(`ALTER TABLE \`${table}\` ${drops.join(', ')}`);
    }
  }
}
