import { SimpleAgentMechanismDriverBase } from '@ml2ts/driver-base';
import {
  AgentType,
  type AgentView,
  ConfigurationError,
  DI,
  type Logger,
  type Ml2Configuration,
  VifType,
} from '@ml2ts/driver-api';
import { inject, injectable } from 'inversify';
import { linuxbridgeCapabilities } from './linuxbridge-capabilities';

/**
 * The `linuxbridge` mechanism driver: binds `normal` ports through the Linux bridge agent on the
 * host, with vif_type `bridge`. The agent may carry its reported tunnel types plus `local`,
 * `flat` and `vlan`; a physical network is reachable when it is in the agent's
 * `interface_mappings` or `bridge_mappings`. Experimental: it refuses to start unless
 * `experimental.linuxbridge` is true.
 */
@injectable()
export class LinuxbridgeMechanismDriver extends SimpleAgentMechanismDriverBase {
  /** What it declares it can do, for the contract suite (see `linuxbridgeCapabilities`). */
  readonly capabilities = linuxbridgeCapabilities;

  private readonly config: Ml2Configuration;

  /** Built by the container at start-up; never throws. */
  constructor(
    @inject(DI.CONFIGURATION) config: Ml2Configuration,
    @inject(DI.LOGGER) logger: Logger,
  ) {
    super({
      name: 'linuxbridge',
      agentType: AgentType.LINUXBRIDGE,
      vifType: VifType.BRIDGE,
      vifDetails: { port_filter: config.securitygroup.enable_security_group },
      logger,
    });
    this.config = config;
  }

  /** Start-up: throws `ConfigurationError` unless `experimental.linuxbridge` is true. */
  initialize(): void {
    const enabled = this.config.experimental.linuxbridge;
    if (enabled !== true) {
      throw new ConfigurationError(
        'experimental.linuxbridge',
        enabled,
        'the linuxbridge mechanism driver is experimental; set it to true to load the driver',
      );
    }
  }

  /** Linux bridges can carry VLAN-transparent networks. */
  checkVlanTransparency(): boolean {
    return true;
  }

  /**
   * `interface_mappings` and `bridge_mappings` together; a physical network in both maps to its
   * bridge.
   */
  protected getMappings(agent: AgentView): Readonly<Record<string, unknown>> {
    return {
      ...agent.configurations.interface_mappings,
      ...agent.configurations.bridge_mappings,
    };
  }
}
