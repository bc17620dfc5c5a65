import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from './assert-dialect';
import { backfillSecurityGroups } from './backfill-security-groups';
import { createTables, dropTables, type TableDefinition } from './table-definitions';

/** `CREATE TABLE` on ONE line, as TypeORM reads SQLite schemas back by parsing the statement. */
function createTable(name: string, definitions: readonly string[]): string {
  return `CREATE TABLE "${name}" (${definitions.join(', ')})`;
}

/**
 * The tables `SecurityGroups1796220000000` adds, in foreign-key order. Foreign-key names are the
 * ones TypeORM derives from table and column names: the schema diff matches them by name.
 */
const TABLES: readonly TableDefinition[] = [
  {
    name: 'securitygroups',
    create: createTable('securitygroups', [
      '"id" varchar(36) PRIMARY KEY NOT NULL',
      `"project_id" varchar(255) NOT NULL DEFAULT ('')`,
      `"name" varchar(255) NOT NULL DEFAULT ('')`,
      `"description" varchar(255) NOT NULL DEFAULT ('')`,
      '"stateful" boolean NOT NULL DEFAULT (1)',
      '"created_at" datetime NOT NULL',
      '"revision_number" integer NOT NULL DEFAULT (0)',
      '"updated_at" datetime',
    ]),
    indexes: {
      ix_securitygroups_project_id:
        'CREATE INDEX "ix_securitygroups_project_id" ON "securitygroups" ("project_id")',
    },
  },
  {
    name: 'default_security_group',
    create: createTable('default_security_group', [
      '"project_id" varchar(255) PRIMARY KEY NOT NULL',
      '"security_group_id" varchar(36) NOT NULL',
      'CONSTRAINT "uniq_default_security_group_security_group_id" UNIQUE ("security_group_id")',
      'CONSTRAINT "FK_74ea3c64470bbcd95b6720c4f13" FOREIGN KEY ("security_group_id") REFERENCES "securitygroups" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
    indexes: {},
  },
  {
    name: 'securitygroupportbindings',
    create: createTable('securitygroupportbindings', [
      '"port_id" varchar(36) NOT NULL',
      '"security_group_id" varchar(36) NOT NULL',
      'CONSTRAINT "FK_6e4f04a78c9a17e3717b0af8b24" FOREIGN KEY ("port_id") REFERENCES "ports" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
      'CONSTRAINT "FK_22bc5e05cd0912a4e9feaa74581" FOREIGN KEY ("security_group_id") REFERENCES "securitygroups" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
      'PRIMARY KEY ("port_id", "security_group_id")',
    ]),
    indexes: {
      ix_securitygroupportbindings_security_group_id:
        'CREATE INDEX "ix_securitygroupportbindings_security_group_id" ON "securitygroupportbindings" ("security_group_id")',
    },
  },
  {
    name: 'securitygrouprules',
    create: createTable('securitygrouprules', [
      '"id" varchar(36) PRIMARY KEY NOT NULL',
      `"project_id" varchar(255) NOT NULL DEFAULT ('')`,
      '"security_group_id" varchar(36) NOT NULL',
      '"remote_group_id" varchar(36)',
      '"direction" varchar(16) NOT NULL',
      '"ethertype" varchar(40) NOT NULL',
      '"protocol" varchar(40)',
      '"port_range_min" integer',
      '"port_range_max" integer',
      '"remote_ip_prefix" varchar(255)',
      `"description" varchar(255) NOT NULL DEFAULT ('')`,
      '"created_at" datetime NOT NULL',
      '"revision_number" integer NOT NULL DEFAULT (0)',
      '"updated_at" datetime',
      'CONSTRAINT "FK_8e2b6e5d78fb6ac5f661e602df9" FOREIGN KEY ("security_group_id") REFERENCES "securitygroups" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
      'CONSTRAINT "FK_b980a0053abd91f839fac537b85" FOREIGN KEY ("remote_group_id") REFERENCES "securitygroups" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
    indexes: {
      ix_securitygrouprules_security_group_id:
        'CREATE INDEX "ix_securitygrouprules_security_group_id" ON "securitygrouprules" ("security_group_id")',
      ix_securitygrouprules_remote_group_id:
        'CREATE INDEX "ix_securitygrouprules_remote_group_id" ON "securitygrouprules" ("remote_group_id")',
    },
  },
];

/**
 * SQLite: security groups. Adds `securitygroups`, their rules (`securitygrouprules`), each
 * project's default group (`default_security_group`, one per project) and ports' membership
 * (`securitygroupportbindings`); then gives every project with ports its default group and
 * puts its ports in it (see `backfillSecurityGroups`).
 */
export class SecurityGroups1796220000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'SecurityGroups1796220000000';

  /** Creates the tables and their indexes, then back-fills. Throws if the database is not SQLite. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    await createTables(queryRunner, TABLES);
    await backfillSecurityGroups(queryRunner, 'sqlite', new Date());
  }

  /** Drops the tables `up` created (every group, rule and membership is lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    await dropTables(queryRunner, TABLES, (table) => [
      ...Object.keys(table.indexes ?? {}).map((index) => `DROP INDEX "${index}"`),
      `DROP TABLE "${table.name}"`,
    ]);
  }
}
