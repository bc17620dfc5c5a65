import { type TaggableResourceType } from '@ml2ts/driver-api';

/** The resources with standard attributes: the taggable ones and segments. */
export type StandardResourceType = TaggableResourceType | 'segments';

/**
 * Moves the revision of a resource whose own row an operation does not otherwise write (a tag
 * change, a subnet added to its network). One instance serves one unit of work; every method runs
 * inside the caller's transaction and opens none. A throw is the database's error.
 */
export interface RevisionRepository {
  /**
   * Adds 1 to the resource's `revision_number` and sets its `updated_at`, in one statement.
   * False when there is no such resource. For a port, the port row's share of its revision.
   */
  bump(resourceType: StandardResourceType, resourceId: string, updatedAt: Date): Promise<boolean>;
}
