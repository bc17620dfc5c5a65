import {
  type AgentView,
  DeclineReason,
  type MechanismDriver,
  type Ml2Configuration,
  PHYSICAL_NETWORK_TYPES,
  type PortContext,
  type Segment,
  type TraceReason,
  type VifDetails,
  VifType,
} from '@ml2ts/driver-api';

/** The agent type the reference driver binds through. */
export const REFERENCE_AGENT_TYPE = 'Reference agent';

/**
 * The smallest agent-based driver that keeps the whole contract, written without the core base
 * classes: the contract suite's own tests run the suite against it (it must pass) and against
 * subclasses that break it on purpose (they must fail). `normal` ports get vif_type `tap`,
 * `direct` ports `hw_veb` with the VLAN as a string; `flat`, `vlan` and `local` segments bind,
 * `vxlan` segments when the agent reports that tunnel type; physical networks come from the agent's
 * `bridge_mappings`.
 *
 * The protected methods are the places the broken variants override.
 */
export class ReferenceAgentDriver implements MechanismDriver {
  readonly name: string = 'reference';
  readonly connectivity = 'l2' as const;

  constructor(protected readonly config: Ml2Configuration) {}

  /** Binds through the first live agent of the host that reaches an offered segment. */
  bindPort(context: PortContext): void | Promise<void> {
    if (context.vnicType !== 'normal' && context.vnicType !== 'direct') {
      context.decline({
        code: DeclineReason.VNIC_TYPE_NOT_SUPPORTED,
        facts: { vnicType: context.vnicType },
      });
      return;
    }
    const agents = context.hostAgents(REFERENCE_AGENT_TYPE);
    if (agents.length === 0) {
      context.decline({ code: DeclineReason.NO_AGENT_ON_HOST, facts: { host: context.host } });
      return;
    }
    for (const agent of this.usableAgents(context, agents)) {
      for (const segment of context.segmentsToBind) {
        const refusal = this.refusal(segment, agent);
        if (refusal !== null) {
          context.decline(refusal);
          continue;
        }
        this.bindSegment(context, segment);
        return;
      }
    }
  }

  /** The live agents; a dead one is declined with `agent_dead`. */
  protected usableAgents(context: PortContext, agents: readonly AgentView[]): readonly AgentView[] {
    return agents.filter((agent) => {
      if (!agent.alive) {
        context.decline({
          code: DeclineReason.AGENT_DEAD,
          agentId: agent.id,
          facts: { heartbeatAgeSeconds: agent.heartbeatAgeSeconds },
        });
      }
      return agent.alive;
    });
  }

  /** Why `agent` cannot wire `segment`, or null. */
  protected refusal(segment: Segment, agent: AgentView): TraceReason | null {
    const where = { segmentId: segment.id, agentId: agent.id };
    const type = segment.networkType;
    if (type === 'vxlan') {
      const reported = agent.configurations.tunnel_types ?? [];
      return reported.includes(type)
        ? null
        : { code: DeclineReason.TUNNEL_TYPE_NOT_SUPPORTED, ...where, facts: { type, reported } };
    }
    if (PHYSICAL_NETWORK_TYPES.includes(type)) {
      const mappings = agent.configurations.bridge_mappings ?? {};
      return segment.physicalNetwork !== null && Object.hasOwn(mappings, segment.physicalNetwork)
        ? null
        : { code: DeclineReason.PHYSNET_NOT_MAPPED, ...where, facts: { mappings } };
    }
    return type === 'local'
      ? null
      : { code: DeclineReason.NETWORK_TYPE_NOT_ALLOWED, ...where, facts: { type } };
  }

  /** Completes the binding on `segment`. */
  protected bindSegment(context: PortContext, segment: Segment): void {
    const direct = context.vnicType === 'direct';
    context.setBinding(
      segment.id,
      direct ? VifType.HW_VEB : VifType.TAP,
      this.vifDetails(context, segment),
    );
  }

  /** `tap`: connectivity and port_filter; `hw_veb`: also the VLAN as a string (`"0"` if none). */
  protected vifDetails(context: PortContext, segment: Segment): VifDetails {
    if (context.vnicType !== 'direct') {
      return { connectivity: 'l2', port_filter: this.config.securitygroup.enable_security_group };
    }
    const vlan = segment.networkType === 'vlan' ? String(segment.segmentationId) : '0';
    return { connectivity: 'l2', port_filter: false, vlan };
  }
}
