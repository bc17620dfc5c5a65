import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { backfillStandardAttributes } from '../backfill-standard-attributes';

/** The columns `StandardAttributesPostgres1796200000000` adds, by table. */
const ADDED_COLUMNS: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'networks',
    [
      ['description', `character varying(255) NOT NULL DEFAULT ''`],
      ['shared', 'boolean NOT NULL DEFAULT false'],
      ['availability_zone_hints', `text NOT NULL DEFAULT '[]'`],
      ['revision_number', 'integer NOT NULL DEFAULT 0'],
      ['updated_at', 'timestamp'],
    ],
  ],
  [
    'networksegments',
    [
      ['description', 'character varying(255)'],
      ['revision_number', 'integer NOT NULL DEFAULT 0'],
      ['created_at', 'timestamp'],
      ['updated_at', 'timestamp'],
    ],
  ],
  [
    'subnets',
    [
      ['description', `character varying(255) NOT NULL DEFAULT ''`],
      ['revision_number', 'integer NOT NULL DEFAULT 0'],
      ['created_at', 'timestamp'],
      ['updated_at', 'timestamp'],
    ],
  ],
  [
    'ports',
    [
      ['description', `character varying(255) NOT NULL DEFAULT ''`],
      ['allowed_address_pairs', `text NOT NULL DEFAULT '[]'`],
      ['revision_number', 'integer NOT NULL DEFAULT 0'],
      ['updated_at', 'timestamp'],
    ],
  ],
  [
    'ml2_port_bindings',
    [
      ['revision_number', 'integer NOT NULL DEFAULT 0'],
      ['updated_at', 'timestamp'],
    ],
  ],
];

/**
 * PostgreSQL: the standard attributes and `tags`, as `StandardAttributes1796200000000` adds
 * them on SQLite (one `ALTER TABLE` per table). The primary key's name is the one TypeORM
 * derives from table and columns, as the schema diff matches constraints by name.
 */
export class StandardAttributesPostgres1796200000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'StandardAttributesPostgres1796200000000';

  /** Adds the columns and the table, then back-fills. Throws if the database is not PostgreSQL. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    for (const [table, columns] of ADDED_COLUMNS) {
      const additions = columns.map(([name, type]) => `ADD "${name}" ${type}`);
      await queryRunner.query(`ALTER TABLE "${table}" ${additions.join(', ')}`);
    }
    await queryRunner.query(
      'CREATE TABLE "tags" ("resource_type" character varying(16) NOT NULL, "resource_id" character varying(36) NOT NULL, "tag" character varying(255) NOT NULL, CONSTRAINT "PK_ddbcc14e0a487c7a495522b2d8d" PRIMARY KEY ("resource_type", "resource_id", "tag"))',
    );
    await backfillStandardAttributes(queryRunner, 'postgres', new Date());
  }

  /** Drops the table and the columns `up` added (their values are lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    await queryRunner.query('DROP TABLE "tags"');
    for (const [table, columns] of [...ADDED_COLUMNS].reverse()) {
      const drops = columns.map(([name]) => `DROP COLUMN "${name}"`);
      await queryRunner.query(`ALTER TABLE "${table}" ${drops.join(', ')}`);
    }
  }
}
