import { Agent } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { type AgentHeartbeatRow, type AgentRepository } from './agent-repository';

/** `AgentRepository` through TypeORM's entity manager, for every database the store supports. */
export class EntityAgentRepository implements AgentRepository {
  constructor(protected readonly manager: EntityManager) {}

  /**
   * Reads the row FOR UPDATE: an agent another process is deleting is either still here, locked
   * until this batch commits, or already gone (and its next report is `new`), never deleted
   * between this read and the heartbeat's write.
   */
  async findByTypeAndHost(agentType: string, host: string): Promise<AgentHeartbeatRow | null> {
    const row = await this.manager.findOne(Agent, {
      where: { agentType, host },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) return null;
    return {
      id: row.id,
      agentType,
      host,
      binary: row.binary,
      topic: row.topic,
      availabilityZone: row.availabilityZone,
      adminStateUp: row.adminStateUp,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      heartbeat: row.heartbeatTimestamp,
      configurations: row.configurations,
      resourceVersions: row.resourceVersions,
      load: row.load,
    };
  }

  async insert(row: AgentHeartbeatRow): Promise<void> {
    await this.manager.insert(Agent, {
      id: row.id,
      agentType: row.agentType,
      binary: row.binary,
      topic: row.topic,
      host: row.host,
      availabilityZone: row.availabilityZone,
      adminStateUp: row.adminStateUp,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      heartbeatTimestamp: row.heartbeat,
      description: null,
      configurations: row.configurations,
      resourceVersions: row.resourceVersions,
      load: row.load,
    });
  }

  async updateHeartbeat(row: AgentHeartbeatRow): Promise<boolean> {
    const result = await this.manager.update(
      Agent,
      { id: row.id },
      {
        binary: row.binary,
        topic: row.topic,
        availabilityZone: row.availabilityZone,
        startedAt: row.startedAt,
        heartbeatTimestamp: row.heartbeat,
        configurations: row.configurations,
        resourceVersions: row.resourceVersions,
        load: row.load,
      },
    );
    return result.affected === 1;
  }

  onHost(host: string): Promise<Agent[]> {
    return this.manager.find(Agent, { where: { host } });
  }

  list(filter: { readonly host?: string; readonly agentType?: string }): Promise<Agent[]> {
    const where: { host?: string; agentType?: string } = {};
    if (filter.host !== undefined) where.host = filter.host;
    if (filter.agentType !== undefined) where.agentType = filter.agentType;
    return this.manager.find(Agent, { where, order: { host: 'ASC', agentType: 'ASC' } });
  }

  find(agentId: string): Promise<Agent | null> {
    return this.manager.findOne(Agent, { where: { id: agentId } });
  }

  async setAdminState(agentId: string, adminStateUp: boolean): Promise<boolean> {
    const result = await this.manager.update(Agent, { id: agentId }, { adminStateUp });
    return (result.affected ?? 0) > 0;
  }

  async updateAdministrative(
    agentId: string,
    changes: { readonly adminStateUp?: boolean; readonly description?: string | null },
  ): Promise<boolean> {
    const values: { adminStateUp?: boolean; description?: string | null } = {};
    if (changes.adminStateUp !== undefined) values.adminStateUp = changes.adminStateUp;
    if (changes.description !== undefined) values.description = changes.description;
    if (Object.keys(values).length === 0) return this.manager.existsBy(Agent, { id: agentId });
    const result = await this.manager.update(Agent, { id: agentId }, values);
    return (result.affected ?? 0) > 0;
  }

  async delete(agentId: string): Promise<boolean> {
    const result = await this.manager.delete(Agent, { id: agentId });
    return (result.affected ?? 0) > 0;
  }
}
