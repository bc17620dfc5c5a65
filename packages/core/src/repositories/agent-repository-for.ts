import { type EntityManager } from 'typeorm';
import { type AgentRepository } from './agent-repository';
import { EntityAgentRepository } from './entity-agent-repository';
import { SqliteAgentRepository } from './sqlite-agent-repository';

/**
 * The `AgentRepository` for one unit of work: prepared statements on SQLite, TypeORM's entity
 * manager on any other database. Call it once per unit of work with that unit's manager.
 */
export function agentRepositoryFor(manager: EntityManager): AgentRepository {
  return manager.connection.options.type === 'better-sqlite3'
    ? new SqliteAgentRepository(manager)
    : new EntityAgentRepository(manager);
}
