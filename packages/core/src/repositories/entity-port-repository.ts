import {
  Agent,
  BindingTraceRecord,
  IpAllocation,
  isUniqueViolation,
  Network,
  NetworkSegment,
  Port,
  PortBinding,
  PortBindingLevel,
  ProvisioningBlock,
} from '@ml2ts/store';
import { BindingStatus } from '@ml2ts/driver-api';
import { type EntityManager, In, Not } from 'typeorm';
import { addressInUse, parseFixedIps } from './fixed-ip-rows';
import { portInsertConflict } from './port-insert-conflict';
import {
  type BindingResultSwap,
  type PortRepository,
  type PortWithBinding,
} from './port-repository';

/**
 * `PortRepository` through TypeORM's entity manager: no SQL of its own, so it runs on every
 * database the store supports (PostgreSQL, MariaDB/MySQL, SQLite). Every call runs on the unit
 * of work's manager, inside its transaction.
 */
export class EntityPortRepository implements PortRepository {
  constructor(private readonly manager: EntityManager) {}

  async findWithBinding(portId: string): Promise<PortWithBinding | null> {
    const port = await this.manager.findOne(Port, { where: { id: portId } });
    if (!port) return null;
    const binding = await this.manager.findOne(PortBinding, {
      where: { portId, status: BindingStatus.ACTIVE },
    });
    return binding ? { port, binding } : null;
  }

  levels(portId: string): Promise<PortBindingLevel[]> {
    return this.manager.find(PortBindingLevel, { where: { portId }, order: { level: 'ASC' } });
  }

  network(networkId: string): Promise<Network | null> {
    return this.manager.findOne(Network, { where: { id: networkId } });
  }

  segments(networkId: string): Promise<NetworkSegment[]> {
    return this.manager.find(NetworkSegment, {
      where: { networkId },
      order: { isDynamic: 'ASC', segmentIndex: 'ASC', id: 'ASC' },
    });
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

  /**
   * A row lock for this manager's database; none on SQLite, whose write transactions exclude
   * each other (and which TypeORM gives no row locks).
   */
  private lock(mode: 'pessimistic_read' | 'pessimistic_write') {
    return this.manager.connection.options.type === 'better-sqlite3' ? undefined : { mode };
  }

  agentsOnHost(host: string): Promise<Agent[]> {
    return this.manager.find(Agent, { where: { host } });
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

  async updatePort(port: Port): Promise<void> {
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
      },
      { vifType: swap.vifType, vifDetails: swap.vifDetails },
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
}
