import { IpAllocation, Subnet } from '@ml2ts/store';
import { type EntityManager, In } from 'typeorm';
import { idLookup } from './id-lookup';
import { incrementRevision } from './increment-revision';
import { type SubnetRepository } from './subnet-repository';

/**
 * `SubnetRepository` through TypeORM's entity manager, for every database the store supports.
 * Every call runs on the unit of work's manager, inside its transaction.
 */
export class EntitySubnetRepository implements SubnetRepository {
  constructor(private readonly manager: EntityManager) {}

  find(subnetId: string): Promise<Subnet | null> {
    return this.manager.findOne(Subnet, { where: { id: subnetId } });
  }

  async findMany(subnetIds: readonly string[]): Promise<Subnet[]> {
    if (subnetIds.length === 0) return [];
    return this.manager.find(Subnet, { where: { id: In([...new Set(subnetIds)]) } });
  }

  onNetwork(networkId: string): Promise<Subnet[]> {
    return this.manager.find(Subnet, { where: { networkId }, order: { id: 'ASC' } });
  }

  list(): Promise<Subnet[]> {
    return this.manager.find(Subnet, { order: { id: 'ASC' } });
  }

  async insert(subnet: Subnet): Promise<void> {
    await this.manager.insert(Subnet, { ...subnet });
  }

  async update(subnet: Subnet): Promise<void> {
    await this.manager.update(
      Subnet,
      { id: subnet.id },
      {
        enableDhcp: subnet.enableDhcp,
        name: subnet.name,
        gatewayIp: subnet.gatewayIp,
        allocationPools: subnet.allocationPools,
        dnsNameservers: subnet.dnsNameservers,
        hostRoutes: subnet.hostRoutes,
        description: subnet.description,
        updatedAt: subnet.updatedAt,
        revisionNumber: incrementRevision,
      },
    );
  }

  async delete(subnetId: string): Promise<void> {
    await this.manager.delete(Subnet, { id: subnetId });
  }

  async deleteOnNetwork(networkId: string): Promise<void> {
    await this.manager.delete(Subnet, { networkId });
  }

  countAllocations(subnetId: string): Promise<number> {
    return this.manager.countBy(IpAllocation, { subnetId });
  }

  async allocatedAddresses(subnetId: string): Promise<string[]> {
    const rows = await this.manager.find(IpAllocation, {
      where: { subnetId },
      select: { ipAddress: true },
    });
    return rows.map((row) => row.ipAddress);
  }

  async holderPortIds(subnetId: string): Promise<string[]> {
    const rows = await this.manager.find(IpAllocation, {
      where: { subnetId },
      select: { portId: true },
      order: { portId: 'ASC' },
    });
    return [...new Set(rows.map((row) => row.portId))];
  }

  async onNetworks(networkIds: readonly string[]): Promise<Subnet[]> {
    const wanted = new Set(networkIds);
    if (wanted.size === 0) return [];
    const byNetwork = idLookup(wanted);
    const rows = await this.manager.find(Subnet, {
      ...(byNetwork ? { where: { networkId: byNetwork } } : {}),
      order: { id: 'ASC' },
    });
    return rows.filter((row) => wanted.has(row.networkId));
  }
}
