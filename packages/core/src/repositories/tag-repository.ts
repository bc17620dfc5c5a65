import { type TaggableResourceType } from '@ml2ts/driver-api';

/**
 * The engine's storage of tags (`tags` rows) of networks, subnets, ports and security groups.
 * One instance serves one unit of work: every method runs inside the caller's transaction (or read), on its
 * connection, and opens none itself. Methods neither check that the resource exists nor move
 * its revision: the caller does both. A throw is the database's error and the caller's unit of
 * work rolls back.
 */
export interface TagRepository {
  /**
   * The tags of each of `resourceIds`, sorted, by resource id; a resource without tags has no
   * entry. One statement whatever the number of ids.
   */
  tagsOf(
    resourceType: TaggableResourceType,
    resourceIds: readonly string[],
  ): Promise<Map<string, string[]>>;
  /** Gives the resource `tags`; a tag it has already is kept as it is. */
  add(
    resourceType: TaggableResourceType,
    resourceId: string,
    tags: readonly string[],
  ): Promise<void>;
  /** Takes one tag from the resource; false when it did not have it. */
  remove(resourceType: TaggableResourceType, resourceId: string, tag: string): Promise<boolean>;
  /** Takes every tag from each of `resourceIds`. */
  removeAll(resourceType: TaggableResourceType, resourceIds: readonly string[]): Promise<void>;
}
