import {
  AGENT_TYPE_MISMATCH,
  AgentMechanismDriverBase,
  PluginSection,
  hasProfileCapability,
} from '@ml2ts/driver-base';
import {
  AgentType,
  type AgentView,
  DeclineReason,
  DI,
  type Logger,
  type Ml2Configuration,
  NetworkType,
  PHYSICAL_NETWORK_TYPES,
  type PortContext,
  PortStatus,
  type Segment,
  type TraceReason,
  type VifDetails,
  VifType,
  VnicType,
} from '@ml2ts/driver-api';
import { inject, injectable } from 'inversify';
import { sriovNicSwitchCapabilities } from './sriov-nic-switch-capabilities';

/** The plugin configuration section this driver owns. */
export const SRIOV_DRIVER_SECTION = 'sriov_driver';
/** Its one option: vnic types the operator does not want SR-IOV to bind. Default `[]`. */
export const SRIOV_VNIC_TYPE_PROHIBIT_LIST = 'vnic_type_prohibit_list';

/** The vnic types SR-IOV binds before the prohibit list. */
export const SRIOV_SUPPORTED_VNIC_TYPES: readonly string[] = [
  VnicType.DIRECT,
  VnicType.MACVTAP,
  VnicType.DIRECT_PHYSICAL,
  VnicType.ACCELERATOR_DIRECT,
];

/** The profile capability of ports that OVS hardware offload binds instead. */
export const SWITCHDEV = 'switchdev';

/**
 * The `sriovnicswitch` mechanism driver: binds SR-IOV virtual functions (`direct`, `macvtap`,
 * `accelerator-direct`, vif_type `hw_veb`) through the NIC Switch agent, and whole physical
 * functions (`direct-physical`, vif_type `hostdev_physical`) without any agent.
 *
 * It has its own binding sequence: no subnet-segment filter and no smart-NIC check; only `flat`
 * and `vlan` segments, on a physical network the agent lists in `device_mappings`. The `vlan`
 * vif detail is a string (`"0"` for flat). Agent-bound ports are committed `DOWN`;
 * `direct-physical` ports `ACTIVE` at once.
 */
@injectable()
export class SriovNicSwitchMechanismDriver extends AgentMechanismDriverBase {
  /** What it declares it can do, for the contract suite (see `sriovNicSwitchCapabilities`). */
  readonly capabilities = sriovNicSwitchCapabilities;

  /** Owns the `sriov_driver` section. */
  readonly configSections: readonly string[] = [SRIOV_DRIVER_SECTION];

  private readonly section: PluginSection;

  /**
   * Built by the container at start-up. Throws `ConfigurationError` when
   * `sriov_driver.vnic_type_prohibit_list` is not a list of SR-IOV vnic types or prohibits all.
   */
  constructor(
    @inject(DI.CONFIGURATION) config: Ml2Configuration,
    @inject(DI.LOGGER) logger: Logger,
  ) {
    const section = new PluginSection(config, SRIOV_DRIVER_SECTION);
    super({
      name: 'sriovnicswitch',
      agentType: AgentType.NIC_SWITCH,
      supportedVnicTypes: SRIOV_SUPPORTED_VNIC_TYPES,
      vnicTypeProhibitList: section.stringList(SRIOV_VNIC_TYPE_PROHIBIT_LIST, []),
      prohibitListOption: section.optionName(SRIOV_VNIC_TYPE_PROHIBIT_LIST),
      logger,
    });
    this.section = section;
  }

  /** Start-up: fails with `ConfigurationError` on an unknown option in `sriov_driver`. */
  initialize(): void {
    this.section.rejectUnknownOptions([SRIOV_VNIC_TYPE_PROHIBIT_LIST]);
  }

  /**
   * Declines `direct` ports marked `switchdev` (OVS offload binds those) and unsupported vnic
   * types; binds a `direct-physical` port to the first flat/vlan segment without an agent;
   * otherwise binds through a live NIC Switch agent on the host. Outside any transaction; never
   * blocks.
   */
  override bindPort(context: PortContext): void {
    const vnicType = context.vnicType || VnicType.NORMAL;
    if (vnicType === VnicType.DIRECT && hasProfileCapability(context.profile, SWITCHDEV)) {
      context.decline({
        code: DeclineReason.SWITCHDEV_NOT_SUPPORTED,
        facts: { vnicType, capabilities: context.profile.capabilities },
      });
      return;
    }
    if (this.declineUnsupportedVnicType(context, vnicType)) return;
    if (vnicType === VnicType.DIRECT_PHYSICAL) {
      this.bindPhysicalFunction(context);
      return;
    }
    this.bindToHostAgents(context, vnicType, context.segmentsToBind);
  }

  /** SR-IOV can carry VLAN-transparent networks. */
  checkVlanTransparency(): boolean {
    return true;
  }

  /**
   * Binds `segment` as `hw_veb` with requested status `DOWN` when `agent` reaches it (flat or
   * vlan on a physnet in its `device_mappings`); otherwise declines and returns false.
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
    context.setBinding(segment.id, VifType.HW_VEB, vifDetailsFor(segment), PortStatus.DOWN);
    return true;
  }

  /** A `direct-physical` port: the first flat/vlan segment, no agent, no physnet check. */
  private bindPhysicalFunction(context: PortContext): void {
    for (const segment of context.segmentsToBind) {
      if (PHYSICAL_NETWORK_TYPES.includes(segment.networkType)) {
        context.setBinding(
          segment.id,
          VifType.HOSTDEV_PHYSICAL,
          vifDetailsFor(segment),
          PortStatus.ACTIVE,
        );
        return;
      }
      context.decline(networkTypeNotAllowed(segment));
    }
  }

  /** Why `agent` cannot wire `segment`, or null when it can. */
  private segmentRefusal(segment: Segment, agent: AgentView): TraceReason | null {
    if (agent.agentType !== this.agentType) {
      return {
        code: AGENT_TYPE_MISMATCH,
        segmentId: segment.id,
        agentId: agent.id,
        facts: { agentType: agent.agentType, expected: this.agentType },
      };
    }
    if (!PHYSICAL_NETWORK_TYPES.includes(segment.networkType)) {
      return { ...networkTypeNotAllowed(segment), agentId: agent.id };
    }
    const mappings = agent.configurations.device_mappings ?? {};
    const physicalNetwork = segment.physicalNetwork;
    if (physicalNetwork === null || !Object.hasOwn(mappings, physicalNetwork)) {
      return {
        code: DeclineReason.PHYSNET_NOT_MAPPED,
        segmentId: segment.id,
        agentId: agent.id,
        facts: { physicalNetwork, mappings },
      };
    }
    return null;
  }
}

/** `{port_filter: false, connectivity: 'l2', vlan}`: the VLAN id as a string, `"0"` for flat. */
function vifDetailsFor(segment: Segment): VifDetails {
  const vlan = segment.networkType === NetworkType.VLAN ? String(segment.segmentationId) : '0';
  return { port_filter: false, connectivity: 'l2', vlan };
}

function networkTypeNotAllowed(segment: Segment): TraceReason {
  return {
    code: DeclineReason.NETWORK_TYPE_NOT_ALLOWED,
    segmentId: segment.id,
    facts: { networkType: segment.networkType, allowed: PHYSICAL_NETWORK_TYPES },
  };
}
