import { Network, NetworkSegment, PortBindingLevel, Subnet } from '@ml2ts/store';
import { type EntityManager, type FindOptionsWhere, In } from 'typeorm';
import { incrementRevision } from './increment-revision';
import { idLookup } from './id-lookup';
import { type NetworkRepository } from './network-repository';
import { insertUnlessDuplicate } from './savepoint';

/**
 * `NetworkRepository` through TypeORM's entity manager: no SQL of its own, so it runs on every
 * database the store supports. Every call runs on the unit of work's manager, inside its
 * transaction.
 */
export class EntityNetworkRepository implements NetworkRepository {
  constructor(protected readonly manager: EntityManager) {}

  find(networkId: string): Promise<Network | null> {
    return this.manager.findOne(Network, { where: { id: networkId } });
  }

  exists(networkId: string): Promise<boolean> {
    return this.manager.existsBy(Network, { id: networkId });
  }

  list(): Promise<Network[]> {
    return this.manager.find(Network, { order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insert(network: Network): Promise<void> {
    await this.manager.insert(Network, { ...network });
  }

  async update(network: Network, options: { readonly bumpRevision?: boolean } = {}): Promise<void> {
    await this.manager.update(
      Network,
      { id: network.id },
      {
        name: network.name,
        adminStateUp: network.adminStateUp,
        routerExternal: network.routerExternal,
        mtu: network.mtu,
        description: network.description,
        shared: network.shared,
        updatedAt: network.updatedAt,
        ...(options.bumpRevision === false ? {} : { revisionNumber: incrementRevision }),
      },
    );
  }

  async delete(networkId: string): Promise<void> {
    await this.manager.delete(Network, { id: networkId });
  }

  segments(networkId: string): Promise<NetworkSegment[]> {
    return this.manager.find(NetworkSegment, {
      where: { networkId },
      order: { isDynamic: 'ASC', segmentIndex: 'ASC', id: 'ASC' },
    });
  }

  findSegment(segmentId: string): Promise<NetworkSegment | null> {
    return this.manager.findOne(NetworkSegment, { where: { id: segmentId } });
  }

  allSegments(): Promise<NetworkSegment[]> {
    return this.manager.find(NetworkSegment, {
      order: { networkId: 'ASC', isDynamic: 'ASC', segmentIndex: 'ASC', id: 'ASC' },
    });
  }

  async updateSegment(segment: NetworkSegment): Promise<void> {
    await this.manager.update(
      NetworkSegment,
      { id: segment.id },
      {
        name: segment.name,
        description: segment.description,
        updatedAt: segment.updatedAt,
        revisionNumber: incrementRevision,
      },
    );
  }

  async subnetIdsOnSegment(segmentId: string): Promise<string[]> {
    const rows = await this.manager.find(Subnet, {
      where: { segmentId },
      select: { id: true },
      order: { id: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  findDynamicSegment(
    networkId: string,
    physicalNetwork: string | null,
    segmentationId: number | null,
  ): Promise<NetworkSegment | null> {
    const where: FindOptionsWhere<NetworkSegment> = { networkId, isDynamic: true };
    if (physicalNetwork !== null) where.physicalNetwork = physicalNetwork;
    if (segmentationId !== null) where.segmentationId = segmentationId;
    return this.manager.findOne(NetworkSegment, { where, order: { id: 'ASC' } });
  }

  insertSegment(segment: NetworkSegment): Promise<boolean> {
    return insertUnlessDuplicate(this.manager, () =>
      this.manager.insert(NetworkSegment, { ...segment }),
    );
  }

  hasSegmentOn(networkId: string, networkType: string, physicalNetwork: string): Promise<boolean> {
    return this.manager.existsBy(NetworkSegment, { networkId, networkType, physicalNetwork });
  }

  async deleteSegment(segmentId: string): Promise<void> {
    await this.manager.delete(NetworkSegment, { id: segmentId });
  }

  async deleteSegments(networkId: string): Promise<void> {
    await this.manager.delete(NetworkSegment, { networkId });
  }

  async lockExistingSegments(segmentIds: readonly string[]): Promise<Set<string>> {
    if (segmentIds.length === 0) return new Set();
    const rows = await this.manager.find(NetworkSegment, {
      where: { id: In([...segmentIds]) },
      select: { id: true },
      order: { id: 'ASC' },
      lock: this.lock('pessimistic_read'),
    });
    return new Set(rows.map((row) => row.id));
  }

  async segmentInUseForRelease(segmentId: string): Promise<boolean | null> {
    const segment = await this.manager.findOne(NetworkSegment, {
      where: { id: segmentId },
      select: { id: true },
      lock: this.lock('pessimistic_write'),
    });
    if (!segment) return null;
    const level = await this.manager.findOne(PortBindingLevel, {
      where: { segmentId },
      lock: this.lock('pessimistic_read'),
    });
    return level !== null;
  }

  segmentInUse(segmentId: string): Promise<boolean> {
    return this.manager.existsBy(PortBindingLevel, { segmentId });
  }

  async findMany(networkIds: readonly string[]): Promise<Network[]> {
    const wanted = new Set(networkIds);
    if (wanted.size === 0) return [];
    const byId = idLookup(wanted);
    const rows = await this.manager.find(Network, {
      ...(byId ? { where: { id: byId } } : {}),
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.filter((row) => wanted.has(row.id));
  }

  async segmentsOfNetworks(networkIds: readonly string[]): Promise<NetworkSegment[]> {
    const wanted = new Set(networkIds);
    if (wanted.size === 0) return [];
    const byNetwork = idLookup(wanted);
    const rows = await this.manager.find(NetworkSegment, {
      ...(byNetwork ? { where: { networkId: byNetwork } } : {}),
      order: { networkId: 'ASC', isDynamic: 'ASC', segmentIndex: 'ASC', id: 'ASC' },
    });
    return rows.filter((row) => wanted.has(row.networkId));
  }

  /**
   * A row lock for this manager's database; none on SQLite, whose write transactions exclude
   * each other (and which TypeORM gives no row locks).
   */
  private lock(mode: 'pessimistic_read' | 'pessimistic_write') {
    return this.manager.connection.options.type === 'better-sqlite3' ? undefined : { mode };
  }
}
