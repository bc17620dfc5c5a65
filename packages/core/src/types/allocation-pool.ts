import {
  Between,
  type EntityManager,
  type EntityTarget,
  type FindOperator,
  type FindOptionsWhere,
  LessThan,
  MoreThan,
  type ObjectLiteral,
} from 'typeorm';
import { skipAllocated } from './free-id-walk';
import { type IdRange, mergeRanges } from './id-ranges';
import { withSavepoint } from './savepoint';
import { isUniqueViolation } from './unique-violation';

/** An allocation-table row: a key and the `allocated` flag (always true for rows ml2ts writes). */
export interface AllocationRow extends ObjectLiteral {
  allocated: boolean;
}

/** How one allocation table (`ml2_vlan_allocations`, `ml2_vxlan_allocations`, ...) is keyed. */
export interface AllocationTable<Row extends AllocationRow> {
  readonly entity: EntityTarget<Row>;
  /** The property holding the segmentation id (`vlanId`, or `id` for tunnels). */
  readonly idProperty: keyof Row & string;
}

/** What `AllocationPool.sync` found and changed. */
export interface PoolSyncResult {
  /** Free rows (`allocated` false, written by older versions of ml2ts) that were deleted. */
  readonly deleted: number;
  /** Allocated rows kept although their id lies outside the ranges (they stay until released). */
  readonly allocatedOutside: number;
}

/** Allocated ids read per query while walking a range for its n-th free id. */
export const WALK_PAGE_SIZE = 1000;

/**
 * The ids of one allocation table narrowed by a fixed `scope` (VLAN: one physical network; `{}`
 * = the whole table) that the configured `ranges` offer, stored sparsely: a row exists only for
 * an id that is allocated (inside or outside the ranges), and every id of the ranges without a
 * row is free. So nothing at start-up or in memory grows with the size of the ranges; every
 * query reads allocated rows only, through the primary key.
 *
 * The primary key is the only guard against two claims of one id, also across processes: a
 * claim is an INSERT, run in a savepoint so that losing the race (a duplicate key) leaves the
 * caller's transaction usable on every database.
 *
 * Every method runs on the caller's `EntityManager`, inside the caller's transaction, and opens
 * none itself (a savepoint is not a transaction of its own); none blocks on anything but the
 * database. Database errors other than a lost claim are re-thrown unchanged.
 */
export class AllocationPool<Row extends AllocationRow> {
  /** The configured ranges, sorted, disjoint and non-adjacent. */
  readonly ranges: readonly IdRange[];

  /**
   * `walkPageSize` (allocated ids read per query of `freeIdWithin`) is there for tests; the
   * default suits production.
   */
  constructor(
    private readonly table: AllocationTable<Row>,
    readonly scope: Readonly<Record<string, unknown>>,
    ranges: readonly IdRange[],
    private readonly walkPageSize = WALK_PAGE_SIZE,
  ) {
    this.ranges = mergeRanges(ranges);
  }

  /** Number of taken ids (rows in scope) within `range`. One indexed count. */
  async countTakenWithin(manager: EntityManager, [min, max]: IdRange): Promise<number> {
    return this.countWhere(manager, { [this.table.idProperty]: Between(min, max) });
  }

  /** True when `id` has a row in scope (allocated; or free, left by an older version). */
  async isTaken(manager: EntityManager, id: number): Promise<boolean> {
    return manager.existsBy(this.table.entity, this.idWhere(id));
  }

  /**
   * The `n`-th (0-based) free id of `range`, one of `this.ranges`, in ascending order: walks the
   * taken ids of the range upwards, a page at a time, and stops at the first one above the
   * answer, so it reads at most the taken ids below the answer plus one page. Returns null when
   * the range has no `n`-th free id (it filled up after the caller counted it).
   */
  async freeIdWithin(manager: EntityManager, range: IdRange, n: number): Promise<number | null> {
    const [min, max] = range;
    let candidate = min + n;
    let after = min - 1;
    for (;;) {
      const page = await this.takenIdsWithin(manager, after + 1, max);
      const step = skipAllocated(candidate, page);
      candidate = step.candidate;
      if (step.settled || page.length < this.walkPageSize) break;
      after = page[page.length - 1];
    }
    return candidate <= max ? candidate : null;
  }

  /**
   * Claims `id` (fully specified reserve; inside or outside the ranges alike): inserts its
   * allocated row unless the id is taken. Returns the row, or null when the id was taken
   * already or a concurrent claim inserted it first.
   */
  async claim(manager: EntityManager, id: number): Promise<Row | null> {
    if (await this.isTaken(manager, id)) return null;
    return this.insertAllocated(manager, id);
  }

  /**
   * Inserts the allocated row of `id`, without looking first, in a savepoint. Returns the row,
   * or null when the primary key refused it (a concurrent claim won; the savepoint was rolled
   * back and the caller's transaction goes on).
   */
  async insertAllocated(manager: EntityManager, id: number): Promise<Row | null> {
    const row = manager.create(this.table.entity, {
      ...this.scope,
      [this.table.idProperty]: id,
      allocated: true,
    } as unknown as Row);
    try {
      await withSavepoint(manager, () =>
        manager
          .createQueryBuilder()
          .insert()
          .into(this.table.entity)
          .values(row)
          .updateEntity(false)
          .execute(),
      );
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    return row;
  }

  /** The row of `id` in scope, or null. */
  async find(manager: EntityManager, id: number): Promise<Row | null> {
    return manager.findOne(this.table.entity, { where: this.idWhere(id) });
  }

  /**
   * Releases `id`: deletes its row, inside the ranges or outside alike (the id is then free,
   * or gone from the pool). Returns the number of rows deleted (0 or 1).
   */
  async release(manager: EntityManager, id: number): Promise<number> {
    const result = await manager.delete(this.table.entity, this.idWhere(id));
    return result.affected ?? 0;
  }

  /**
   * Start-up synchronisation: deletes the free rows in scope (older versions of ml2ts stored one
   * per id of the ranges) and counts the allocated rows outside the ranges, which stay until
   * their segment is released. NEVER deletes an allocated row. Costs one delete and one count
   * per gap between ranges, whatever the size of the ranges.
   */
  async sync(manager: EntityManager): Promise<PoolSyncResult> {
    const deleted = await manager.delete(this.table.entity, this.where({ allocated: false }));
    let allocatedOutside = 0;
    for (const condition of outsideRanges(this.ranges)) {
      allocatedOutside += await this.countWhere(
        manager,
        condition === undefined ? {} : { [this.table.idProperty]: condition },
      );
    }
    return { deleted: deleted.affected ?? 0, allocatedOutside };
  }

  /** Taken ids in scope within `[from, to]`, ascending, at most one page. */
  private async takenIdsWithin(
    manager: EntityManager,
    from: number,
    to: number,
  ): Promise<number[]> {
    const id = `row.${this.table.idProperty}`;
    const rows = await manager
      .createQueryBuilder(this.table.entity, 'row')
      .select(id, 'id')
      .where(this.where({ [this.table.idProperty]: Between(from, to) }))
      .orderBy(id, 'ASC')
      .limit(this.walkPageSize)
      .getRawMany<{ id: number | string }>();
    return rows.map((row) => Number(row.id));
  }

  private async countWhere(
    manager: EntityManager,
    extra: Record<string, unknown>,
  ): Promise<number> {
    const result = await manager
      .createQueryBuilder(this.table.entity, 'row')
      .select('COUNT(*)', 'count')
      .where(this.where(extra))
      .getRawOne<{ count: number | string }>();
    return Number(result?.count ?? 0);
  }

  private idWhere(id: number): FindOptionsWhere<Row> {
    return this.where({ [this.table.idProperty]: id });
  }

  private where(extra: Record<string, unknown>): FindOptionsWhere<Row> {
    return { ...this.scope, ...extra } as FindOptionsWhere<Row>;
  }
}

/**
 * Conditions covering every id outside the sorted, disjoint `merged` ranges; `undefined` stands
 * for "every id" (no ranges at all).
 */
function outsideRanges(merged: readonly IdRange[]): Array<FindOperator<number> | undefined> {
  if (merged.length === 0) return [undefined];
  const conditions: FindOperator<number>[] = [LessThan(merged[0][0])];
  for (let index = 1; index < merged.length; index += 1) {
    conditions.push(Between(merged[index - 1][1] + 1, merged[index][0] - 1));
  }
  conditions.push(MoreThan(merged[merged.length - 1][1]));
  return conditions;
}
