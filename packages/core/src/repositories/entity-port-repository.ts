import {
  Agent,
  BindingTraceRecord,
  Network,
  NetworkSegment,
  Port,
  PortBinding,
  PortBindingLevel,
  ProvisioningBlock,
} from '@ml2ts/store';
import { BindingStatus } from '@ml2ts/driver-api';
import { type EntityManager, In, Like, Not } from 'typeorm';
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
    await this.manager.insert(Port, port);
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
    return this.fixedIpsContain(networkId, `"ip_address":"${ipAddress}","subnet_id":"${subnetId}"`);
  }

  subnetInUse(networkId: string, subnetId: string): Promise<boolean> {
    return this.fixedIpsContain(networkId, `"subnet_id":"${subnetId}"`);
  }

  /** `needle` holds only address, id, quote, colon and comma characters: no LIKE wildcard. */
  private fixedIpsContain(networkId: string, needle: string): Promise<boolean> {
    return this.manager.existsBy(Port, { networkId, fixedIps: Like(`%${needle}%`) });
  }
}
