import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { createTables, dropTables, type TableDefinition } from '../table-definitions';

function createTable(name: string, definitions: readonly string[]): string {
  return `CREATE TABLE "${name}" (${definitions.join(', ')})`;
}

/**
 * Tables in foreign-key order (a table only references tables above it), each with the
 * statements that create it and its indexes. `down` walks the list backwards.
 *
 * Primary-key and foreign-key constraint names are the ones TypeORM derives from table and column
 * names, the same as on SQLite: the schema diff matches constraints by name. Timestamps are
 * `timestamp` (without time zone, microseconds): the store writes and reads them as UTC.
 */
const TABLES: readonly TableDefinition[] = [
  {
    name: 'networks',
    create: createTable('networks', [
      '"id" character varying(36) NOT NULL',
      `"project_id" character varying(255) NOT NULL DEFAULT ''`,
      `"name" character varying(255) NOT NULL DEFAULT ''`,
      '"mtu" integer NOT NULL',
      '"admin_state_up" boolean NOT NULL DEFAULT true',
      '"router_external" boolean NOT NULL DEFAULT false',
      '"vlan_transparent" boolean NOT NULL DEFAULT false',
      '"created_at" timestamp NOT NULL',
      'CONSTRAINT "PK_61b1ee921bf79550d9d4742b9f7" PRIMARY KEY ("id")',
    ]),
    indexes: {},
  },
  {
    name: 'networksegments',
    create: createTable('networksegments', [
      '"id" character varying(36) NOT NULL',
      '"network_id" character varying(36) NOT NULL',
      '"network_type" character varying(32) NOT NULL',
      '"physical_network" character varying(64)',
      '"segmentation_id" integer',
      '"segment_index" integer NOT NULL DEFAULT 0',
      '"is_dynamic" boolean NOT NULL DEFAULT false',
      '"mtu" integer NOT NULL DEFAULT 0',
      '"name" character varying(255)',
      'CONSTRAINT "uniq_networksegment_network_type_physnet" UNIQUE ("network_id", "network_type", "physical_network")',
      'CONSTRAINT "PK_186a54543763671992a82129550" PRIMARY KEY ("id")',
      'CONSTRAINT "FK_e17a2bb0dfb705d2e2b6e6f5e68" FOREIGN KEY ("network_id") REFERENCES "networks" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
    indexes: {
      ix_networksegments_network_id_segment_index: `CREATE INDEX "ix_networksegments_network_id_segment_index" ON "networksegments" ("network_id", "segment_index")`,
    },
  },
  {
    name: 'subnets',
    create: createTable('subnets', [
      '"id" character varying(36) NOT NULL',
      '"network_id" character varying(36) NOT NULL',
      '"cidr" character varying(64) NOT NULL',
      '"ip_version" integer NOT NULL',
      '"segment_id" character varying(36)',
      '"enable_dhcp" boolean NOT NULL DEFAULT true',
      'CONSTRAINT "PK_e8cfb9718c7de1fb9413293f16e" PRIMARY KEY ("id")',
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
      '"id" character varying(36) NOT NULL',
      '"network_id" character varying(36) NOT NULL',
      `"project_id" character varying(255) NOT NULL DEFAULT ''`,
      `"name" character varying(255) NOT NULL DEFAULT ''`,
      '"mac_address" character varying(32) NOT NULL',
      `"fixed_ips" text NOT NULL DEFAULT '[]'`,
      `"device_id" character varying(255) NOT NULL DEFAULT ''`,
      `"device_owner" character varying(255) NOT NULL DEFAULT ''`,
      '"status" character varying(16) NOT NULL',
      '"admin_state_up" boolean NOT NULL DEFAULT true',
      `"dns_name" character varying(255) NOT NULL DEFAULT ''`,
      '"created_at" timestamp NOT NULL',
      'CONSTRAINT "uniq_ports_network_id_mac_address" UNIQUE ("network_id", "mac_address")',
      'CONSTRAINT "PK_291c9f372b1ce97c885e96f5ff4" PRIMARY KEY ("id")',
      'CONSTRAINT "FK_900706dfba7f67d1152ddb72d17" FOREIGN KEY ("network_id") REFERENCES "networks" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    ]),
    indexes: {
      ix_ports_device_id: `CREATE INDEX "ix_ports_device_id" ON "ports" ("device_id")`,
    },
  },
  {
    name: 'ml2_port_bindings',
    create: createTable('ml2_port_bindings', [
      '"port_id" character varying(36) NOT NULL',
      `"host" character varying(255) NOT NULL DEFAULT ''`,
      `"vnic_type" character varying(64) NOT NULL DEFAULT 'normal'`,
      `"profile" character varying(4095) NOT NULL DEFAULT ''`,
      '"vif_type" character varying(64) NOT NULL',
      `"vif_details" character varying(4095) NOT NULL DEFAULT ''`,
      `"status" character varying(16) NOT NULL DEFAULT 'ACTIVE'`,
      'CONSTRAINT "PK_e52cdb69c4b51c67d7e406b7e48" PRIMARY KEY ("port_id", "host")',
      'CONSTRAINT "FK_2b3e449af0ed71e4849d35c7ab8" FOREIGN KEY ("port_id") REFERENCES "ports" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
    indexes: {
      ix_ml2_port_bindings_host: `CREATE INDEX "ix_ml2_port_bindings_host" ON "ml2_port_bindings" ("host")`,
    },
  },
  {
    name: 'ml2_port_binding_levels',
    create: createTable('ml2_port_binding_levels', [
      '"port_id" character varying(36) NOT NULL',
      '"host" character varying(255) NOT NULL',
      '"level" integer NOT NULL',
      '"driver" character varying(64) NOT NULL',
      '"segment_id" character varying(36)',
      'CONSTRAINT "PK_c82a3eeb62b511bbfd687f961bd" PRIMARY KEY ("port_id", "host", "level")',
      'CONSTRAINT "FK_09c1728f227d3ec9ecbd5dad84d" FOREIGN KEY ("port_id") REFERENCES "ports" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
      'CONSTRAINT "FK_08ff0082ab7ab81ed773531ed22" FOREIGN KEY ("segment_id") REFERENCES "networksegments" ("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    ]),
    indexes: {
      ix_ml2_port_binding_levels_segment_id: `CREATE INDEX "ix_ml2_port_binding_levels_segment_id" ON "ml2_port_binding_levels" ("segment_id")`,
    },
  },
  {
    name: 'provisioningblocks',
    create: createTable('provisioningblocks', [
      '"port_id" character varying(36) NOT NULL',
      '"entity" character varying(255) NOT NULL',
      'CONSTRAINT "PK_be7b5362444bdb2942c50f3b60f" PRIMARY KEY ("port_id", "entity")',
      'CONSTRAINT "FK_7a7218cb3a46d0f7406ede4bf5c" FOREIGN KEY ("port_id") REFERENCES "ports" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
    indexes: {},
  },
  {
    name: 'ml2ts_binding_traces',
    create: createTable('ml2ts_binding_traces', [
      '"port_id" character varying(36) NOT NULL',
      '"trace" text NOT NULL',
      '"recorded_at" timestamp NOT NULL',
      'CONSTRAINT "PK_f49ae03fa0c677cdf77b40ca23e" PRIMARY KEY ("port_id")',
      'CONSTRAINT "FK_f49ae03fa0c677cdf77b40ca23e" FOREIGN KEY ("port_id") REFERENCES "ports" ("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
    indexes: {},
  },
  {
    name: 'agents',
    create: createTable('agents', [
      '"id" character varying(36) NOT NULL',
      '"agent_type" character varying(255) NOT NULL',
      '"binary" character varying(255) NOT NULL',
      '"topic" character varying(255) NOT NULL',
      '"host" character varying(255) NOT NULL',
      '"availability_zone" character varying(255)',
      '"admin_state_up" boolean NOT NULL DEFAULT true',
      '"created_at" timestamp NOT NULL',
      '"started_at" timestamp NOT NULL',
      '"heartbeat_timestamp" timestamp NOT NULL',
      '"description" character varying(255)',
      `"configurations" character varying(4095) NOT NULL DEFAULT '{}'`,
      '"resource_versions" character varying(8191)',
      '"load" integer NOT NULL DEFAULT 0',
      'CONSTRAINT "uniq_agents0agent_type0host" UNIQUE ("agent_type", "host")',
      'CONSTRAINT "PK_9c653f28ae19c5884d5baf6a1d9" PRIMARY KEY ("id")',
    ]),
    indexes: {
      ix_agents_host: `CREATE INDEX "ix_agents_host" ON "agents" ("host")`,
    },
  },
  {
    name: 'ml2_vlan_allocations',
    create: createTable('ml2_vlan_allocations', [
      '"physical_network" character varying(64) NOT NULL',
      '"vlan_id" integer NOT NULL',
      '"allocated" boolean NOT NULL',
      'CONSTRAINT "PK_8aa102ae865fcfb505fa60ee912" PRIMARY KEY ("physical_network", "vlan_id")',
    ]),
    indexes: {
      ix_ml2_vlan_allocations_physnet_allocated: `CREATE INDEX "ix_ml2_vlan_allocations_physnet_allocated" ON "ml2_vlan_allocations" ("physical_network", "allocated")`,
    },
  },
  {
    name: 'ml2_vxlan_allocations',
    create: createTable('ml2_vxlan_allocations', [
      '"vxlan_vni" integer NOT NULL',
      '"allocated" boolean NOT NULL',
      'CONSTRAINT "PK_ed71284c4bea295510a67096db8" PRIMARY KEY ("vxlan_vni")',
    ]),
    indexes: {
      ix_ml2_vxlan_allocations_allocated: `CREATE INDEX "ix_ml2_vxlan_allocations_allocated" ON "ml2_vxlan_allocations" ("allocated")`,
    },
  },
  {
    name: 'ml2_geneve_allocations',
    create: createTable('ml2_geneve_allocations', [
      '"geneve_vni" integer NOT NULL',
      '"allocated" boolean NOT NULL',
      'CONSTRAINT "PK_2d058fda21e907ad920cc8654a0" PRIMARY KEY ("geneve_vni")',
    ]),
    indexes: {
      ix_ml2_geneve_allocations_allocated: `CREATE INDEX "ix_ml2_geneve_allocations_allocated" ON "ml2_geneve_allocations" ("allocated")`,
    },
  },
  {
    name: 'ml2_gre_allocations',
    create: createTable('ml2_gre_allocations', [
      '"gre_id" integer NOT NULL',
      '"allocated" boolean NOT NULL',
      'CONSTRAINT "PK_134d31ee1e5530629728cd7aac4" PRIMARY KEY ("gre_id")',
    ]),
    indexes: {
      ix_ml2_gre_allocations_allocated: `CREATE INDEX "ix_ml2_gre_allocations_allocated" ON "ml2_gre_allocations" ("allocated")`,
    },
  },
  {
    name: 'ml2_flat_allocations',
    create: createTable('ml2_flat_allocations', [
      '"physical_network" character varying(64) NOT NULL',
      'CONSTRAINT "PK_3ad3a63e809d58ff1474dbcd41f" PRIMARY KEY ("physical_network")',
    ]),
    indexes: {},
  },
];

/**
 * Creates the first version of the ml2ts schema on PostgreSQL: the same tables, keys, unique
 * constraints, indexes and foreign keys as the SQLite migration of the same timestamp, in
 * PostgreSQL's types.
 *
 * Runs inside the migration transaction the migration runner opens (PostgreSQL's DDL is
 * transactional, so a throw rolls the whole schema back). `down` drops everything again,
 * children before parents.
 */
export class InitialSchemaPostgres1795621940910 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'InitialSchemaPostgres1795621940910';

  /** Creates every table and index. Throws if the database is not PostgreSQL. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    await createTables(queryRunner, TABLES);
  }

  /** Drops every table `up` created (with its indexes), in reverse order. */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'PostgreSQL');
    await dropTables(queryRunner, TABLES, (table) => [`DROP TABLE "${table.name}"`]);
  }
}
