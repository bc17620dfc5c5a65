import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { assertDialect } from '../assert-dialect';
import { createTables, dropTables, type TableDefinition } from '../table-definitions';

/**
 * InnoDB tables in utf8mb4 with its binary collation: strings compare case- and accent-sensitively,
 * as they do on SQLite and PostgreSQL, so a unique key accepts exactly the same rows everywhere.
 * With InnoDB's DYNAMIC row format an index key may be 3072 bytes long: the longest key here,
 * two varchar(255) columns at 4 bytes per character (2040 bytes), fits.
 */
const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

function createTable(name: string, definitions: readonly string[]): string {
  return `CREATE TABLE \`${name}\` (${definitions.join(', ')}) ${TABLE_OPTIONS}`;
}

/**
 * Tables in foreign-key order (a table only references tables above it), each with its indexes
 * inline. `down` walks the list backwards.
 *
 * Foreign-key names are the ones TypeORM derives from table and column names, the same as on
 * SQLite: the schema diff matches foreign keys by name. Timestamps are `datetime(3)`
 * (milliseconds; the store writes and reads them as UTC) and booleans `tinyint`.
 */
const TABLES: readonly TableDefinition[] = [
  {
    name: 'networks',
    create: createTable('networks', [
      '`id` varchar(36) NOT NULL',
      "`project_id` varchar(255) NOT NULL DEFAULT ''",
      "`name` varchar(255) NOT NULL DEFAULT ''",
      '`mtu` int NOT NULL',
      '`admin_state_up` tinyint NOT NULL DEFAULT 1',
      '`router_external` tinyint NOT NULL DEFAULT 0',
      '`vlan_transparent` tinyint NOT NULL DEFAULT 0',
      '`created_at` datetime(3) NOT NULL',
      'PRIMARY KEY (`id`)',
    ]),
  },
  {
    name: 'networksegments',
    create: createTable('networksegments', [
      '`id` varchar(36) NOT NULL',
      '`network_id` varchar(36) NOT NULL',
      '`network_type` varchar(32) NOT NULL',
      '`physical_network` varchar(64) NULL',
      '`segmentation_id` int NULL',
      '`segment_index` int NOT NULL DEFAULT 0',
      '`is_dynamic` tinyint NOT NULL DEFAULT 0',
      '`mtu` int NOT NULL DEFAULT 0',
      '`name` varchar(255) NULL',
      'PRIMARY KEY (`id`)',
      'UNIQUE INDEX `uniq_networksegment_network_type_physnet` (`network_id`, `network_type`, `physical_network`)',
      'INDEX `ix_networksegments_network_id_segment_index` (`network_id`, `segment_index`)',
      'CONSTRAINT `FK_e17a2bb0dfb705d2e2b6e6f5e68` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
  },
  {
    name: 'subnets',
    create: createTable('subnets', [
      '`id` varchar(36) NOT NULL',
      '`network_id` varchar(36) NOT NULL',
      '`cidr` varchar(64) NOT NULL',
      '`ip_version` int NOT NULL',
      '`segment_id` varchar(36) NULL',
      '`enable_dhcp` tinyint NOT NULL DEFAULT 1',
      'PRIMARY KEY (`id`)',
      'INDEX `ix_subnets_network_id` (`network_id`)',
      'CONSTRAINT `FK_17c44d03f859d2d4a0cf3e0232b` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
      'CONSTRAINT `FK_a4c5d0b10e44d5d15270e694ddd` FOREIGN KEY (`segment_id`) REFERENCES `networksegments` (`id`) ON DELETE SET NULL ON UPDATE NO ACTION',
    ]),
  },
  {
    name: 'ports',
    create: createTable('ports', [
      '`id` varchar(36) NOT NULL',
      '`network_id` varchar(36) NOT NULL',
      "`project_id` varchar(255) NOT NULL DEFAULT ''",
      "`name` varchar(255) NOT NULL DEFAULT ''",
      '`mac_address` varchar(32) NOT NULL',
      "`fixed_ips` text NOT NULL DEFAULT ('[]')",
      "`device_id` varchar(255) NOT NULL DEFAULT ''",
      "`device_owner` varchar(255) NOT NULL DEFAULT ''",
      '`status` varchar(16) NOT NULL',
      '`admin_state_up` tinyint NOT NULL DEFAULT 1',
      "`dns_name` varchar(255) NOT NULL DEFAULT ''",
      '`created_at` datetime(3) NOT NULL',
      'PRIMARY KEY (`id`)',
      'UNIQUE INDEX `uniq_ports_network_id_mac_address` (`network_id`, `mac_address`)',
      'INDEX `ix_ports_device_id` (`device_id`)',
      'CONSTRAINT `FK_900706dfba7f67d1152ddb72d17` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    ]),
  },
  {
    name: 'ml2_port_bindings',
    create: createTable('ml2_port_bindings', [
      '`port_id` varchar(36) NOT NULL',
      "`host` varchar(255) NOT NULL DEFAULT ''",
      "`vnic_type` varchar(64) NOT NULL DEFAULT 'normal'",
      "`profile` varchar(4095) NOT NULL DEFAULT ''",
      '`vif_type` varchar(64) NOT NULL',
      "`vif_details` varchar(4095) NOT NULL DEFAULT ''",
      "`status` varchar(16) NOT NULL DEFAULT 'ACTIVE'",
      'PRIMARY KEY (`port_id`, `host`)',
      'INDEX `ix_ml2_port_bindings_host` (`host`)',
      'CONSTRAINT `FK_2b3e449af0ed71e4849d35c7ab8` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
  },
  {
    name: 'ml2_port_binding_levels',
    create: createTable('ml2_port_binding_levels', [
      '`port_id` varchar(36) NOT NULL',
      '`host` varchar(255) NOT NULL',
      '`level` int NOT NULL',
      '`driver` varchar(64) NOT NULL',
      '`segment_id` varchar(36) NULL',
      'PRIMARY KEY (`port_id`, `host`, `level`)',
      'INDEX `ix_ml2_port_binding_levels_segment_id` (`segment_id`)',
      'CONSTRAINT `FK_09c1728f227d3ec9ecbd5dad84d` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
      'CONSTRAINT `FK_08ff0082ab7ab81ed773531ed22` FOREIGN KEY (`segment_id`) REFERENCES `networksegments` (`id`) ON DELETE SET NULL ON UPDATE NO ACTION',
    ]),
  },
  {
    name: 'provisioningblocks',
    create: createTable('provisioningblocks', [
      '`port_id` varchar(36) NOT NULL',
      '`entity` varchar(255) NOT NULL',
      'PRIMARY KEY (`port_id`, `entity`)',
      'CONSTRAINT `FK_7a7218cb3a46d0f7406ede4bf5c` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
  },
  {
    name: 'ml2ts_binding_traces',
    create: createTable('ml2ts_binding_traces', [
      '`port_id` varchar(36) NOT NULL',
      '`trace` text NOT NULL',
      '`recorded_at` datetime(3) NOT NULL',
      'PRIMARY KEY (`port_id`)',
      'CONSTRAINT `FK_f49ae03fa0c677cdf77b40ca23e` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    ]),
  },
  {
    name: 'agents',
    create: createTable('agents', [
      '`id` varchar(36) NOT NULL',
      '`agent_type` varchar(255) NOT NULL',
      '`binary` varchar(255) NOT NULL',
      '`topic` varchar(255) NOT NULL',
      '`host` varchar(255) NOT NULL',
      '`availability_zone` varchar(255) NULL',
      '`admin_state_up` tinyint NOT NULL DEFAULT 1',
      '`created_at` datetime(3) NOT NULL',
      '`started_at` datetime(3) NOT NULL',
      '`heartbeat_timestamp` datetime(3) NOT NULL',
      '`description` varchar(255) NULL',
      "`configurations` varchar(4095) NOT NULL DEFAULT '{}'",
      '`resource_versions` varchar(8191) NULL',
      '`load` int NOT NULL DEFAULT 0',
      'PRIMARY KEY (`id`)',
      'UNIQUE INDEX `uniq_agents0agent_type0host` (`agent_type`, `host`)',
      'INDEX `ix_agents_host` (`host`)',
    ]),
  },
  {
    name: 'ml2_vlan_allocations',
    create: createTable('ml2_vlan_allocations', [
      '`physical_network` varchar(64) NOT NULL',
      '`vlan_id` int NOT NULL',
      '`allocated` tinyint NOT NULL',
      'PRIMARY KEY (`physical_network`, `vlan_id`)',
      'INDEX `ix_ml2_vlan_allocations_physnet_allocated` (`physical_network`, `allocated`)',
    ]),
  },
  {
    name: 'ml2_vxlan_allocations',
    create: createTable('ml2_vxlan_allocations', [
      '`vxlan_vni` int NOT NULL',
      '`allocated` tinyint NOT NULL',
      'PRIMARY KEY (`vxlan_vni`)',
      'INDEX `ix_ml2_vxlan_allocations_allocated` (`allocated`)',
    ]),
  },
  {
    name: 'ml2_geneve_allocations',
    create: createTable('ml2_geneve_allocations', [
      '`geneve_vni` int NOT NULL',
      '`allocated` tinyint NOT NULL',
      'PRIMARY KEY (`geneve_vni`)',
      'INDEX `ix_ml2_geneve_allocations_allocated` (`allocated`)',
    ]),
  },
  {
    name: 'ml2_gre_allocations',
    create: createTable('ml2_gre_allocations', [
      '`gre_id` int NOT NULL',
      '`allocated` tinyint NOT NULL',
      'PRIMARY KEY (`gre_id`)',
      'INDEX `ix_ml2_gre_allocations_allocated` (`allocated`)',
    ]),
  },
  {
    name: 'ml2_flat_allocations',
    create: createTable('ml2_flat_allocations', [
      '`physical_network` varchar(64) NOT NULL',
      'PRIMARY KEY (`physical_network`)',
    ]),
  },
];

/**
 * Creates the first version of the ml2ts schema on MySQL and MariaDB: the same tables, keys,
 * unique constraints, indexes and foreign keys as the SQLite migration of the same timestamp, in
 * MySQL's types.
 *
 * MySQL commits each DDL statement on its own: a throw half-way leaves the tables created so far,
 * and `down` (or dropping the database) is the way back. `down` drops everything, children before
 * parents.
 */
export class InitialSchemaMysql1795621940910 implements MigrationInterface {
  /** The name recorded in the `migrations` table; ends with the migration's timestamp. */
  name = 'InitialSchemaMysql1795621940910';

  /** Creates every table with its indexes. Throws if the database is not MySQL or MariaDB. */
  async up(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    await createTables(queryRunner, TABLES);
  }

  /** Drops every table `up` created, in reverse order. */
  async down(queryRunner: QueryRunner): Promise<void> {
    assertDialect(queryRunner, this.name, 'MySQL');
    await dropTables(queryRunner, TABLES, (table) => [`DROP TABLE \`${table.name}\``]);
  }
}
