import { type EntityManager } from 'typeorm';
import { EntityPortRepository } from './entity-port-repository';
import { type PortRepository } from './port-repository';
import { SqlitePortRepository } from './sqlite-port-repository';

/**
 * The `PortRepository` for one unit of work: SQLite's prepared statements when the store is
 * SQLite, TypeORM's entity manager on any other database. Cheap (one small object); call it
 * once per unit of work with that unit's manager.
 */
export function portRepositoryFor(manager: EntityManager): PortRepository {
  return manager.connection.options.type === 'better-sqlite3'
    ? new SqlitePortRepository(manager)
    : new EntityPortRepository(manager);
}
