import { type AgentServerApi, type AgentServerMethod } from '@ml2ts/agent-rpc';
import { Ml2Error } from '@ml2ts/driver-api';
import {
  DESCRIBE_DEVICE_METHOD,
  devicesListFromWire,
  NEUTRON_METHODS,
  NeutronEndpointVersion,
  NeutronTopic,
} from './neutron-rpc-methods';
import { type OsloEndpoint, type OsloMethodHandler } from './oslo-rpc-server';

/** The endpoints of each topic an ml2ts server consumes, in dispatch order. */
export interface NeutronServerEndpoints {
  /** `q-plugin`: the ML2 plugin's methods (1.9), the agent state methods (1.2), pulls (1.1). */
  readonly [NeutronTopic.PLUGIN]: readonly OsloEndpoint[];
  /** `q-reports-plugin`: the agent state methods (1.2). */
  readonly [NeutronTopic.REPORTS]: readonly OsloEndpoint[];
}

/**
 * The endpoints through which `api` answers Neutron's agents, as a Zed server lays them out:
 * on `q-plugin` the ML2 plugin's callbacks at 1.9 (`get_device_details`,
 * `get_devices_details_list`, `get_devices_details_list_and_failed_devices`,
 * `get_network_details`, `update_device_up`, `update_device_down`, `update_device_list`,
 * `tunnel_sync`, plus ml2ts's `describe_device`), the agent state callbacks at 1.2
 * (`report_state`, `has_alive_neutron_server`) and the resource pulls at 1.1 (`pull`,
 * `bulk_pull`); on `q-reports-plugin` the agent state callbacks alone. Each handler converts
 * the keyword arguments to the ml2ts request, runs the `AgentServerApi` method and answers its
 * result as Neutron does. Pure; building them calls nothing on `api`.
 */
export function neutronServerEndpoints(api: AgentServerApi): NeutronServerEndpoints {
  const run =
    (method: AgentServerMethod): OsloMethodHandler =>
    (args) => {
      const request = NEUTRON_METHODS[method].fromWire(args);
      const handler = api[method] as (request: unknown) => Promise<unknown>;
      return handler.call(api, request);
    };
  const agentState: OsloEndpoint = {
    version: NeutronEndpointVersion.AGENT_STATE,
    methods: {
      report_state: run('reportState'),
      has_alive_neutron_server: () => true,
    },
  };
  const plugin: OsloEndpoint = {
    version: NeutronEndpointVersion.PLUGIN,
    methods: {
      get_device_details: run('getDeviceDetails'),
      [DESCRIBE_DEVICE_METHOD]: run('describeDevice'),
      // Neutron answers a plain list here, and fails the whole call when one device fails.
      get_devices_details_list: async (args) => {
        const answer = await api.getDevicesDetailsList(devicesListFromWire(args));
        if (answer.failed_devices.length > 0) {
          throw new Ml2Error(
            'DeviceDetailsFailed',
            500,
            `The details of ${answer.failed_devices.join(', ')} could not be read; ask again.`,
          );
        }
        return answer.devices;
      },
      get_devices_details_list_and_failed_devices: run('getDevicesDetailsList'),
      get_network_details: run('getNetworkDetails'),
      update_device_up: async (args) => {
        await run('updateDeviceUp')(args, {});
        return null;
      },
      update_device_down: run('updateDeviceDown'),
      update_device_list: run('updateDeviceList'),
      tunnel_sync: run('tunnelSync'),
    },
  };
  const resources: OsloEndpoint = {
    version: NeutronEndpointVersion.RESOURCES_PULL,
    methods: {
      bulk_pull: run('bulkPull'),
      pull: async (args) => {
        const found = await api.bulkPull({
          resource_type: String(args.resource_type ?? ''),
          ...(typeof args.version === 'string' ? { version: args.version } : {}),
          filter_kwargs: { id: [args.resource_id] },
        });
        return found[0] ?? null;
      },
    },
  };
  return {
    [NeutronTopic.PLUGIN]: [plugin, agentState, resources],
    [NeutronTopic.REPORTS]: [agentState],
  };
}
