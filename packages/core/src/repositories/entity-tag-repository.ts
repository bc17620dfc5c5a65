import { type TaggableResourceType } from '@ml2ts/driver-api';
import { Tag } from '@ml2ts/store';
import { type EntityManager, In } from 'typeorm';
import { type TagRepository } from './tag-repository';

/**
 * Above this many ids, `tagsOf` reads every tag of the resource type and keeps those asked for:
 * still one statement, and never more bound parameters than any database takes.
 */
const MAX_IDS_PER_LOOKUP = 500;

/**
 * `TagRepository` through TypeORM's entity manager, for every database the store supports. Every
 * call runs on the unit of work's manager, inside its transaction.
 */
export class EntityTagRepository implements TagRepository {
  constructor(private readonly manager: EntityManager) {}

  async tagsOf(
    resourceType: TaggableResourceType,
    resourceIds: readonly string[],
  ): Promise<Map<string, string[]>> {
    const tags = new Map<string, string[]>();
    if (resourceIds.length === 0) return tags;
    const wanted = new Set(resourceIds);
    const rows = await this.manager.find(Tag, {
      where:
        wanted.size > MAX_IDS_PER_LOOKUP
          ? { resourceType }
          : { resourceType, resourceId: In([...wanted]) },
      order: { resourceId: 'ASC', tag: 'ASC' },
    });
    for (const row of rows) {
      if (!wanted.has(row.resourceId)) continue;
      const list = tags.get(row.resourceId);
      if (list) list.push(row.tag);
      else tags.set(row.resourceId, [row.tag]);
    }
    // The database's collation orders the rows; the API shows code-unit order everywhere.
    for (const list of tags.values()) list.sort(compareCodeUnits);
    return tags;
  }

  async add(
    resourceType: TaggableResourceType,
    resourceId: string,
    tags: readonly string[],
  ): Promise<void> {
    if (tags.length === 0) return;
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(Tag)
      .values([...new Set(tags)].map((tag) => ({ resourceType, resourceId, tag })))
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  async remove(
    resourceType: TaggableResourceType,
    resourceId: string,
    tag: string,
  ): Promise<boolean> {
    const result = await this.manager.delete(Tag, { resourceType, resourceId, tag });
    return (result.affected ?? 0) > 0;
  }

  async removeAll(
    resourceType: TaggableResourceType,
    resourceIds: readonly string[],
  ): Promise<void> {
    const ids = [...new Set(resourceIds)];
    for (let start = 0; start < ids.length; start += MAX_IDS_PER_LOOKUP) {
      const chunk = ids.slice(start, start + MAX_IDS_PER_LOOKUP);
      await this.manager.delete(Tag, { resourceType, resourceId: In(chunk) });
    }
  }
}

/** Orders strings by UTF-16 code units, as `Array.prototype.sort` does by default. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
