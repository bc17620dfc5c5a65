import {
  type Agent,
  type Network,
  type NetworkSegment,
  type Port,
  type PortBinding,
  type PortBindingLevel,
  type Subnet,
} from '@ml2ts/store';
import { type PortReadOptions } from '../repositories/port-repository';
import { type UnitOfWork } from '../repositories/unit-of-work';
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
  /** The port's tags, sorted, when the unit of work that read the state was asked for them. */
  tags?: readonly string[];
  /** The ids of the port's security groups, sorted, when the state was read with them. */
  securityGroups?: readonly string[];
}

/** Level rows of `state` that belong to `host`. */
export function levelsForHost(state: PortState, host: string): PortBindingLevel[] {
  return state.allLevels.filter((level) => level.host === host);
}

/**
 * Reads the port, its ACTIVE binding, levels, network and the network's segments (and its tags
 * and security groups, when `options` asks for them), inside the caller's unit of work; null
 * when the port, its binding or its network is gone.
 */
export async function loadPortState(
  unit: UnitOfWork,
  portId: string,
  options: PortReadOptions = {},
): Promise<PortState | null> {
  const found = await unit.ports.findWithBinding(portId, options);
  if (!found) return null;
  const network = await unit.networks.find(found.port.networkId);
  if (!network) return null;
  const segments = await unit.networks.segments(network.id);
  const levels = await unit.ports.levels(portId);
  const state = portStateOf(found.port, found.binding, levels, network, segments);
  if (found.tags) state.tags = found.tags;
  if (found.securityGroups) state.securityGroups = found.securityGroups;
  return state;
}

/** A `PortState` from its rows; `segments` are every segment of the network. Pure. */
export function portStateOf(
  port: Port,
  binding: PortBinding,
  allLevels: PortBindingLevel[],
  network: Network,
  segments: readonly NetworkSegment[],
): PortState {
  return {
    port,
    binding,
    allLevels,
    network,
    staticSegments: segments.filter((segment) => !segment.isDynamic),
    segmentsById: new Map(segments.map((segment) => [segment.id, segment])),
  };
}

/** Agents registered on `host` (every type). Empty host → none. */
export async function loadHostAgents(unit: UnitOfWork, host: string): Promise<Agent[]> {
  return host === '' ? [] : unit.agents.onHost(host);
}

/** The subnets of a port's fixed IPs, one entry per fixed IP. */
export async function loadFixedIpSubnets(unit: UnitOfWork, port: Port): Promise<Subnet[]> {
  const fixedIps = parseFixedIps(port);
  if (fixedIps.length === 0) return [];
  const rows = await unit.subnets.findMany(fixedIps.map((ip) => ip.subnet_id));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return fixedIps.map((ip) => byId.get(ip.subnet_id)).filter((row): row is Subnet => !!row);
}
