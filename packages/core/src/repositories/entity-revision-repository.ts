import { Network, NetworkSegment, Port, SecurityGroup, Subnet } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { incrementRevision } from './increment-revision';
import { type RevisionRepository, type StandardResourceType } from './revision-repository';

/** The entity whose table holds each resource type's rows. */
const ENTITY_OF = {
  networks: Network,
  subnets: Subnet,
  ports: Port,
  segments: NetworkSegment,
  'security-groups': SecurityGroup,
} as const;

/**
 * `RevisionRepository` through TypeORM's entity manager, for every database the store supports.
 * Every call runs on the unit of work's manager, inside its transaction.
 */
export class EntityRevisionRepository implements RevisionRepository {
  constructor(private readonly manager: EntityManager) {}

  async bump(
    resourceType: StandardResourceType,
    resourceId: string,
    updatedAt: Date,
  ): Promise<boolean> {
    const result = await this.manager.update(
      ENTITY_OF[resourceType],
      { id: resourceId },
      { updatedAt, revisionNumber: incrementRevision },
    );
    return (result.affected ?? 0) > 0;
  }
}
