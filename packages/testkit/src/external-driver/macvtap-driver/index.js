'use strict';

// A mechanism driver package written outside the ml2ts repository, in plain CommonJS. It needs
// only @ml2ts/driver-api (the contract) and inversify (for its container module).
const { ContainerModule } = require('inversify');
const { AgentType, DeclineReason, DI, VifType } = require('@ml2ts/driver-api');

/** The macvtap mode the agent creates its devices in. */
const MACVTAP_MODE = 'bridge';

/**
 * Binds `normal` ports on `flat` and `vlan` segments through the Macvtap agent of the port's
 * host: the device is a macvtap on the interface the agent maps the physical network to (on its
 * VLAN sub-interface for `vlan` segments).
 */
class MacvtapMechanismDriver {
  constructor(logger) {
    this.name = 'macvtap';
    this.connectivity = 'l2';
    this.logger = logger;
  }

  /** Outside any transaction; never blocks, never throws. Every refusal says why. */
  bindPort(context) {
    if (context.vnicType !== 'normal') {
      context.decline({
        code: DeclineReason.VNIC_TYPE_NOT_SUPPORTED,
        facts: { vnicType: context.vnicType, supported: ['normal'] },
      });
      return;
    }
    const agents = context.hostAgents(AgentType.MACVTAP);
    if (agents.length === 0) {
      context.decline({ code: DeclineReason.NO_AGENT_ON_HOST, facts: { host: context.host } });
      return;
    }
    for (const agent of agents) {
      if (!agent.alive) {
        this.logger.warn('Refusing to bind port to dead agent', { agent: agent.id });
        context.decline({
          code: DeclineReason.AGENT_DEAD,
          agentId: agent.id,
          facts: { heartbeatAgeSeconds: agent.heartbeatAgeSeconds },
        });
        continue;
      }
      const mappings = agent.configurations.interface_mappings || {};
      for (const segment of context.segmentsToBind) {
        const where = { segmentId: segment.id, agentId: agent.id };
        if (segment.networkType !== 'flat' && segment.networkType !== 'vlan') {
          context.decline({
            code: DeclineReason.NETWORK_TYPE_NOT_ALLOWED,
            ...where,
            facts: { networkType: segment.networkType, allowed: ['flat', 'vlan'] },
          });
          continue;
        }
        if (!Object.hasOwn(mappings, segment.physicalNetwork)) {
          context.decline({
            code: DeclineReason.PHYSNET_NOT_MAPPED,
            ...where,
            facts: { mappings },
          });
          continue;
        }
        const device = String(mappings[segment.physicalNetwork]);
        context.setBinding(segment.id, VifType.MACVTAP, {
          port_filter: false,
          macvtap_mode: MACVTAP_MODE,
          macvtap_source:
            segment.networkType === 'vlan' ? `${device}.${segment.segmentationId}` : device,
          physical_interface: device,
        });
        return;
      }
    }
  }
}

/** The export the manifest names: binds the driver, with the engine's logger. */
const macvtapDriverModule = new ContainerModule(({ bind }) => {
  bind(DI.MECHANISM_DRIVER)
    .toDynamicValue((context) => new MacvtapMechanismDriver(context.get(DI.LOGGER)))
    .inSingletonScope();
});

/** What the driver declares it can do, for the contract suite of @ml2ts/testkit. */
const macvtapCapabilities = {
  name: 'macvtap',
  connectivity: 'l2',
  vnicTypes: ['normal'],
  networkTypes: ['flat', 'vlan'],
  agent: {
    agentType: AgentType.MACVTAP,
    physicalNetworkMappings: { interface_mappings: 'eth1' },
    tunnelTypesFromAgent: false,
  },
  vifTypes: {
    macvtap: {
      details: {
        port_filter: { type: 'boolean' },
        macvtap_mode: { type: 'string' },
        macvtap_source: { type: 'string' },
        physical_interface: { type: 'string' },
      },
    },
  },
  hierarchical: null,
};

module.exports = { MacvtapMechanismDriver, macvtapDriverModule, macvtapCapabilities };
