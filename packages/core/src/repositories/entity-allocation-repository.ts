import {
  FlatAllocation,
  GeneveAllocation,
  GreAllocation,
  VlanAllocation,
  VxlanAllocation,
} from '@ml2ts/store';
import {
  Between,
  type EntityManager,
  type EntityTarget,
  type FindOperator,
  type FindOptionsWhere,
  LessThanOrEqual,
  MoreThanOrEqual,
  type ObjectLiteral,
} from 'typeorm';
import {
  type AllocationRepository,
  type AllocationScope,
  type SegmentationIdTable,
} from './allocation-repository';
import { insertUnlessDuplicate } from './savepoint';

/** How one segmentation-id table is mapped: its entity and the property holding the id. */
interface TableMapping {
  readonly entity: EntityTarget<ObjectLiteral>;
  /** `vlanId` for VLANs, `id` for the tunnel tables (columns `vxlan_vni`, `gre_id`, ...). */
  readonly idProperty: string;
  /** True when rows belong to a physical network (`vlan`): the scope must name one. */
  readonly perPhysicalNetwork: boolean;
}

const TABLES: Readonly<Record<SegmentationIdTable, TableMapping>> = {
  vlan: { entity: VlanAllocation, idProperty: 'vlanId', perPhysicalNetwork: true },
  vxlan: { entity: VxlanAllocation, idProperty: 'id', perPhysicalNetwork: false },
  gre: { entity: GreAllocation, idProperty: 'id', perPhysicalNetwork: false },
  geneve: { entity: GeneveAllocation, idProperty: 'id', perPhysicalNetwork: false },
};

/**
 * `AllocationRepository` through TypeORM's entity manager, for every database the store supports
 * (SQLite, PostgreSQL, MySQL/MariaDB): `ml2_vlan_allocations` (keyed by physical network and
 * VLAN id), `ml2_vxlan_allocations`, `ml2_gre_allocations`, `ml2_geneve_allocations` (keyed by
 * id) and `ml2_flat_allocations` (keyed by physical network).
 *
 * Works on the manager of the caller's unit of work, inside its transaction, and opens none
 * itself; the inserts that may lose a race run in a savepoint of that transaction (see
 * `withSavepoint`), so a duplicate key is an answer (false), never a broken transaction. Every
 * other database error is re-thrown unchanged. A malformed scope (a `vlan` scope without
 * physical network, a tunnel scope with one) is a programming error: it throws before any
 * statement runs.
 */
export class EntityAllocationRepository implements AllocationRepository {
  constructor(private readonly manager: EntityManager) {}

  async countTaken(
    scope: AllocationScope,
    min: number | null,
    max: number | null,
  ): Promise<number> {
    const { entity } = mappingOf(scope);
    const result = await this.manager
      .createQueryBuilder(entity, 'row')
      .select('COUNT(*)', 'count')
      .where(whereOf(scope, idBounds(min, max)))
      .getRawOne<{ count: number | string }>();
    return Number(result?.count ?? 0);
  }

  async isTaken(scope: AllocationScope, id: number): Promise<boolean> {
    return this.manager.existsBy(mappingOf(scope).entity, whereOf(scope, id));
  }

  async takenIds(
    scope: AllocationScope,
    from: number,
    to: number,
    limit: number,
  ): Promise<number[]> {
    const { entity, idProperty } = mappingOf(scope);
    const column = `row.${idProperty}`;
    const rows = await this.manager
      .createQueryBuilder(entity, 'row')
      .select(column, 'id')
      .where(whereOf(scope, Between(from, to)))
      .orderBy(column, 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string }>();
    // PostgreSQL hands big integers back as strings.
    return rows.map((row) => Number(row.id));
  }

  async insertAllocated(scope: AllocationScope, id: number): Promise<boolean> {
    const { entity } = mappingOf(scope);
    const row = { ...whereOf(scope, id), allocated: true };
    return insertUnlessDuplicate(this.manager, () =>
      this.manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(row)
        .updateEntity(false)
        .execute(),
    );
  }

  async release(scope: AllocationScope, id: number): Promise<boolean> {
    const result = await this.manager.delete(mappingOf(scope).entity, whereOf(scope, id));
    return (result.affected ?? 0) > 0;
  }

  async deleteFree(scope: AllocationScope): Promise<number> {
    const result = await this.manager.delete(mappingOf(scope).entity, {
      ...whereOf(scope, undefined),
      allocated: false,
    });
    return result.affected ?? 0;
  }

  async vlanPhysicalNetworks(): Promise<string[]> {
    const rows = await this.manager
      .createQueryBuilder(VlanAllocation, 'row')
      .select('DISTINCT row.physicalNetwork', 'physicalNetwork')
      .getRawMany<{ physicalNetwork: string }>();
    return rows.map((row) => row.physicalNetwork);
  }

  async flatTaken(physicalNetwork: string): Promise<boolean> {
    return this.manager.existsBy(FlatAllocation, { physicalNetwork });
  }

  async insertFlat(physicalNetwork: string): Promise<boolean> {
    return insertUnlessDuplicate(this.manager, () =>
      this.manager.insert(FlatAllocation, { physicalNetwork }),
    );
  }

  async releaseFlat(physicalNetwork: string): Promise<boolean> {
    const result = await this.manager.delete(FlatAllocation, { physicalNetwork });
    return (result.affected ?? 0) > 0;
  }
}

/** The scope's table mapping, after checking that the scope fits the table. */
function mappingOf(scope: AllocationScope): TableMapping {
  const mapping = TABLES[scope.table];
  if (mapping === undefined) throw new Error(`unknown allocation table '${String(scope.table)}'`);
  if (mapping.perPhysicalNetwork !== (scope.physicalNetwork !== undefined)) {
    throw new Error(
      mapping.perPhysicalNetwork
        ? `an allocation scope of table '${scope.table}' needs a physical network`
        : `an allocation scope of table '${scope.table}' takes no physical network`,
    );
  }
  return mapping;
}

/** The row condition of `scope`, with `id` (a value or an operator) on the id when given. */
function whereOf(
  scope: AllocationScope,
  id: number | FindOperator<number> | undefined,
): FindOptionsWhere<ObjectLiteral> {
  const { idProperty } = mappingOf(scope);
  const where: FindOptionsWhere<ObjectLiteral> = {};
  if (scope.physicalNetwork !== undefined) where.physicalNetwork = scope.physicalNetwork;
  if (id !== undefined) where[idProperty] = id;
  return where;
}

/** `min <= id <= max` with either bound open when null; undefined when both are. */
function idBounds(min: number | null, max: number | null): FindOperator<number> | undefined {
  if (min !== null && max !== null) return Between(min, max);
  if (min !== null) return MoreThanOrEqual(min);
  if (max !== null) return LessThanOrEqual(max);
  return undefined;
}
