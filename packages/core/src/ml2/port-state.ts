import {
  type Agent,
  type Network,
  type NetworkSegment,
  type Port,
  type PortBinding,
  type PortBindingLevel,
  Subnet,
} from '@ml2ts/store';
import { In, type EntityManager } from 'typeorm';
import { portRepositoryFor } from '../repositories/port-repository-for';
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

/**
 * Reads the port, its ACTIVE binding, levels, network and the network's segments, inside the
 * caller's unit of work; null when the port, its binding or its network is gone.
 */
export async function loadPortState(
  manager: EntityManager,
  portId: string,
): Promise<PortState | null> {
  const rows = portRepositoryFor(manager);
  const found = await rows.findWithBinding(portId);
  if (!found) return null;
  const network = await rows.network(found.port.networkId);
  if (!network) return null;
  const segments = await rows.segments(network.id);
  return {
    port: found.port,
    binding: found.binding,
    allLevels: await rows.levels(portId),
    network,
    staticSegments: segments.filter((segment) => !segment.isDynamic),
    segmentsById: new Map(segments.map((segment) => [segment.id, segment])),
  };
}

/** All segments of a network, static first by index, then dynamic ones. */
export function loadNetworkSegments(
  manager: EntityManager,
  networkId: string,
): Promise<NetworkSegment[]> {
  return portRepositoryFor(manager).segments(networkId);
}

/** Agents registered on `host` (every type). Empty host → none. */
export async function loadHostAgents(manager: EntityManager, host: string): Promise<Agent[]> {
  return host === '' ? [] : portRepositoryFor(manager).agentsOnHost(host);
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
