import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { backfillSecurityGroups } from '../backfill-security-groups';
import { createTables, dropTables, type TableDefinition } from '../table-definitions';

function createTable(name: string, definitions: readonly string[]): string {
  return `CREATE TABLE "${name}" (${definitions.join(', ')})`;
}

/**
 * The tables `SecurityGroupsPostgres1796220000000` adds, in foreign-key order. Constraint
 * names are the ones TypeORM derives from table and column names: the schema diff matches
 * constraints by name.
 */
const TABLES: readonly TableDefinition[] = [
  {
    name: 'securitygroups',
    create: createTable('securitygroups', [
      '"id" character varying(36) NOT NULL',
      `"project_id" character varying(255) NOT NULL DEFAULT ''`,
      `"name" character varying(255) NOT NULL DEFAULT ''`,
      `"description" character varying(255) NOT NULL DEFAULT ''`,
      '"stateful" boolean NOT NULL DEFAULT true',
      '"created_at" timestamp NOT NULL',
      '"revision_number" integer NOT NULL DEFAULT 0',
      '"updated_at" timestamp',
      'CONSTRAINT "PK_61f6505a340244a379deab25340" PRIMARY KEY ("id")',
    ]),
    indexes: {
      ix_securitygroups_project_id:
        'CREATE INDEX "ix_securitygroups_project_id" ON "securitygroups" ("project_id")',
    },
  },
  {
    name: 'default_security_group',
    create: createTable('default_security_group', [
      '"project_id" character varying(255) NOT NULL',
      '"security_group_id" character varying(36) NOT NULL',
      'CONSTRAINT "uniq_default_security_group_security_group_id" UNIQUE ("security_group_id")',
      'CONSTRAINT "PK_b6c08dcc92928afe0f1c250a92a" PRIMARY KEY ("project_id")',
      'CONSTRAINT "FK_74ea3c64470bbcd95b6720c4f13" FOREIGN KEY ("security_group_id") REFERENCES "securitygroups" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
    indexes: {},
  },
  {
    name: 'securitygroupportbindings',
    create: createTable('securitygroupportbindings', [
      '"port_id" character varying(36) NOT NULL',
      '"security_group_id" character varying(36) NOT NULL',
      'CONSTRAINT "PK_053cd61cba3051aa52883a06a12" PRIMARY KEY ("port_id", "security_group_id")',
      'CONSTRAINT "FK_6e4f04a78c9a17e3717b0af8b24" FOREIGN KEY ("port_id") REFERENCES "ports" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
      'CONSTRAINT "FK_22bc5e05cd0912a4e9feaa74581" FOREIGN KEY ("security_group_id") REFERENCES "securitygroups" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    ]),
    indexes: {
      ix_securitygroupportbindings_security_group_id:
        'CREATE INDEX "ix_securitygroupportbindings_security_group_id" ON "securitygroupportbindings" ("security_group_id")',
    },
  },
  {
    name: 'securitygrouprules',
    create: createTable('securitygrouprules', [
      '"id" character varying(36) NOT NULL',
      `"project_id" character varying(255) NOT NULL DEFAULT ''`,
      '"security_group_id" character varying(36) NOT NULL',
      '"remote_group_id" character varying(36)',
      '"direction" character varying(16) NOT NULL',
      '"ethertype" character varying(40) NOT NULL',
      '"protocol" character varying(40)',
      '"port_range_min" integer',
      '"port_range_max" integer',
      '"remote_ip_prefix" character varying(255)',
      `"description" character varying(255) NOT NULL DEFAULT ''`,
      '"created_at" timestamp NOT NULL',
      '"revision_number" integer NOT NULL DEFAULT 0',
      '"updated_at" timestamp',
      'CONSTRAINT "PK_710689697b97995797d417f0bd7" PRIMARY KEY ("id")',
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
 * PostgreSQL: security groups, as `SecurityGroups1796220000000` adds them on SQLite, then the
 * back-fill.
 */
export class SecurityGroupsPostgres1796220000000 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'SecurityGroupsPostgres1796220000000';

  /** Creates the tables and indexes, then back-fills. Throws if the database is not PostgreSQL. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    await createTables(queryRunner, TABLES);
    await backfillSecurityGroups(queryRunner, 'postgres', new Date());
  }

  /** Drops the tables `up` created (every group, rule and membership is lost). */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    await dropTables(queryRunner, TABLES, (table) => [`DROP TABLE "${table.name}"`]);
  }
}
