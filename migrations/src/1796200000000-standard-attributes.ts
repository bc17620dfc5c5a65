import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from './assert-dialect';
import { backfillStandardAttributes } from './backfill-standard-attributes';

/**
 * The columns `StandardAttributes1796200000000` adds, by table. SQLite writes each added column
 * into the table's stored `CREATE TABLE` after the last column, in the layout TypeORM writes
 * (and reads back), so the schema diff sees exactly the entities' columns.
 */
const ADDED_COLUMNS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'networks',
    [
      `"description" varchar(255) NOT NULL DEFAULT ('')`,
      '"shared" boolean NOT NULL DEFAULT (0)',
      `"availability_zone_hints" text NOT NULL DEFAULT ('[]')`,
      '"revision_number" integer NOT NULL DEFAULT (0)',
      '"updated_at" datetime',
    ],
  ],
  [
    'networksegments',
    [
      '"description" varchar(255)',
      '"revision_number" integer NOT NULL DEFAULT (0)',
      '"created_at" datetime',
      '"updated_at" datetime',
    ],
  ],
  [
    'subnets',
    [
      `"description" varchar(255) NOT NULL DEFAULT ('')`,
      '"revision_number" integer NOT NULL DEFAULT (0)',
      '"created_at" datetime',
      '"updated_at" datetime',
    ],
  ],
  [
    'ports',
    [
      `"description" varchar(255) NOT NULL DEFAULT ('')`,
      `"allowed_address_pairs" text NOT NULL DEFAULT ('[]')`,
      '"revision_number" integer NOT NULL DEFAULT (0)',
      '"updated_at" datetime',
    ],
  ],
  [
    'ml2_port_bindings',
    ['"revision_number" integer NOT NULL DEFAULT (0)', '"updated_at" datetime'],
  ],
];

/** The name of a column definition (`"description" varchar(255)` → `description`). */
function columnName(definition: string): string {
  return definition.slice(1, definition.indexOf('"', 1));
}

/**
 * SQLite: Neutron's standard attributes. Adds `description`, `revision_number`, `created_at`
 * and `updated_at` to networks, segments, subnets and ports (where missing), the stored network
 * (`shared`, `availability_zone_hints`) and port (`allowed_address_pairs`) attributes, the
 * binding rows' share of their port's revision, and the `tags` table; then fills the new
 * timestamps of the existing rows (see `backfillStandardAttributes`). The table is created on
 * ONE line, as TypeORM reads SQLite schemas back by parsing the stored statement.
 */
export class StandardAttributes1796200000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'StandardAttributes1796200000000';

  /** Adds the columns and the table, then back-fills. Throws if the database is not SQLite. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    for (const [table, columns] of ADDED_COLUMNS) {
      for (const column of columns) {
        await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN ${column}`);
      }
    }
    await queryRunner.query(
      'CREATE TABLE "tags" ("resource_type" varchar(16) NOT NULL, "resource_id" varchar(36) NOT NULL, "tag" varchar(255) NOT NULL, PRIMARY KEY ("resource_type", "resource_id", "tag"))',
    );
    await backfillStandardAttributes(queryRunner, 'sqlite', new Date());
  }

  /** Drops the table and the columns `up` added (their values are lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    await queryRunner.query('DROP TABLE "tags"');
    for (const [table, columns] of [...ADDED_COLUMNS].reverse()) {
      for (const column of [...columns].reverse()) {
        await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${columnName(column)}"`);
      }
    }
  }
}
