import {
  type AgentView,
  Connectivity,
  DeclineReason,
  type Logger,
  type MechanismDriver,
  OWNERS_WITHOUT_PROVISIONING_BLOCK,
  type PortContext,
  PortStatus,
  ProvisioningEntity,
  type Segment,
  silentLogger,
  VnicType,
} from '@ml2ts/driver-api';
import { applyVnicTypeProhibitList } from './vnic-type-prohibit-list';

/**
 * Reason code for an agent of another type than the driver's. `hostAgents(type)` only returns
 * agents of the requested type, so it shows only when a subclass feeds other agents in.
 */
export const AGENT_TYPE_MISMATCH = 'agent_type_mismatch';

/** What an agent-based driver tells its base class at construction. */
export interface AgentMechanismDriverOptions {
  /** The configuration name of the driver, e.g. `openvswitch`. */
  readonly name: string;
  /** The `agent_type` of the L2 agents this driver binds through, e.g. `Open vSwitch agent`. */
  readonly agentType: string;
  /** Every vnic type the driver can bind, before the prohibit list is applied. */
  readonly supportedVnicTypes: readonly string[];
  /** Vnic types an operator prohibited (default none); each must be in `supportedVnicTypes`. */
  readonly vnicTypeProhibitList?: readonly string[];
  /**
   * The option the prohibit list was read from, named in the start-up error when it is invalid
   * (e.g. `ovs_driver.vnic_type_prohibit_list`).
   */
  readonly prohibitListOption?: string;
  /** Default `l2`: agent drivers may bind ports that have no fixed IPs. */
  readonly connectivity?: Connectivity;
  readonly logger?: Logger;
}

/**
 * The base of mechanism drivers that bind through an L2 agent running on the port's host.
 *
 * It owns the binding sequence every agent driver shares (vnic type, subnet-segment affinity,
 * agents of the driver's type on the host, liveness, smart-NIC capability) and leaves the
 * per-segment decision to `tryToBindSegmentForAgent`. Every refusal is reported to the binding
 * trace through `context.decline` with a `DeclineReason` code and the facts behind it.
 *
 * It also inserts the `L2` provisioning block for ports that an agent of this type will wire.
 *
 * The base keeps no per-port state: one instance serves every port and binding attempt.
 */
export abstract class AgentMechanismDriverBase implements MechanismDriver {
  /** The configuration name (`mechanism_drivers` entry). */
  readonly name: string;
  /** `l2` unless the subclass says otherwise. */
  readonly connectivity: Connectivity;
  /** The `agent_type` this driver binds through. */
  readonly agentType: string;
  /** Vnic types the driver binds: its own list minus the prohibit list, in the driver's order. */
  readonly supportedVnicTypes: readonly string[];
  /** The operator's prohibit list, as configured. */
  readonly prohibitedVnicTypes: readonly string[];
  protected readonly logger: Logger;

  /**
   * Runs at start-up when the container builds the driver. Throws `ConfigurationError` when the
   * prohibit list names a vnic type the driver does not support, or prohibits all of them.
   */
  protected constructor(options: AgentMechanismDriverOptions) {
    this.name = options.name;
    this.connectivity = options.connectivity ?? Connectivity.L2;
    this.agentType = options.agentType;
    this.prohibitedVnicTypes = [...(options.vnicTypeProhibitList ?? [])];
    this.supportedVnicTypes = applyVnicTypeProhibitList(
      options.supportedVnicTypes,
      this.prohibitedVnicTypes,
      options.prohibitListOption ?? `${options.name}.vnic_type_prohibit_list`,
    );
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Binds the port to the first candidate segment that a live agent of this type on the host
   * can wire. Checks, in this order: the vnic type; the segments the port's subnets allow; the
   * agents of this type on the host; per agent its liveness and (for `smart-nic` ports) its
   * smart-NIC capability; per candidate segment `tryToBindSegmentForAgent`. The agent's admin
   * state is never consulted. Runs outside any transaction, does not block, does not throw.
   */
  bindPort(context: PortContext): void {
    const vnicType = context.vnicType || VnicType.NORMAL;
    if (this.declineUnsupportedVnicType(context, vnicType)) return;
    this.bindToHostAgents(context, vnicType, this.candidateSegments(context));
  }

  /**
   * Inserts the `L2` provisioning block when an agent of this type will wire the new port (see
   * `addL2ProvisioningBlockIfNeeded`). Inside the create-port transaction; does not block.
   */
  createPortPrecommit(context: PortContext): void {
    this.addL2ProvisioningBlockIfNeeded(context);
  }

  /**
   * Same as on create, but only when the update moved the port to another host. Inside the
   * update-port transaction; does not block.
   */
  updatePortPrecommit(context: PortContext): void {
    const originalHost = context.original?.hostId ?? '';
    if (context.host === originalHost) return;
    this.addL2ProvisioningBlockIfNeeded(context);
  }

  /**
   * Tries to bind `segment` for `agent` (a live agent of this driver's type on the port's host):
   * calls `context.setBinding` and returns true, or records why not with `context.decline` and
   * returns false. Called inside `bindPort`; must not block or throw.
   */
  protected abstract tryToBindSegmentForAgent(
    context: PortContext,
    segment: Segment,
    agent: AgentView,
  ): boolean;

  /**
   * Declines (and returns true) when `vnicType` is not one this driver binds: the code is
   * `vnic_type_prohibited` when the operator's prohibit list removed it, otherwise
   * `vnic_type_not_supported`.
   */
  protected declineUnsupportedVnicType(context: PortContext, vnicType: string): boolean {
    if (this.supportedVnicTypes.includes(vnicType)) return false;
    this.logger.debug('Refusing to bind due to unsupported vnic_type', {
      driver: this.name,
      port: context.current.id,
      vnicType,
    });
    const prohibited = this.prohibitedVnicTypes.includes(vnicType);
    context.decline({
      code: prohibited ? DeclineReason.VNIC_TYPE_PROHIBITED : DeclineReason.VNIC_TYPE_NOT_SUPPORTED,
      facts: prohibited
        ? { vnicType, supported: this.supportedVnicTypes, prohibited: this.prohibitedVnicTypes }
        : { vnicType, supported: this.supportedVnicTypes },
    });
    return true;
  }

  /**
   * The segments the port may be bound to: with fixed IPs, only the segments to bind that one of
   * the port's subnets is unsegmented or tied to (each other segment is declined with
   * `segment_not_in_subnet`); without fixed IPs, all segments to bind. Each segment appears at
   * most once, in `segmentsToBind` order.
   */
  protected candidateSegments(context: PortContext): readonly Segment[] {
    const subnets = context.fixedIpSubnets;
    if (subnets.length === 0) return context.segmentsToBind;
    return context.segmentsToBind.filter((segment) => {
      const reachable = subnets.some(
        (subnet) => subnet.segmentId === null || subnet.segmentId === segment.id,
      );
      if (!reachable) {
        context.decline({
          code: DeclineReason.SEGMENT_NOT_IN_SUBNET,
          segmentId: segment.id,
          facts: {
            subnetIds: subnets.map((subnet) => subnet.id),
            subnetSegmentIds: subnets.map((subnet) => subnet.segmentId),
          },
        });
      }
      return reachable;
    });
  }

  /**
   * The agent part of the binding sequence: for each agent of this type on the host, skips dead
   * agents (`agent_dead`) and, for `smart-nic` ports, agents without `baremetal_smartnic`
   * (`agent_not_smartnic`); then tries `segments` in order and stops at the first bound one.
   * No agent at all declines with `no_agent_on_host`.
   */
  protected bindToHostAgents(
    context: PortContext,
    vnicType: string,
    segments: readonly Segment[],
  ): void {
    const agents = context.hostAgents(this.agentType);
    if (agents.length === 0) {
      this.logger.debug('Port not bound: no agent of this type registered on the host', {
        driver: this.name,
        port: context.current.id,
        agentType: this.agentType,
        host: context.host,
      });
      context.decline({
        code: DeclineReason.NO_AGENT_ON_HOST,
        facts: { agentType: this.agentType, host: context.host },
      });
      return;
    }
    for (const agent of agents) {
      if (!agent.alive) {
        this.logger.warn('Refusing to bind port to dead agent', {
          driver: this.name,
          port: context.current.id,
          agent: agent.id,
          heartbeatAgeSeconds: agent.heartbeatAgeSeconds,
          agentDownTime: agent.agentDownTime,
        });
        context.decline({
          code: DeclineReason.AGENT_DEAD,
          agentId: agent.id,
          facts: {
            heartbeatAgeSeconds: agent.heartbeatAgeSeconds,
            agentDownTime: agent.agentDownTime,
          },
        });
        continue;
      }
      if (vnicType === VnicType.SMARTNIC && !agent.configurations.baremetal_smartnic) {
        context.decline({
          code: DeclineReason.AGENT_NOT_SMARTNIC,
          agentId: agent.id,
          facts: { vnicType, baremetalSmartnic: agent.configurations.baremetal_smartnic ?? null },
        });
        continue;
      }
      for (const segment of segments) {
        if (this.tryToBindSegmentForAgent(context, segment, agent)) return;
      }
    }
  }

  /**
   * Asks for the `L2` provisioning block when all hold: the port has a host, is not ACTIVE, has
   * a device owner that gets blocks (not `''`, router, DHCP or floating-IP owners), has a vnic
   * type this driver binds, and the host has at least one agent of this type, dead or alive.
   */
  protected addL2ProvisioningBlockIfNeeded(context: PortContext): void {
    if (!context.host) return;
    if (context.current.status === PortStatus.ACTIVE) return;
    if (OWNERS_WITHOUT_PROVISIONING_BLOCK.includes(context.current.deviceOwner)) return;
    if (!this.supportedVnicTypes.includes(context.vnicType || VnicType.NORMAL)) return;
    if (context.hostAgents(this.agentType).length === 0) return;
    context.addProvisioningBlock(ProvisioningEntity.L2);
  }
}
