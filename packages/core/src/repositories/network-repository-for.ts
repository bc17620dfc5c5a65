import { type EntityManager } from 'typeorm';
import { EntityNetworkRepository } from './entity-network-repository';
import { type NetworkRepository } from './network-repository';
import { SqliteNetworkRepository } from './sqlite-network-repository';

/**
 * The `NetworkRepository` for one unit of work: prepared statements for the hot reads on
 * SQLite, TypeORM's entity manager on any other database.
 */
export function networkRepositoryFor(manager: EntityManager): NetworkRepository {
  return manager.connection.options.type === 'better-sqlite3'
    ? new SqliteNetworkRepository(manager)
    : new EntityNetworkRepository(manager);
}
