import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from './assert-dialect';
import { createTables, dropTables, type TableDefinition } from './table-definitions';

/**
 * `CREATE TABLE` on ONE line, columns and constraints separated by `, `: TypeORM reads the schema
 * back by parsing the stored statement and only understands the layout it writes itself.
 */
function createTable(name: string, definitions: readonly string[]): string {
  return `CREATE TABLE "${name}" (${definitions.join(', ')})`;
}

/**
 * Tables in foreign-key order (a table only references tables above it), each with the
 * statements that create it and its indexes. `down` walks the list backwards.
 *
 * Foreign-key constraint names are the ones TypeORM derives from table and column names: the
 * schema diff matches foreign keys by name, so any other name would show up as a difference.
 */
const TABLES: readonly TableDefinition[] = [
  {
    name: 'networks',
    create: createTable('networks', [
      '"id" varchar(36) PRIMARY KEY NOT NULL',
      `"project_id" varchar(255) NOT NULL DEFAULT ('')`,
      `"name" varchar(255) NOT NULL DEFAULT ('')`,
      '"mtu" integer NOT NULL',
      '"admin_state_up" boolean NOT NULL DEFAULT (1)',
      '"router_external" boolean NOT NULL DEFAULT (0)',
      '"vlan_transparent" boolean NOT NULL DEFAULT (0)',
      '"created_at" datetime NOT NULL',
    ]),
    indexes: {},
  },
  {
    name: 'networksegments',
    create: createTable('networksegments', [
      '"id" varchar(36) PRIMARY KEY NOT NULL',
      '"network_id" varchar(36) NOT NULL',
      '"network_type" varchar(32) NOT NULL',
      '"physical_network" varchar(64)',
      '"segmentation_id" integer',
      '"segment_index" integer NOT NULL DEFAULT (0)',
      '"is_dynamic" boolean NOT NULL DEFAULT (0)',
      '"mtu" integer NOT NULL DEFAULT (0)',
      '"name" varchar(255)',
      'CONSTRAINT "uniq_networksegment_network_type_physnet" UNIQUE ("network_id", "network_type", "physical_network")',
      'CONSTRAINT "FK_e17a2bb0dfb705d2e2b6e6f5e68" FOREIGN KEY ("network_id") REFERENCES "networks" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
    indexes: {
      ix_networksegments_network_id_segment_index: `CREATE INDEX "ix_networksegments_network_id_segment_index" ON "networksegments" ("network_id", "segment_index")`,
    },
  },
  {
    name: 'subnets',
    create: createTable('subnets', [
      '"id" varchar(36) PRIMARY KEY NOT NULL',
      '"network_id" varchar(36) NOT NULL',
      '"cidr" varchar(64) NOT NULL',
      '"ip_version" integer NOT NULL',
      '"segment_id" varchar(36)',
      '"enable_dhcp" boolean NOT NULL DEFAULT (1)',
      'CONSTRAINT "FK_17c44d03f859d2d4a0cf3e0232b" FOREIGN KEY ("network_id") REFERENCES "networks" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
      'CONSTRAINT "FK_a4c5d0b10e44d5d15270e694ddd" FOREIGN KEY ("segment_id") REFERENCES "networksegments" ("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    ]),
    indexes: {
      ix_subnets_network_id: `CREATE INDEX "ix_subnets_network_id" ON "subnets" ("network_id")`,
    },
  },
  {
    name: 'ports',
    create: createTable('ports', [
      '"id" varchar(36) PRIMARY KEY NOT NULL',
      '"network_id" varchar(36) NOT NULL',
      `"project_id" varchar(255) NOT NULL DEFAULT ('')`,
      `"name" varchar(255) NOT NULL DEFAULT ('')`,
      '"mac_address" varchar(32) NOT NULL',
      `"fixed_ips" text NOT NULL DEFAULT ('[]')`,
      `"device_id" varchar(255) NOT NULL DEFAULT ('')`,
      `"device_owner" varchar(255) NOT NULL DEFAULT ('')`,
      '"status" varchar(16) NOT NULL',
      '"admin_state_up" boolean NOT NULL DEFAULT (1)',
      `"dns_name" varchar(255) NOT NULL DEFAULT ('')`,
      '"created_at" datetime NOT NULL',
      'CONSTRAINT "uniq_ports_network_id_mac_address" UNIQUE ("network_id", "mac_address")',
      'CONSTRAINT "FK_900706dfba7f67d1152ddb72d17" FOREIGN KEY ("network_id") REFERENCES "networks" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    ]),
    indexes: {
      ix_ports_device_id: `CREATE INDEX "ix_ports_device_id" ON "ports" ("device_id")`,
    },
  },
  {
    name: 'ml2_port_bindings',
    create: createTable('ml2_port_bindings', [
      '"port_id" varchar(36) NOT NULL',
      `"host" varchar(255) NOT NULL DEFAULT ('')`,
      `"vnic_type" varchar(64) NOT NULL DEFAULT ('normal')`,
      `"profile" varchar(4095) NOT NULL DEFAULT ('')`,
      '"vif_type" varchar(64) NOT NULL',
      `"vif_details" varchar(4095) NOT NULL DEFAULT ('')`,
      `"status" varchar(16) NOT NULL DEFAULT ('ACTIVE')`,
      'CONSTRAINT "FK_2b3e449af0ed71e4849d35c7ab8" FOREIGN KEY ("port_id") REFERENCES "ports" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
      'PRIMARY KEY ("port_id", "host")',
    ]),
    indexes: {
      ix_ml2_port_bindings_host: `CREATE INDEX "ix_ml2_port_bindings_host" ON "ml2_port_bindings" ("host")`,
    },
  },
  {
    name: 'ml2_port_binding_levels',
    create: createTable('ml2_port_binding_levels', [
      '"port_id" varchar(36) NOT NULL',
      '"host" varchar(255) NOT NULL',
      '"level" integer NOT NULL',
      '"driver" varchar(64) NOT NULL',
      '"segment_id" varchar(36)',
      'CONSTRAINT "FK_09c1728f227d3ec9ecbd5dad84d" FOREIGN KEY ("port_id") REFERENCES "ports" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
      'CONSTRAINT "FK_08ff0082ab7ab81ed773531ed22" FOREIGN KEY ("segment_id") REFERENCES "networksegments" ("id") ON DELETE SET NULL ON UPDATE NO ACTION',
      'PRIMARY KEY ("port_id", "host", "level")',
    ]),
    indexes: {
      ix_ml2_port_binding_levels_segment_id: `CREATE INDEX "ix_ml2_port_binding_levels_segment_id" ON "ml2_port_binding_levels" ("segment_id")`,
    },
  },
  {
    name: 'provisioningblocks',
    create: createTable('provisioningblocks', [
      '"port_id" varchar(36) NOT NULL',
      '"entity" varchar(255) NOT NULL',
      'CONSTRAINT "FK_7a7218cb3a46d0f7406ede4bf5c" FOREIGN KEY ("port_id") REFERENCES "ports" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
      'PRIMARY KEY ("port_id", "entity")',
    ]),
    indexes: {},
  },
  {
    name: 'ml2ts_binding_traces',
    create: createTable('ml2ts_binding_traces', [
      '"port_id" varchar(36) PRIMARY KEY NOT NULL',
      '"trace" text NOT NULL',
      '"recorded_at" datetime NOT NULL',
      'CONSTRAINT "FK_f49ae03fa0c677cdf77b40ca23e" FOREIGN KEY ("port_id") REFERENCES "ports" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
    indexes: {},
  },
  {
    name: 'agents',
    create: createTable('agents', [
      '"id" varchar(36) PRIMARY KEY NOT NULL',
      '"agent_type" varchar(255) NOT NULL',
      '"binary" varchar(255) NOT NULL',
      '"topic" varchar(255) NOT NULL',
      '"host" varchar(255) NOT NULL',
      '"availability_zone" varchar(255)',
      '"admin_state_up" boolean NOT NULL DEFAULT (1)',
      '"created_at" datetime NOT NULL',
      '"started_at" datetime NOT NULL',
      '"heartbeat_timestamp" datetime NOT NULL',
      '"description" varchar(255)',
      `"configurations" varchar(4095) NOT NULL DEFAULT ('{}')`,
      '"resource_versions" varchar(8191)',
      '"load" integer NOT NULL DEFAULT (0)',
      'CONSTRAINT "uniq_agents0agent_type0host" UNIQUE ("agent_type", "host")',
    ]),
    indexes: {
      ix_agents_host: `CREATE INDEX "ix_agents_host" ON "agents" ("host")`,
    },
  },
  {
    name: 'ml2_vlan_allocations',
    create: createTable('ml2_vlan_allocations', [
      '"physical_network" varchar(64) NOT NULL',
      '"vlan_id" integer NOT NULL',
      '"allocated" boolean NOT NULL',
      'PRIMARY KEY ("physical_network", "vlan_id")',
    ]),
    indexes: {
      ix_ml2_vlan_allocations_physnet_allocated: `CREATE INDEX "ix_ml2_vlan_allocations_physnet_allocated" ON "ml2_vlan_allocations" ("physical_network", "allocated")`,
    },
  },
  {
    name: 'ml2_vxlan_allocations',
    create: createTable('ml2_vxlan_allocations', [
      '"vxlan_vni" integer PRIMARY KEY NOT NULL',
      '"allocated" boolean NOT NULL',
    ]),
    indexes: {
      ix_ml2_vxlan_allocations_allocated: `CREATE INDEX "ix_ml2_vxlan_allocations_allocated" ON "ml2_vxlan_allocations" ("allocated")`,
    },
  },
  {
    name: 'ml2_geneve_allocations',
    create: createTable('ml2_geneve_allocations', [
      '"geneve_vni" integer PRIMARY KEY NOT NULL',
      '"allocated" boolean NOT NULL',
    ]),
    indexes: {
      ix_ml2_geneve_allocations_allocated: `CREATE INDEX "ix_ml2_geneve_allocations_allocated" ON "ml2_geneve_allocations" ("allocated")`,
    },
  },
  {
    name: 'ml2_gre_allocations',
    create: createTable('ml2_gre_allocations', [
      '"gre_id" integer PRIMARY KEY NOT NULL',
      '"allocated" boolean NOT NULL',
    ]),
    indexes: {
      ix_ml2_gre_allocations_allocated: `CREATE INDEX "ix_ml2_gre_allocations_allocated" ON "ml2_gre_allocations" ("allocated")`,
    },
  },
  {
    name: 'ml2_flat_allocations',
    create: createTable('ml2_flat_allocations', [
      '"physical_network" varchar(64) PRIMARY KEY NOT NULL',
    ]),
    indexes: {},
  },
];

/**
 * Creates the whole first version of the ml2ts schema on SQLite: networks, segments, subnets,
 * ports, port bindings and binding levels, provisioning blocks, binding traces, agents and the
 * type drivers' allocation tables, with their keys, unique constraints, indexes and foreign keys.
 *
 * Runs inside the migration transaction the migration runner opens; a throw rolls the whole
 * schema back. `down` drops everything again, children before parents.
 */
export class InitialSchema1795621940910 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'InitialSchema1795621940910';

  /** Creates every table and index. Throws if the database is not SQLite. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    await createTables(queryRunner, TABLES);
  }

  /** Drops every index and table `up` created, in reverse order. */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'SQLite');
    await dropTables(queryRunner, TABLES, (table) => [
      ...Object.keys(table.indexes ?? {}).map((index) => `DROP INDEX "${index}"`),
      `DROP TABLE "${table.name}"`,
    ]);
  }
}
