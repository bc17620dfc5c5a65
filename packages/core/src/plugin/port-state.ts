import { BindingStatus } from '@ml2ts/driver-api';
import {
  Agent,
  Network,
  NetworkSegment,
  Port,
  PortBinding,
  PortBindingLevel,
  Subnet,
} from '@ml2ts/store';
import { In, type EntityManager } from 'typeorm';
import { parseFixedIps } from './view-mappers';

/** Everything stored about one port that binding and the API need, read in one unit of work. */
export interface PortState {
  port: Port;
  /** The ACTIVE binding row. */
  binding: PortBinding;
  /** Every level row of the port, any host, ordered by level. */
  allLevels: PortBindingLevel[];
  network: Network;
  /** Static segments of the network, ordered by segment_index. */
  staticSegments: NetworkSegment[];
  /** Every segment of the network, static and dynamic (levels may point at dynamic ones). */
  segmentsById: Map<string, NetworkSegment>;
}

/** Level rows of `state` that belong to `host`. */
export function levelsForHost(state: PortState, host: string): PortBindingLevel[] {
  return state.allLevels.filter((level) => level.host === host);
}

/** Reads the port, its ACTIVE binding, levels and network; null when the port or binding is gone. */
export async function loadPortState(
  manager: EntityManager,
  portId: string,
): Promise<PortState | null> {
  const port = await manager.findOne(Port, { where: { id: portId } });
  if (!port) return null;
  const binding = await manager.findOne(PortBinding, {
    where: { portId, status: BindingStatus.ACTIVE },
  });
  if (!binding) return null;
  const [allLevels, network, segments] = await Promise.all([
    manager.find(PortBindingLevel, { where: { portId }, order: { level: 'ASC' } }),
    manager.findOneOrFail(Network, { where: { id: port.networkId } }),
    loadNetworkSegments(manager, port.networkId),
  ]);
  return {
    port,
    binding,
    allLevels,
    network,
    staticSegments: segments.filter((segment) => !segment.isDynamic),
    segmentsById: new Map(segments.map((segment) => [segment.id, segment])),
  };
}

/** All segments of a network, static first by index, then dynamic ones. */
export async function loadNetworkSegments(
  manager: EntityManager,
  networkId: string,
): Promise<NetworkSegment[]> {
  const rows = await manager.find(NetworkSegment, {
    where: { networkId },
    order: { segmentIndex: 'ASC' },
  });
  return [...rows.filter((row) => !row.isDynamic), ...rows.filter((row) => row.isDynamic)];
}

/** Agents registered on `host` (every type). Empty host → none. */
export async function loadHostAgents(manager: EntityManager, host: string): Promise<Agent[]> {
  if (host === '') return [];
  return manager.find(Agent, { where: { host } });
}

/** The subnets of a port's fixed IPs, one entry per fixed IP. */
export async function loadFixedIpSubnets(manager: EntityManager, port: Port): Promise<Subnet[]> {
  const fixedIps = parseFixedIps(port);
  if (fixedIps.length === 0) return [];
  const rows = await manager.find(Subnet, {
    where: { id: In([...new Set(fixedIps.map((ip) => ip.subnet_id))]) },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return fixedIps.map((ip) => byId.get(ip.subnet_id)).filter((row): row is Subnet => !!row);
}
