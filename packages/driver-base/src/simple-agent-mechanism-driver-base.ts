import {
  type AgentView,
  DeclineReason,
  NetworkType,
  PHYSICAL_NETWORK_TYPES,
  type PortContext,
  type Segment,
  type TraceReason,
  TUNNEL_NETWORK_TYPES,
  type VifDetails,
  VnicType,
} from '@ml2ts/driver-api';
import {
  AGENT_TYPE_MISMATCH,
  AgentMechanismDriverBase,
  type AgentMechanismDriverOptions,
} from './agent-mechanism-driver-base';

/** What a simple agent driver tells its base class at construction. */
export interface SimpleAgentMechanismDriverOptions extends Omit<
  AgentMechanismDriverOptions,
  'supportedVnicTypes'
> {
  /** Default `['normal']`. */
  readonly supportedVnicTypes?: readonly string[];
  /** The vif_type a bound port gets (unless `getVifType` is overridden). */
  readonly vifType: string;
  /** Details merged over `{connectivity}` to form the driver's base vif_details. */
  readonly vifDetails?: VifDetails;
}

/**
 * The base of agent drivers whose binding decision is "does this agent reach this segment":
 * the agent must be of the driver's type, the segment's network type must be one the agent
 * allows, and a `flat` or `vlan` segment's physical network must be in the agent's mappings.
 * Tunnel and `local` segments need nothing more (no tunnel IP, l2population or id check).
 *
 * A subclass supplies what differs: agent type, vnic types, vif_type and details (constructor
 * or `getVifType` / `getVifDetails`), `getMappings` and, if needed, `getAllowedNetworkTypes`.
 */
export abstract class SimpleAgentMechanismDriverBase extends AgentMechanismDriverBase {
  /** The vif_type given by the constructor. */
  readonly vifType: string;
  /** `{connectivity}` merged with the constructor's details. */
  readonly vifDetails: Readonly<VifDetails>;

  /** Runs at start-up; throws `ConfigurationError` for an invalid prohibit list. */
  protected constructor(options: SimpleAgentMechanismDriverOptions) {
    super({ ...options, supportedVnicTypes: options.supportedVnicTypes ?? [VnicType.NORMAL] });
    this.vifType = options.vifType;
    this.vifDetails = { connectivity: this.connectivity, ...options.vifDetails };
  }

  /**
   * True when `agent` can wire `segment` (the check of `tryToBindSegmentForAgent`, without the
   * trace). Pure, never blocks.
   */
  checkSegmentForAgent(segment: Segment, agent: AgentView): boolean {
    return this.segmentRefusal(segment, agent) === null;
  }

  /**
   * Binds `segment` with this driver's vif_type and vif_details (no requested status) when
   * `agent` can wire it; otherwise declines with the reason and returns false.
   */
  protected tryToBindSegmentForAgent(
    context: PortContext,
    segment: Segment,
    agent: AgentView,
  ): boolean {
    const refusal = this.segmentRefusal(segment, agent);
    if (refusal !== null) {
      context.decline(refusal);
      return false;
    }
    context.setBinding(
      segment.id,
      this.getVifType(context, agent, segment),
      this.getVifDetails(context, agent, segment),
    );
    return true;
  }

  /**
   * Why `agent` cannot wire `segment`, or null when it can: `agent_type_mismatch`,
   * `tunnel_type_not_supported` (a tunnel type the agent does not list in `tunnel_types`),
   * `network_type_not_allowed`, or `physnet_not_mapped` (flat/vlan physnet not a key of
   * `getMappings(agent)`).
   */
  protected segmentRefusal(segment: Segment, agent: AgentView): TraceReason | null {
    const where = { segmentId: segment.id, agentId: agent.id };
    if (agent.agentType !== this.agentType) {
      return {
        code: AGENT_TYPE_MISMATCH,
        ...where,
        facts: { agentType: agent.agentType, expected: this.agentType },
      };
    }
    const networkType = segment.networkType;
    const allowed = this.getAllowedNetworkTypes(agent);
    if (!allowed.includes(networkType)) {
      const tunnelTypes = agentTunnelTypes(agent);
      if (TUNNEL_NETWORK_TYPES.includes(networkType) && !tunnelTypes.includes(networkType)) {
        return {
          code: DeclineReason.TUNNEL_TYPE_NOT_SUPPORTED,
          ...where,
          facts: { networkType, tunnelTypes, allowed },
        };
      }
      return {
        code: DeclineReason.NETWORK_TYPE_NOT_ALLOWED,
        ...where,
        facts: { networkType, allowed },
      };
    }
    if (PHYSICAL_NETWORK_TYPES.includes(networkType)) {
      const mappings = this.getMappings(agent);
      const physicalNetwork = segment.physicalNetwork;
      if (physicalNetwork === null || !Object.hasOwn(mappings, physicalNetwork)) {
        return {
          code: DeclineReason.PHYSNET_NOT_MAPPED,
          ...where,
          facts: { physicalNetwork, mappings },
        };
      }
    }
    return null;
  }

  /** The agent's physical network → bridge/interface/devices mappings. */
  protected abstract getMappings(agent: AgentView): Readonly<Record<string, unknown>>;

  /** Default: the agent's reported `tunnel_types`, then `local`, `flat` and `vlan`. */
  protected getAllowedNetworkTypes(agent: AgentView): readonly string[] {
    return [...agentTunnelTypes(agent), NetworkType.LOCAL, NetworkType.FLAT, NetworkType.VLAN];
  }

  /** Default: the constructor's vif_type. */
  protected getVifType(_context: PortContext, _agent: AgentView, _segment: Segment): string {
    return this.vifType;
  }

  /** Default: (a copy of) the constructor's vif_details. */
  protected getVifDetails(_context: PortContext, _agent: AgentView, _segment: Segment): VifDetails {
    return { ...this.vifDetails };
  }
}

/** The agent's reported `tunnel_types`, or `[]` when it reported none (or not a list). */
function agentTunnelTypes(agent: AgentView): readonly string[] {
  const tunnelTypes = agent.configurations.tunnel_types;
  return Array.isArray(tunnelTypes) ? tunnelTypes : [];
}
