import {
  type Clock,
  NetworkNotFound,
  type NotFound,
  PortNotFound,
  SecurityGroupNotFound,
  SubnetNotFound,
  type TaggableResourceType,
  TagNotFound,
} from '@ml2ts/driver-api';
import { type Repositories, type UnitOfWork } from '../repositories/unit-of-work';

/**
 * Tags of networks, subnets, ports and security groups (Neutron's `standard-attr-tag`). Every
 * change is one transaction that moves the resource's revision and `updated_at` with it.
 * Arguments are checked by the plugin's operation guard before they get here. Every method opens
 * its own unit of work and must not be called inside one; an unknown resource is its NotFound
 * (404) and nothing is written on any error.
 */
export class TagService {
  constructor(
    private readonly repositories: Repositories,
    private readonly clock: Clock,
  ) {}

  /** The resource's tags, sorted. */
  async list(resourceType: TaggableResourceType, resourceId: string): Promise<string[]> {
    return this.repositories.read(async (unit) => {
      if (!(await resourceExists(unit, resourceType, resourceId))) {
        throw resourceNotFound(resourceType, resourceId);
      }
      return (await unit.tags.tagsOf(resourceType, [resourceId])).get(resourceId) ?? [];
    });
  }

  /** Nothing when the resource has `tag`; TagNotFound (404) when it does not. */
  async check(resourceType: TaggableResourceType, resourceId: string, tag: string): Promise<void> {
    const tags = await this.list(resourceType, resourceId);
    if (!tags.includes(tag)) throw new TagNotFound(tag);
  }

  /** Gives the resource exactly `tags`; returns them sorted. */
  async replace(
    resourceType: TaggableResourceType,
    resourceId: string,
    tags: readonly string[],
  ): Promise<string[]> {
    await this.change(resourceType, resourceId, async (unit) => {
      await unit.tags.removeAll(resourceType, [resourceId]);
      await unit.tags.add(resourceType, resourceId, tags);
    });
    return [...tags].sort();
  }

  /** Adds one tag; one the resource has already is kept (the revision still moves). */
  async add(resourceType: TaggableResourceType, resourceId: string, tag: string): Promise<void> {
    await this.change(resourceType, resourceId, (unit) =>
      unit.tags.add(resourceType, resourceId, [tag]),
    );
  }

  /** Removes one tag; TagNotFound (404) when the resource does not have it. */
  async remove(resourceType: TaggableResourceType, resourceId: string, tag: string): Promise<void> {
    await this.change(resourceType, resourceId, async (unit) => {
      if (!(await unit.tags.remove(resourceType, resourceId, tag))) throw new TagNotFound(tag);
    });
  }

  /** Removes every tag of the resource. */
  async removeAll(resourceType: TaggableResourceType, resourceId: string): Promise<void> {
    await this.change(resourceType, resourceId, (unit) =>
      unit.tags.removeAll(resourceType, [resourceId]),
    );
  }

  /**
   * One transaction: moves the resource's revision (which finds it, or throws its NotFound
   * before anything is written), then runs `work`.
   */
  private async change(
    resourceType: TaggableResourceType,
    resourceId: string,
    work: (unit: UnitOfWork) => Promise<void>,
  ): Promise<void> {
    await this.repositories.transaction(async (unit) => {
      if (!(await unit.revisions.bump(resourceType, resourceId, this.clock.now()))) {
        throw resourceNotFound(resourceType, resourceId);
      }
      await work(unit);
    });
  }
}

/** True when the resource exists, inside the caller's unit of work. */
async function resourceExists(
  unit: UnitOfWork,
  resourceType: TaggableResourceType,
  resourceId: string,
): Promise<boolean> {
  switch (resourceType) {
    case 'networks':
      return unit.networks.exists(resourceId);
    case 'subnets':
      return (await unit.subnets.find(resourceId)) !== null;
    case 'ports':
      return unit.ports.portExists(resourceId);
    case 'security-groups':
      return (await unit.securityGroups.findGroup(resourceId)) !== null;
  }
}

/** The 404 of an unknown resource of `resourceType`. */
function resourceNotFound(resourceType: TaggableResourceType, resourceId: string): NotFound {
  switch (resourceType) {
    case 'networks':
      return new NetworkNotFound(resourceId);
    case 'subnets':
      return new SubnetNotFound(resourceId);
    case 'ports':
      return new PortNotFound(resourceId);
    case 'security-groups':
      return new SecurityGroupNotFound(resourceId);
  }
}
