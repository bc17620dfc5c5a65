import {
  BindingTraceRecord,
  IpAllocation,
  isUniqueViolation,
  Port,
  PortBinding,
  PortBindingLevel,
  ProvisioningBlock,
  SecurityGroupPortBinding,
  Tag,
} from '@ml2ts/store';
import { BindingStatus } from '@ml2ts/driver-api';
import { type EntityManager, type FindOptionsWhere, In, Like, Not } from 'typeorm';
import { addressInUse, parseFixedIps } from './fixed-ip-rows';
import { idLookup } from './id-lookup';
import { incrementRevision } from './increment-revision';
import { portInsertConflict } from './port-insert-conflict';
import {
  type BindingResultSwap,
  type BindingStatusSwitch,
  type PortIdFilter,
  type PortReadOptions,
  type PortRepository,
  type PortRowFilter,
  type PortWithBinding,
} from './port-repository';

/**
 * `PortRepository` through TypeORM's entity manager: no SQL of its own, so it runs on every
 * database the store supports (PostgreSQL, MariaDB/MySQL, SQLite). Every call runs on the unit
 * of work's manager, inside its transaction.
 */
export class EntityPortRepository implements PortRepository {
  constructor(protected readonly manager: EntityManager) {}

  async findWithBinding(
    portId: string,
    options: PortReadOptions = {},
  ): Promise<PortWithBinding | null> {
    const port = await this.manager.findOne(Port, { where: { id: portId } });
    if (!port) return null;
    const binding = await this.manager.findOne(PortBinding, {
      where: { portId, status: BindingStatus.ACTIVE },
    });
    if (!binding) return null;
    const found: { -readonly [K in keyof PortWithBinding]: PortWithBinding[K] } = { port, binding };
    if (options.withTags) {
      const tags = await this.manager.find(Tag, {
        where: { resourceType: 'ports', resourceId: portId },
        select: { tag: true },
        order: { tag: 'ASC' },
      });
      found.tags = tags.map((row) => row.tag);
    }
    if (options.withSecurityGroups) {
      const memberships = await this.manager.find(SecurityGroupPortBinding, {
        where: { portId },
        order: { securityGroupId: 'ASC' },
      });
      found.securityGroups = memberships.map((row) => row.securityGroupId).sort();
    }
    return found;
  }

  levels(portId: string): Promise<PortBindingLevel[]> {
    return this.manager.find(PortBindingLevel, { where: { portId }, order: { level: 'ASC' } });
  }

  portExists(portId: string): Promise<boolean> {
    return this.manager.existsBy(Port, { id: portId });
  }

  macInUse(networkId: string, macAddress: string): Promise<boolean> {
    return this.manager.existsBy(Port, { networkId, macAddress });
  }

  async insertPort(port: Port): Promise<void> {
    try {
      await this.manager.insert(Port, port);
    } catch (error) {
      throw portInsertConflict(error, port) ?? error;
    }
    await this.allocateFixedIps(port);
  }

  async replaceFixedIps(port: Port): Promise<void> {
    await this.manager.delete(IpAllocation, { portId: port.id });
    await this.allocateFixedIps(port);
  }

  private async allocateFixedIps(port: Port): Promise<void> {
    const fixedIps = parseFixedIps(port);
    if (fixedIps.length === 0) return;
    try {
      await this.manager.insert(
        IpAllocation,
        fixedIps.map((ip) => ({
          portId: port.id,
          ipAddress: ip.ip_address,
          subnetId: ip.subnet_id,
          networkId: port.networkId,
        })),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw addressInUse(port, fixedIps);
      throw error;
    }
  }

  async updatePort(port: Port, options: { readonly bumpRevision?: boolean } = {}): Promise<void> {
    await this.manager.update(
      Port,
      { id: port.id },
      {
        name: port.name,
        macAddress: port.macAddress,
        fixedIps: port.fixedIps,
        deviceId: port.deviceId,
        deviceOwner: port.deviceOwner,
        status: port.status,
        adminStateUp: port.adminStateUp,
        dnsName: port.dnsName,
        description: port.description,
        allowedAddressPairs: port.allowedAddressPairs,
        updatedAt: port.updatedAt,
        ...(options.bumpRevision === false ? {} : { revisionNumber: incrementRevision }),
      },
    );
  }

  async insertBinding(binding: PortBinding): Promise<void> {
    await this.manager.insert(PortBinding, binding);
  }

  async deleteBinding(portId: string, host: string): Promise<void> {
    await this.manager.delete(PortBinding, { portId, host });
  }

  async swapBindingResult(swap: BindingResultSwap): Promise<boolean> {
    const result = await this.manager.update(
      PortBinding,
      {
        portId: swap.portId,
        host: swap.host,
        vnicType: swap.vnicType,
        profile: swap.profile,
        vifType: In([...swap.fromVifTypes]),
        // A binding an activation has just made INACTIVE is no longer the one to commit into.
        status: BindingStatus.ACTIVE,
      },
      {
        vifType: swap.vifType,
        vifDetails: swap.vifDetails,
        updatedAt: swap.updatedAt,
        revisionNumber: incrementRevision,
      },
    );
    return result.affected === 1;
  }

  async deleteLevels(portId: string, host: string): Promise<void> {
    await this.manager.delete(PortBindingLevel, { portId, host });
  }

  async insertLevel(level: PortBindingLevel): Promise<void> {
    await this.manager.insert(PortBindingLevel, level);
  }

  async upsertTrace(portId: string, trace: string, recordedAt: Date): Promise<void> {
    await this.manager.upsert(BindingTraceRecord, { portId, trace, recordedAt }, ['portId']);
  }

  async addProvisioningBlock(portId: string, entity: string): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(ProvisioningBlock)
      .values({ portId, entity })
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  async portIdsOnHostWithVifType(host: string, vifType: string): Promise<string[]> {
    const rows = await this.manager.find(PortBinding, {
      where: { host, vifType, status: BindingStatus.ACTIVE },
      select: { portId: true },
    });
    return rows.map((row) => row.portId);
  }

  async portIdsWithHostAndVifType(vifType: string): Promise<string[]> {
    const rows = await this.manager.find(PortBinding, {
      where: { host: Not(''), vifType, status: BindingStatus.ACTIVE },
      select: { portId: true },
    });
    return rows.map((row) => row.portId);
  }

  fixedIpInUse(networkId: string, subnetId: string, ipAddress: string): Promise<boolean> {
    return this.manager.existsBy(IpAllocation, { networkId, ipAddress, subnetId });
  }

  subnetInUse(networkId: string, subnetId: string): Promise<boolean> {
    return this.manager.existsBy(IpAllocation, { subnetId, networkId });
  }

  networkHasPorts(networkId: string): Promise<boolean> {
    return this.manager.existsBy(Port, { networkId });
  }

  async listIds(filter: PortIdFilter): Promise<string[]> {
    const query = this.manager
      .createQueryBuilder(Port, 'port')
      .select('port.id', 'id')
      .innerJoin(PortBinding, 'binding', 'binding.port_id = port.id AND binding.status = :active', {
        active: BindingStatus.ACTIVE,
      })
      .orderBy('port.created_at', 'ASC')
      .addOrderBy('port.id', 'ASC');
    if (filter.networkId !== undefined) {
      query.andWhere('port.network_id = :networkId', { networkId: filter.networkId });
    }
    if (filter.deviceId !== undefined) {
      query.andWhere('port.device_id = :deviceId', { deviceId: filter.deviceId });
    }
    if (filter.host !== undefined) query.andWhere('binding.host = :host', { host: filter.host });
    const rows = await query.getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  async delete(portId: string): Promise<void> {
    await this.manager.delete(Port, { id: portId });
  }

  async updateStatus(portId: string, status: string, updatedAt: Date): Promise<void> {
    await this.manager.update(
      Port,
      { id: portId },
      { status, updatedAt, revisionNumber: incrementRevision },
    );
  }

  async idsWithMac(macAddress: string): Promise<string[]> {
    const rows = await this.manager.find(Port, { where: { macAddress }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  async idsStartingWith(prefix: string, limit: number): Promise<string[]> {
    const rows = await this.manager.find(Port, {
      where: { id: Like(`${prefix.replace(/[%_\\]/g, '')}%`) },
      select: { id: true },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  bindings(portId: string): Promise<PortBinding[]> {
    return this.manager.find(PortBinding, { where: { portId } });
  }

  async switchBindingStatus(change: BindingStatusSwitch): Promise<boolean> {
    const result = await this.manager.update(
      PortBinding,
      { portId: change.portId, host: change.host, status: change.fromStatus },
      {
        status: change.status,
        vifType: change.vifType,
        vifDetails: change.vifDetails,
        revisionNumber: change.revisionNumber,
        updatedAt: change.updatedAt,
      },
    );
    return result.affected === 1;
  }

  async findTrace(portId: string): Promise<string | null> {
    const record = await this.manager.findOne(BindingTraceRecord, { where: { portId } });
    return record?.trace ?? null;
  }

  async removeProvisioningBlock(portId: string, entity: string): Promise<void> {
    await this.manager.delete(ProvisioningBlock, { portId, entity });
  }

  countProvisioningBlocks(portId: string): Promise<number> {
    return this.manager.countBy(ProvisioningBlock, { portId });
  }

  async findPorts(filter: PortRowFilter): Promise<Port[]> {
    const ids = filter.ids === undefined ? null : new Set(filter.ids);
    const networkIds = filter.networkIds === undefined ? null : new Set(filter.networkIds);
    if (ids?.size === 0 || networkIds?.size === 0) return [];
    const where: FindOptionsWhere<Port> = {};
    const byId = ids && idLookup(ids);
    if (byId) where.id = byId;
    const byNetwork = networkIds && idLookup(networkIds);
    if (byNetwork) where.networkId = byNetwork;
    const rows = await this.manager.find(Port, { where, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.filter(
      (row) => (ids?.has(row.id) ?? true) && (networkIds?.has(row.networkId) ?? true),
    );
  }

  async bindingsOfPorts(portIds: readonly string[]): Promise<PortBinding[]> {
    const wanted = new Set(portIds);
    if (wanted.size === 0) return [];
    const byPort = idLookup(wanted);
    const rows = await this.manager.find(PortBinding, byPort ? { where: { portId: byPort } } : {});
    return rows.filter((row) => wanted.has(row.portId));
  }

  async levelsOfPorts(portIds: readonly string[]): Promise<PortBindingLevel[]> {
    const wanted = new Set(portIds);
    if (wanted.size === 0) return [];
    const byPort = idLookup(wanted);
    const rows = await this.manager.find(PortBindingLevel, {
      ...(byPort ? { where: { portId: byPort } } : {}),
      order: { portId: 'ASC', level: 'ASC', host: 'ASC' },
    });
    return rows.filter((row) => wanted.has(row.portId));
  }
}
