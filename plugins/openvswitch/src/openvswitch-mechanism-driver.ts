import {
  PluginSection,
  SimpleAgentMechanismDriverBase,
  hasProfileCapability,
} from '@ml2ts/driver-base';
import {
  AgentType,
  type AgentView,
  DeclineReason,
  DI,
  type Logger,
  type Ml2Configuration,
  type PortContext,
  type VifDetails,
  VifType,
  VnicType,
} from '@ml2ts/driver-api';
import { inject, injectable } from 'inversify';
import { openvswitchCapabilities } from './openvswitch-capabilities';

/** The plugin configuration section this driver owns. */
export const OVS_DRIVER_SECTION = 'ovs_driver';
/** Its one option: vnic types the operator does not want OVS to bind. Default `[]`. */
export const OVS_VNIC_TYPE_PROHIBIT_LIST = 'vnic_type_prohibit_list';

/** The vnic types OVS binds before the prohibit list. */
export const OVS_SUPPORTED_VNIC_TYPES: readonly string[] = [
  VnicType.NORMAL,
  VnicType.DIRECT,
  VnicType.SMARTNIC,
  VnicType.VDPA,
];

/** Where OVS-DPDK puts vhost-user sockets when the agent does not say. */
export const DEFAULT_VHOSTUSER_SOCKET_DIR = '/var/run/openvswitch';
/** Datapath type assumed when the agent does not report one. */
export const DEFAULT_DATAPATH_TYPE = 'system';
/** The profile capability that marks a `direct` port for OVS hardware offload. */
export const SWITCHDEV = 'switchdev';
const DPDK_VHOSTUSER = 'dpdkvhostuser';
const DPDK_VHOSTUSER_CLIENT = 'dpdkvhostuserclient';
/** Linux limits interface names to 15 characters: 14 plus the terminator. */
const DEVICE_NAME_LENGTH = 14;

/**
 * The `openvswitch` mechanism driver: binds ports through the Open vSwitch agent on the host.
 *
 * On top of the agent base sequence: a `direct` port needs `switchdev` in its profile
 * capabilities (hardware offload); the vif_type is `vhostuser` on OVS-DPDK hosts (datapath
 * `netdev` with a vhost-user interface type) except for `direct` ports, and `ovs` otherwise. The
 * agent may carry its reported tunnel types plus `local`, `flat` and `vlan`; physical networks
 * come from its `bridge_mappings`. OVS cannot carry VLAN-transparent networks.
 */
@injectable()
export class OpenvswitchMechanismDriver extends SimpleAgentMechanismDriverBase {
  /** What it declares it can do, for the contract suite (see `openvswitchCapabilities`). */
  readonly capabilities = openvswitchCapabilities;

  /** Owns the `ovs_driver` section. */
  readonly configSections: readonly string[] = [OVS_DRIVER_SECTION];

  private readonly section: PluginSection;

  /**
   * Built by the container at start-up. Throws `ConfigurationError` when
   * `ovs_driver.vnic_type_prohibit_list` is not a list of OVS vnic types or prohibits all of them.
   */
  constructor(
    @inject(DI.CONFIGURATION) config: Ml2Configuration,
    @inject(DI.LOGGER) logger: Logger,
  ) {
    const section = new PluginSection(config, OVS_DRIVER_SECTION);
    super({
      name: 'openvswitch',
      agentType: AgentType.OVS,
      supportedVnicTypes: OVS_SUPPORTED_VNIC_TYPES,
      vnicTypeProhibitList: section.stringList(OVS_VNIC_TYPE_PROHIBIT_LIST, []),
      prohibitListOption: section.optionName(OVS_VNIC_TYPE_PROHIBIT_LIST),
      vifType: VifType.OVS,
      vifDetails: { port_filter: config.securitygroup.enable_security_group },
      logger,
    });
    this.section = section;
  }

  /** Start-up: fails with `ConfigurationError` on an unknown option in `ovs_driver`. */
  initialize(): void {
    this.section.rejectUnknownOptions([OVS_VNIC_TYPE_PROHIBIT_LIST]);
  }

  /**
   * Declines a `direct` port whose profile lacks the `switchdev` capability (that port belongs to
   * the SR-IOV driver), then runs the agent base sequence. Outside any transaction; never blocks.
   */
  override bindPort(context: PortContext): void {
    if (context.vnicType === VnicType.DIRECT && !hasProfileCapability(context.profile, SWITCHDEV)) {
      context.decline({
        code: DeclineReason.SWITCHDEV_REQUIRED,
        facts: { vnicType: context.vnicType, capabilities: context.profile.capabilities ?? null },
      });
      return;
    }
    super.bindPort(context);
  }

  /** OVS never carries VLAN-transparent networks. */
  checkVlanTransparency(): boolean {
    return false;
  }

  /** `bridge_mappings`: physical network → OVS bridge. */
  protected getMappings(agent: AgentView): Readonly<Record<string, unknown>> {
    return agent.configurations.bridge_mappings ?? {};
  }

  /** `ovs`, or `vhostuser` for non-`direct` ports on an OVS-DPDK agent. */
  protected override getVifType(context: PortContext, agent: AgentView): string {
    if (context.vnicType === VnicType.DIRECT) return VifType.OVS;
    const configurations = agent.configurations;
    const ifaceTypes = configurations.ovs_capabilities?.iface_types ?? [];
    const dpdk = ifaceTypes.includes(DPDK_VHOSTUSER) || ifaceTypes.includes(DPDK_VHOSTUSER_CLIENT);
    return configurations.datapath_type === 'netdev' && dpdk ? VifType.VHOSTUSER : VifType.OVS;
  }

  /**
   * For `ovs`: `connectivity`, `port_filter` (server security groups), the agent's
   * `ovs_hybrid_plug` verbatim (null when unreported) and `datapath_type`. For `vhostuser`: no
   * `connectivity`, filtering and hybrid plug off, the vhost-user mode and socket. Both get
   * `bridge_name` from the agent's `integration_bridge` when it reports one.
   */
  protected override getVifDetails(context: PortContext, agent: AgentView): VifDetails {
    const configurations = agent.configurations;
    const datapathType = configurations.datapath_type ?? DEFAULT_DATAPATH_TYPE;
    const details: VifDetails =
      this.getVifType(context, agent) === VifType.VHOSTUSER
        ? {
            port_filter: false,
            ovs_hybrid_plug: false,
            vhostuser_mode: (configurations.ovs_capabilities?.iface_types ?? []).includes(
              DPDK_VHOSTUSER_CLIENT,
            )
              ? 'server' // OVS is the client, so QEMU must be the server
              : 'client',
            vhostuser_ovs_plug: true,
            vhostuser_socket: vhostuserSocketPath(
              configurations.vhostuser_socket_dir ?? DEFAULT_VHOSTUSER_SOCKET_DIR,
              context.current.id,
            ),
            datapath_type: datapathType,
          }
        : {
            ...this.vifDetails,
            ovs_hybrid_plug: configurations.ovs_hybrid_plug ?? null,
            datapath_type: datapathType,
          };
    if (configurations.integration_bridge) details.bridge_name = configurations.integration_bridge;
    return details;
  }
}

/** `<dir>/<first 14 characters of "vhu" + port id>`, joined like a POSIX path. */
function vhostuserSocketPath(directory: string, portId: string): string {
  const name = `vhu${portId}`.slice(0, DEVICE_NAME_LENGTH);
  if (directory === '') return name;
  return directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`;
}
