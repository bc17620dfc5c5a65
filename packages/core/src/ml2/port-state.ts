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
import {
  selectHostAgents,
  selectLevels,
  selectNetwork,
  selectPortWithBinding,
  selectSegments,
} from './port-rows';
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
 * Reads the port, its ACTIVE binding, levels and network; null when the port or binding is
 * gone. Synchronous prepared statements inside the caller's unit of work.
 */
export function readPortState(manager: EntityManager, portId: string): PortState | null {
  const found = selectPortWithBinding(manager, portId);
  if (!found) return null;
  const network = selectNetwork(manager, found.port.networkId);
  if (!network) return null;
  const segments = selectSegments(manager, network.id);
  return {
    port: found.port,
    binding: found.binding,
    allLevels: selectLevels(manager, portId),
    network,
    staticSegments: segments.filter((segment) => !segment.isDynamic),
    segmentsById: new Map(segments.map((segment) => [segment.id, segment])),
  };
}

/** `readPortState` for callers that await. */
export async function loadPortState(
  manager: EntityManager,
  portId: string,
): Promise<PortState | null> {
  return readPortState(manager, portId);
}

/** All segments of a network, static first by index, then dynamic ones. */
export async function loadNetworkSegments(
  manager: EntityManager,
  networkId: string,
): Promise<NetworkSegment[]> {
  return selectSegments(manager, networkId);
}

/** Agents registered on `host` (every type). Empty host → none. */
export async function loadHostAgents(manager: EntityManager, host: string): Promise<Agent[]> {
  return host === '' ? [] : selectHostAgents(manager, host);
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
