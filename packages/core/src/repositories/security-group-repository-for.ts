import { type EntityManager } from 'typeorm';
import { EntitySecurityGroupRepository } from './entity-security-group-repository';
import { type SecurityGroupRepository } from './security-group-repository';
import { SqliteSecurityGroupRepository } from './sqlite-security-group-repository';

/**
 * The `SecurityGroupRepository` for one unit of work: prepared statements for the port-create
 * path on SQLite, TypeORM's entity manager on any other database. Cheap (one small object).
 */
export function securityGroupRepositoryFor(manager: EntityManager): SecurityGroupRepository {
  return manager.connection.options.type === 'better-sqlite3'
    ? new SqliteSecurityGroupRepository(manager)
    : new EntitySecurityGroupRepository(manager);
}
