import {
  type AgentConfigurations,
  type AgentView,
  type Segment,
  TUNNEL_NETWORK_TYPES,
} from '@ml2ts/driver-api';
import { makeAgent } from '../fixtures/make-agent';
import { makeSegment } from '../fixtures/make-segment';
import { declaredTunnelTypes } from './contract-declaration';
import { type DriverCapabilities, type VnicTypeCapability } from '@ml2ts/driver-api';

/** The physical networks a capable agent maps. */
export const MAPPED_PHYSICAL_NETWORKS: readonly string[] = ['physnet1', 'physnet2'];
/** A physical network no agent of the suite maps. */
export const UNMAPPED_PHYSICAL_NETWORK = 'physnet-unmapped';
/** The host the suite binds on unless a check says otherwise or the driver declares its hosts. */
export const CONTRACT_HOST = 'host1';
/** Another host, for agents that must not be used. */
export const OTHER_HOST = 'other-host';
/** The agent type of agents no driver under test binds through. */
export const FOREIGN_AGENT_TYPE = 'Contract foreign agent';

const SEGMENTATION_IDS: Readonly<Record<string, number>> = {
  vlan: 100,
  vxlan: 1001,
  geneve: 2001,
  gre: 3001,
};

/**
 * A segment of `networkType` for the checks. Variant 0 and variant 1 are two different segments
 * of the same type that a capable agent can both reach (other id, other segmentation id, other
 * mapped physical network for `flat`). `physicalNetwork` overrides the physical network of a
 * `flat` or `vlan` segment.
 */
export function sampleSegment(
  networkType: string,
  variant: 0 | 1 = 0,
  physicalNetwork?: string,
): Segment {
  if (networkType === 'flat') {
    return makeSegment({
      networkType,
      physicalNetwork: physicalNetwork ?? MAPPED_PHYSICAL_NETWORKS[variant],
    });
  }
  if (networkType === 'vlan') {
    return makeSegment({
      networkType,
      physicalNetwork: physicalNetwork ?? MAPPED_PHYSICAL_NETWORKS[0],
      segmentationId: SEGMENTATION_IDS.vlan + variant,
    });
  }
  if (networkType === 'local') {
    return makeSegment({ networkType, id: variant === 0 ? 'segment-local' : 'segment-local-2' });
  }
  return makeSegment({
    networkType,
    segmentationId: (SEGMENTATION_IDS[networkType] ?? 5001) + variant,
  });
}

/** How to build an agent for a check; every field is optional. */
export interface AgentSetup {
  readonly host?: string;
  /** Default true. A dead agent's heartbeat is one second past `agent_down_time`. */
  readonly alive?: boolean;
  /** The vnic type the port has: its agent requirements are added to the report. */
  readonly vnic?: VnicTypeCapability;
  /**
   * Which mapping keys to fill (default all declared keys) and with which physical networks
   * (default `MAPPED_PHYSICAL_NETWORKS`).
   */
  readonly mappingKeys?: readonly string[];
  readonly physicalNetworks?: readonly string[];
  /** The reported `tunnel_types`. Default: the declared tunnel types; null = none reported. */
  readonly tunnelTypes?: readonly string[] | null;
  /** Added last to the report. */
  readonly configurations?: AgentConfigurations;
  /** Default the declared agent type. */
  readonly agentType?: string;
  readonly adminStateUp?: boolean;
}

/**
 * An agent of the driver's type that can wire every declared network type: it maps the
 * physical networks under every declared mapping key and reports the declared tunnel types.
 * For a driver without agents it builds an agent of a foreign type.
 */
export function capableAgent(capabilities: DriverCapabilities, setup: AgentSetup = {}): AgentView {
  const declared = capabilities.agent;
  const configurations: Record<string, unknown> = { ...declared?.configurations };
  const physicalNetworks = setup.physicalNetworks ?? MAPPED_PHYSICAL_NETWORKS;
  const mappings = declared?.physicalNetworkMappings ?? {};
  for (const key of setup.mappingKeys ?? Object.keys(mappings)) {
    configurations[key] = Object.fromEntries(
      physicalNetworks.map((physicalNetwork) => [physicalNetwork, mappings[key]]),
    );
  }
  const tunnelTypes =
    setup.tunnelTypes === undefined ? declaredTunnelTypes(capabilities) : setup.tunnelTypes;
  if (tunnelTypes !== null) configurations.tunnel_types = [...tunnelTypes];
  Object.assign(configurations, setup.vnic?.agentConfigurations, setup.configurations);
  const alive = setup.alive ?? true;
  const host = setup.host ?? contractHost(capabilities);
  const agentType = setup.agentType ?? declared?.agentType ?? FOREIGN_AGENT_TYPE;
  return makeAgent({
    agentType,
    host,
    id: `${alive ? 'live' : 'dead'}-${agentType.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${host}`,
    configurations,
    adminStateUp: setup.adminStateUp ?? true,
    heartbeatAgeSeconds: alive ? 10 : 76,
  });
}

/** Every tunnel type, for agents that must not be what stops a binding. */
export const ALL_TUNNEL_TYPES: readonly string[] = TUNNEL_NETWORK_TYPES;

/**
 * The host the suite binds on for a driver: the first host it declares (`hosts`), else
 * `CONTRACT_HOST`. Pure; never throws.
 */
export function contractHost(capabilities: DriverCapabilities): string {
  return capabilities.hosts?.[0] ?? CONTRACT_HOST;
}

let uniqueCounter = 0;

/**
 * A port id and a host never used before in this process, so that state a driver wrongly keeps
 * per port or per host from an earlier check cannot hide behind the same name. For a driver
 * that declares its hosts (`capabilities.hosts`), the host is its first declared one instead,
 * since it binds nowhere else; without `capabilities` the host is always a new one.
 */
export function uniquePortAndHost(capabilities?: DriverCapabilities): {
  portId: string;
  host: string;
} {
  uniqueCounter += 1;
  const host =
    capabilities?.hosts === undefined
      ? `contract-${uniqueCounter}-host`
      : contractHost(capabilities);
  return { portId: `contract-${uniqueCounter}-port`, host };
}
