import { type AgentConfigurations } from './agent';
import { type Connectivity } from './constants';
import { type BindingProfile } from './port';

/**
 * What a mechanism driver says it can do, the way a storage implementation publishes what it
 * supports: a driver exposes it as its `capabilities` property, and the contract suite of
 * `@ml2ts/testkit` reads it there to know what to expect instead of test flags, then checks
 * the declaration against the driver's behaviour, so a declaration that lies fails the suite.
 * The engine never reads it.
 *
 * ```ts
 * export const torCapabilities = { name: 'tor', ... } satisfies DriverCapabilities;
 * class TorMechanismDriver implements MechanismDriver {
 *   readonly capabilities = torCapabilities;
 * }
 * ```
 *
 * Everything is described for the configuration the suite gives the driver (Neutron's defaults
 * plus the suite's `configuration` option).
 */
export interface DriverCapabilities {
  /** The driver's name: its `name`, its `mechanism_drivers` entry and its manifest name. */
  readonly name: string;
  /** The driver's `connectivity`; default `legacy`, as in the engine. */
  readonly connectivity?: Connectivity;
  /**
   * The vnic types it binds, in any order: a name, or the name with what such a port needs. Every
   * other vnic type must be declined.
   */
  readonly vnicTypes: readonly (string | VnicTypeCapability)[];
  /**
   * The segment network types it binds (or, for a hierarchical driver, continues from), with a
   * capable agent when it needs one. Every other type must be declined. The same list holds for
   * every declared vnic type.
   */
  readonly networkTypes: readonly string[];
  /** How it uses L2 agents, or null when it binds without any agent. */
  readonly agent: AgentCapability | null;
  /**
   * The hosts it binds on; default every host. Declare them when the driver serves only some
   * hosts without asking an agent, typically an agentless driver with a list of hosts in its
   * configuration section (an agent-based driver is limited by where its agents run and leaves
   * this out). The suite binds on the first declared host, checks that every declared host is
   * served, and expects a port on any other host to be declined, with a reason.
   */
  readonly hosts?: readonly string[];
  /**
   * Every vif_type it sets, with the shape of its vif_details. Empty for a driver that only
   * continues bindings.
   */
  readonly vifTypes: Readonly<Record<string, VifTypeCapability>>;
  /** How it binds hierarchically (continues with dynamic segments), or null when it never does. */
  readonly hierarchical: HierarchicalCapability | null;
}

/** One vnic type a driver binds, with what a port of that type needs to be bound. */
export interface VnicTypeCapability {
  /** One of `VNIC_TYPES`. */
  readonly vnicType: string;
  /**
   * `binding:profile` entries such a port must carry, for example OVS `direct` ports need
   * `{ capabilities: ['switchdev'] }`. A port without them must be declined. Default none.
   */
  readonly profile?: BindingProfile;
  /**
   * Agent configuration entries the agent must report for such a port, for example OVS
   * `smart-nic` ports need `{ baremetal_smartnic: true }`. An agent without them must not be used.
   * Default none.
   */
  readonly agentConfigurations?: AgentConfigurations;
  /** True when such a port is bound without any agent (SR-IOV `direct-physical`). */
  readonly agentless?: boolean;
}

/** How an agent-based driver finds and uses the L2 agents of the port's host. */
export interface AgentCapability {
  /** The `agent_type` it asks `hostAgents` for. */
  readonly agentType: string;
  /**
   * The agent configuration keys that map physical networks, each with the value a physical
   * network maps to (`{ bridge_mappings: 'br-eth1' }`, `{ device_mappings: ['ens1f0'] }`). A
   * `flat` or `vlan` segment binds when its physical network is a key of any one of them. Empty
   * when the driver checks no mapping.
   */
  readonly physicalNetworkMappings: Readonly<Record<string, unknown>>;
  /**
   * True when a tunnel segment (`vxlan`, `geneve`, `gre`) binds only if the agent lists its type
   * in `tunnel_types`.
   */
  readonly tunnelTypesFromAgent: boolean;
  /** What a working agent reports besides mappings and tunnel types. Default `{}`. */
  readonly configurations?: AgentConfigurations;
}

/** One vif_type a driver sets. */
export interface VifTypeCapability {
  /**
   * Every key its vif_details may hold, with the JSON type of the value. No other key may
   * appear; a key that is not `optional` must always be there.
   */
  readonly details: Readonly<Record<string, VifDetailSpec>>;
  /**
   * What makes the driver choose this vif_type (vnic type, agent report, profile). Default: the
   * first declared vnic type and a plain capable agent.
   */
  readonly when?: BindingConditions;
}

/** The JSON type of one vif_details value. */
export type VifDetailValueType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/** One vif_details key. */
export interface VifDetailSpec {
  /** The value's JSON type, or the list of types it may have (`['boolean', 'null']`). */
  readonly type: VifDetailValueType | readonly VifDetailValueType[];
  /** True when the key may be absent. Default false. */
  readonly optional?: boolean;
}

/** The inputs of a binding, as far as they select a vif_type. */
export interface BindingConditions {
  /** Default: the first declared vnic type. */
  readonly vnicType?: string;
  /** Added to the vnic type's own profile requirements. */
  readonly profile?: BindingProfile;
  /** Added to the agent's report. */
  readonly agentConfigurations?: AgentConfigurations;
}

/** How a hierarchical driver continues bindings. */
export interface HierarchicalCapability {
  /**
   * The dynamic segment it allocates (or finds) and hands to the next level: its network type
   * and, when the driver always asks for one, its physical network.
   */
  readonly dynamicSegment: {
    readonly networkType: string;
    readonly physicalNetwork?: string | null;
  };
  /**
   * True when it releases, in `updatePortPostcommit` and `deletePortPostcommit`, the dynamic
   * segment below a level it bound once no port uses it any more.
   */
  readonly releasesDynamicSegments: boolean;
}
