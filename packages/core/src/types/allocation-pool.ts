import {
  Between,
  type EntityManager,
  type EntityTarget,
  type FindOperator,
  type FindOptionsOrder,
  type FindOptionsWhere,
  LessThan,
  MoreThan,
  type ObjectLiteral,
  type QueryDeepPartialEntity,
} from 'typeorm';
import { type RandomSource } from '@ml2ts/driver-api';
import { SegmentAllocationRaceLost } from './errors/segment-allocation-race-lost';
import { type IdRange, mergeRanges } from './id-ranges';
import { isUniqueViolation } from './unique-violation';

/** An allocation-table row: a key and whether a segment holds it. */
export interface AllocationRow extends ObjectLiteral {
  allocated: boolean;
}

/** How one allocation table (`ml2_vlan_allocations`, `ml2_vxlan_allocations`, ...) is keyed. */
export interface AllocationTable<Row extends AllocationRow> {
  readonly entity: EntityTarget<Row>;
  /** The property holding the segmentation id (`vlanId`, or `id` for tunnels). */
  readonly idProperty: keyof Row & string;
  /** Every primary-key property, the segmentation id last; also the random-pick order. */
  readonly keyProperties: readonly (keyof Row & string)[];
}

/** What `AllocationPool.sync` changed. */
export interface PoolSyncResult {
  /** Free rows outside the ranges that were deleted. */
  readonly deleted: number;
  /** Rows inside the ranges that were missing and were inserted as free. */
  readonly inserted: number;
}

/** Rows per INSERT statement during `sync` (3 bound values per row at most). */
const INSERT_CHUNK_ROWS = 1000;

/**
 * The generic allocation scheme of the VLAN and tunnel type drivers, over one allocation table
 * narrowed by a fixed `scope` (VLAN: one physical network; `{}` = the whole table).
 *
 * Every method runs on the caller's `EntityManager`, inside the caller's transaction, and opens
 * none itself. Free rows are claimed with a conditional update (free → allocated), so two units
 * of work can never both hold one row: the loser gets `SegmentAllocationRaceLost`.
 */
export class AllocationPool<Row extends AllocationRow> {
  constructor(
    private readonly table: AllocationTable<Row>,
    private readonly scope: Readonly<Record<string, unknown>> = {},
  ) {}

  /**
   * Claims one free row chosen uniformly at random (partially specified reserve): counts the
   * free rows, reads the one at a random offset in key order, then flips it free → allocated.
   * Two statements plus the update, whatever the pool size; no free row is loaded but the one.
   * Returns the claimed row, or null when no row is free. Throws `SegmentAllocationRaceLost`
   * when the chosen row was taken or removed meanwhile.
   */
  async claimRandomFree(manager: EntityManager, random: RandomSource): Promise<Row | null> {
    const free = this.where({ allocated: false });
    const count = await manager.count(this.table.entity, { where: free });
    if (count === 0) return null;
    const [row] = await manager.find(this.table.entity, {
      where: free,
      order: this.keyOrder(),
      skip: random.nextInt(count),
      take: 1,
    });
    if (row === undefined || !(await this.flip(manager, row, false, true))) {
      throw new SegmentAllocationRaceLost();
    }
    row.allocated = true;
    return row;
  }

  /**
   * Claims the row of `id` (fully specified reserve): a free row is flipped to allocated; a
   * missing row (an id outside the ranges) is inserted as allocated. Returns the row, or null
   * when it is already allocated (also when a concurrent insert of the same key won). Throws
   * `SegmentAllocationRaceLost` when the free row was taken or removed meanwhile.
   */
  async claim(manager: EntityManager, id: number): Promise<Row | null> {
    const existing = await this.find(manager, id);
    if (existing !== null) {
      if (existing.allocated) return null;
      if (!(await this.flip(manager, existing, false, true))) throw new SegmentAllocationRaceLost();
      existing.allocated = true;
      return existing;
    }
    const created = manager.create(this.table.entity, {
      ...this.scope,
      [this.table.idProperty]: id,
      allocated: true,
    } as unknown as Row);
    try {
      await manager
        .createQueryBuilder()
        .insert()
        .into(this.table.entity)
        .values(created)
        .updateEntity(false)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    return created;
  }

  /** The row of `id` in scope, or null. */
  async find(manager: EntityManager, id: number): Promise<Row | null> {
    return manager.findOne(this.table.entity, { where: this.idWhere(id) });
  }

  /**
   * Marks the row of `id` free; with `onlyIfAllocated`, only when it is allocated. Returns the
   * number of rows the update matched (0 or 1).
   */
  async markFree(manager: EntityManager, id: number, onlyIfAllocated: boolean): Promise<number> {
    const where = onlyIfAllocated
      ? this.where({ [this.table.idProperty]: id, allocated: true })
      : this.idWhere(id);
    const result = await manager.update(this.table.entity, where, this.allocatedSetTo(false));
    return result.affected ?? 0;
  }

  /** Deletes the row of `id`. Returns the number of rows deleted (0 or 1). */
  async remove(manager: EntityManager, id: number): Promise<number> {
    const result = await manager.delete(this.table.entity, this.idWhere(id));
    return result.affected ?? 0;
  }

  /**
   * Start-up synchronisation with the configured `ranges`: deletes the free rows outside them
   * (allocated ones stay until released) and inserts every missing id inside them as free, in
   * chunks of 1000 rows. Reads only the ids that exist inside each range, never the whole
   * table, so a restart with nothing to do costs one indexed scan per range.
   */
  async sync(manager: EntityManager, ranges: readonly IdRange[]): Promise<PoolSyncResult> {
    const merged = mergeRanges(ranges);
    let deleted = 0;
    const outside = outsideRanges(merged);
    const deletions =
      outside.length === 0
        ? [this.where({ allocated: false })]
        : outside.map((condition) =>
            this.where({ [this.table.idProperty]: condition, allocated: false }),
          );
    for (const where of deletions) {
      deleted += (await manager.delete(this.table.entity, where)).affected ?? 0;
    }

    let inserted = 0;
    for (const [min, max] of merged) {
      const existing = await this.idsWithin(manager, min, max);
      let pending: Row[] = [];
      let next = 0;
      for (let id = min; id <= max; id += 1) {
        while (next < existing.length && existing[next] < id) next += 1;
        if (next < existing.length && existing[next] === id) continue;
        pending.push({ ...this.scope, [this.table.idProperty]: id, allocated: false } as Row);
        if (pending.length === INSERT_CHUNK_ROWS) {
          inserted += await this.insertFree(manager, pending);
          pending = [];
        }
      }
      if (pending.length > 0) inserted += await this.insertFree(manager, pending);
    }
    return { deleted, inserted };
  }

  /** The ids in scope within `[min, max]`, ascending. */
  private async idsWithin(manager: EntityManager, min: number, max: number): Promise<number[]> {
    const id = `row.${this.table.idProperty}`;
    const rows = await manager
      .createQueryBuilder(this.table.entity, 'row')
      .select(id, 'id')
      .where(this.where({ [this.table.idProperty]: Between(min, max) }))
      .orderBy(id, 'ASC')
      .getRawMany<{ id: number }>();
    return rows.map((row) => Number(row.id));
  }

  private async insertFree(manager: EntityManager, rows: Row[]): Promise<number> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(this.table.entity)
      .values(rows)
      .updateEntity(false)
      .execute();
    return rows.length;
  }

  /** Conditional update of one row's `allocated` flag; true when the row was changed. */
  private async flip(
    manager: EntityManager,
    row: Row,
    from: boolean,
    to: boolean,
  ): Promise<boolean> {
    const key: Record<string, unknown> = { allocated: from };
    for (const property of this.table.keyProperties) key[property] = row[property];
    const result = await manager.update(
      this.table.entity,
      key as FindOptionsWhere<Row>,
      this.allocatedSetTo(to),
    );
    return (result.affected ?? 0) > 0;
  }

  private allocatedSetTo(allocated: boolean): QueryDeepPartialEntity<Row> {
    return { allocated } as unknown as QueryDeepPartialEntity<Row>;
  }

  private idWhere(id: number): FindOptionsWhere<Row> {
    return this.where({ [this.table.idProperty]: id });
  }

  private where(extra: Record<string, unknown>): FindOptionsWhere<Row> {
    return { ...this.scope, ...extra } as FindOptionsWhere<Row>;
  }

  private keyOrder(): FindOptionsOrder<Row> {
    const order: Record<string, 'ASC'> = {};
    for (const property of this.table.keyProperties) order[property] = 'ASC';
    return order as FindOptionsOrder<Row>;
  }
}

/** Conditions covering every id outside the sorted, disjoint `merged` ranges (none if empty). */
function outsideRanges(merged: readonly IdRange[]): FindOperator<number>[] {
  if (merged.length === 0) return [];
  const conditions: FindOperator<number>[] = [LessThan(merged[0][0])];
  for (let index = 1; index < merged.length; index += 1) {
    conditions.push(Between(merged[index - 1][1] + 1, merged[index][0] - 1));
  }
  conditions.push(MoreThan(merged[merged.length - 1][1]));
  return conditions;
}
