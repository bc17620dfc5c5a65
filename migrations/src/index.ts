import { type MigrationInterface } from 'typeorm';
import { InitialSchema1795621940910 } from './1795621940910-initial-schema';
import { InitialSchemaMysql1795621940910 } from './mysql/1795621940910-initial-schema-mysql';
import { InitialSchemaPostgres1795621940910 } from './postgres/1795621940910-initial-schema-postgres';
import { IpAllocations1796130000000 } from './1796130000000-ip-allocations';
import { IpAllocationsMysql1796130000000 } from './mysql/1796130000000-ip-allocations-mysql';
import { IpAllocationsPostgres1796130000000 } from './postgres/1796130000000-ip-allocations-postgres';
import { StandardAttributes1796200000000 } from './1796200000000-standard-attributes';
import { StandardAttributesMysql1796200000000 } from './mysql/1796200000000-standard-attributes-mysql';
import { StandardAttributesPostgres1796200000000 } from './postgres/1796200000000-standard-attributes-postgres';
import { SubnetAddressing1796210000000 } from './1796210000000-subnet-addressing';
import { SubnetAddressingMysql1796210000000 } from './mysql/1796210000000-subnet-addressing-mysql';
import { SubnetAddressingPostgres1796210000000 } from './postgres/1796210000000-subnet-addressing-postgres';
import { SecurityGroups1796220000000 } from './1796220000000-security-groups';
import { SecurityGroupsMysql1796220000000 } from './mysql/1796220000000-security-groups-mysql';
import { SecurityGroupsPostgres1796220000000 } from './postgres/1796220000000-security-groups-postgres';
import { TunnelEndpoints1796230000000 } from './1796230000000-tunnel-endpoints';
import { TunnelEndpointsMysql1796230000000 } from './mysql/1796230000000-tunnel-endpoints-mysql';
import { TunnelEndpointsPostgres1796230000000 } from './postgres/1796230000000-tunnel-endpoints-postgres';

export {
  InitialSchema1795621940910,
  InitialSchemaMysql1795621940910,
  InitialSchemaPostgres1795621940910,
  IpAllocations1796130000000,
  IpAllocationsMysql1796130000000,
  IpAllocationsPostgres1796130000000,
  StandardAttributes1796200000000,
  StandardAttributesMysql1796200000000,
  StandardAttributesPostgres1796200000000,
  SubnetAddressing1796210000000,
  SubnetAddressingMysql1796210000000,
  SubnetAddressingPostgres1796210000000,
  SecurityGroups1796220000000,
  SecurityGroupsMysql1796220000000,
  SecurityGroupsPostgres1796220000000,
  TunnelEndpoints1796230000000,
  TunnelEndpointsMysql1796230000000,
  TunnelEndpointsPostgres1796230000000,
};

/** A migration class, as TypeORM takes it. */
export type MigrationClass = new () => MigrationInterface;

/** The SQL dialects with a migration history of their own; MariaDB is `mysql`. */
export type MigrationDialect = 'sqlite' | 'postgres' | 'mysql';

/**
 * Every SQLite migration of the ml2ts schema, oldest first. The store hands this list to TypeORM,
 * so it works the same from TypeScript sources (jest) and from compiled `dist` (node): append each
 * new migration class here, never reorder or remove one.
 */
export const MIGRATIONS: readonly MigrationClass[] = [
  InitialSchema1795621940910,
  IpAllocations1796130000000,
  StandardAttributes1796200000000,
  SubnetAddressing1796210000000,
  SecurityGroups1796220000000,
  TunnelEndpoints1796230000000,
];

/** The SQLite history: the same list as `MIGRATIONS`. */
export const SQLITE_MIGRATIONS: readonly MigrationClass[] = MIGRATIONS;

/**
 * Every PostgreSQL migration, oldest first. A schema change adds one migration to each of the
 * three histories, with the same timestamp, so every dialect reaches the same schema version.
 */
export const POSTGRES_MIGRATIONS: readonly MigrationClass[] = [
  InitialSchemaPostgres1795621940910,
  IpAllocationsPostgres1796130000000,
  StandardAttributesPostgres1796200000000,
  SubnetAddressingPostgres1796210000000,
  SecurityGroupsPostgres1796220000000,
  TunnelEndpointsPostgres1796230000000,
];

/** Every MySQL/MariaDB migration, oldest first (see `POSTGRES_MIGRATIONS`). */
export const MYSQL_MIGRATIONS: readonly MigrationClass[] = [
  InitialSchemaMysql1795621940910,
  IpAllocationsMysql1796130000000,
  StandardAttributesMysql1796200000000,
  SubnetAddressingMysql1796210000000,
  SecurityGroupsMysql1796220000000,
  TunnelEndpointsMysql1796230000000,
];

/** The migration history of `dialect`, oldest first. Pure. */
export function migrationsFor(dialect: MigrationDialect): readonly MigrationClass[] {
  switch (dialect) {
    case 'sqlite':
      return SQLITE_MIGRATIONS;
    case 'postgres':
      return POSTGRES_MIGRATIONS;
    case 'mysql':
      return MYSQL_MIGRATIONS;
  }
}
