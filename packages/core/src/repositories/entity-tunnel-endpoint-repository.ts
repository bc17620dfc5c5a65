import { GeneveEndpoint, GreEndpoint, VxlanEndpoint } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import {
  type TunnelEndpointRepository,
  type TunnelEndpointRow,
  type TunnelEndpointType,
} from './tunnel-endpoint-repository';

/** The row shape the three endpoint entities share; `udpPort` exists on `VxlanEndpoint` only. */
interface EndpointEntityRow {
  ipAddress: string;
  host: string | null;
  udpPort?: number;
}

const ENTITY_OF = {
  vxlan: VxlanEndpoint,
  gre: GreEndpoint,
  geneve: GeneveEndpoint,
} as const;

/**
 * `TunnelEndpointRepository` through TypeORM's entity manager, for every database the store
 * supports (SQLite, PostgreSQL, MySQL/MariaDB). `tunnel_sync` runs when agents start, not on a
 * hot path, so SQLite needs no prepared statements of its own. Every call runs on the unit of
 * work's manager, inside its transaction; database errors are re-thrown unchanged.
 */
export class EntityTunnelEndpointRepository implements TunnelEndpointRepository {
  constructor(private readonly manager: EntityManager) {}

  async list(type: TunnelEndpointType): Promise<TunnelEndpointRow[]> {
    const rows: EndpointEntityRow[] = await this.manager.find(ENTITY_OF[type]);
    // The databases' collations order text differently; answer one order everywhere.
    return rows
      .map((row) => toRow(type, row))
      .sort((a, b) => (a.ipAddress < b.ipAddress ? -1 : a.ipAddress > b.ipAddress ? 1 : 0));
  }

  async findByAddress(
    type: TunnelEndpointType,
    ipAddress: string,
  ): Promise<TunnelEndpointRow | null> {
    const row: EndpointEntityRow | null = await this.manager.findOne(ENTITY_OF[type], {
      where: { ipAddress },
    });
    return row ? toRow(type, row) : null;
  }

  async findByHost(type: TunnelEndpointType, host: string): Promise<TunnelEndpointRow | null> {
    const row: EndpointEntityRow | null = await this.manager.findOne(ENTITY_OF[type], {
      where: { host },
    });
    return row ? toRow(type, row) : null;
  }

  async insert(type: TunnelEndpointType, row: TunnelEndpointRow): Promise<void> {
    if (type === 'vxlan') {
      if (row.udpPort === null) {
        throw new Error(`a vxlan endpoint needs a UDP port (${row.ipAddress})`);
      }
      await this.manager.insert(VxlanEndpoint, {
        ipAddress: row.ipAddress,
        host: row.host,
        udpPort: row.udpPort,
      });
      return;
    }
    await this.manager.insert(ENTITY_OF[type], { ipAddress: row.ipAddress, host: row.host });
  }

  async updateUdpPort(ipAddress: string, udpPort: number): Promise<boolean> {
    const result = await this.manager.update(VxlanEndpoint, { ipAddress }, { udpPort });
    return (result.affected ?? 0) > 0;
  }

  async delete(type: TunnelEndpointType, ipAddress: string): Promise<boolean> {
    const result = await this.manager.delete(ENTITY_OF[type], { ipAddress });
    return (result.affected ?? 0) > 0;
  }
}

function toRow(type: TunnelEndpointType, row: EndpointEntityRow): TunnelEndpointRow {
  return {
    ipAddress: row.ipAddress,
    host: row.host,
    udpPort: type === 'vxlan' ? (row.udpPort ?? null) : null,
  };
}
