import {
  type AgentServerApi,
  type AgentServerMethod,
  type FirewallEthertype,
  type SecurityGroupInfo,
  type SecurityGroupMemberIp,
} from '@ml2ts/agent-rpc';
import { BadRequest, Ml2Error } from '@ml2ts/driver-api';
import {
  DESCRIBE_DEVICE_METHOD,
  devicesListFromWire,
  NEUTRON_METHODS,
  NeutronEndpointVersion,
  NeutronTopic,
  SECURITY_GROUP_INFO_CALL_VERSION,
} from './neutron-rpc-methods';
import { parseOsloVersion } from './oslo-version';
import { type OsloEndpoint, type OsloMethodHandler } from './oslo-rpc-server';

/** The endpoints of each topic an ml2ts server consumes, in dispatch order. */
export interface NeutronServerEndpoints {
  /**
   * `q-plugin`: the ML2 plugin's methods (1.9), the security group methods (1.3), the agent
   * state methods (1.2), pulls (1.1).
   */
  readonly [NeutronTopic.PLUGIN]: readonly OsloEndpoint[];
  /** `q-reports-plugin`: the agent state methods (1.2). */
  readonly [NeutronTopic.REPORTS]: readonly OsloEndpoint[];
}

/**
 * The endpoints through which `api` answers Neutron's agents, as a Zed server lays them out:
 * on `q-plugin` the ML2 plugin's callbacks at 1.9 (`get_device_details`,
 * `get_devices_details_list`, `get_devices_details_list_and_failed_devices`,
 * `get_network_details`, `update_device_up`, `update_device_down`, `update_device_list`,
 * `tunnel_sync`, plus ml2ts's `describe_device`), the security group callbacks at 1.3
 * (`security_group_rules_for_devices`, `security_group_info_for_devices`, the latter's member
 * addresses as plain addresses for an agent whose `call_version` is below 1.3 or absent), the
 * agent state callbacks at 1.2 (`report_state`, `has_alive_neutron_server`) and the resource
 * pulls at 1.1 (`pull`, `bulk_pull`); on `q-reports-plugin` the agent state callbacks alone.
 * Each handler converts the keyword arguments to the ml2ts request, runs the `AgentServerApi`
 * method and answers its result as Neutron does. Pure; building them calls nothing on `api`.
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
  const securityGroups: OsloEndpoint = {
    version: NeutronEndpointVersion.SECURITY_GROUPS,
    methods: {
      security_group_rules_for_devices: run('securityGroupRulesForDevices'),
      security_group_info_for_devices: async (args, context) => {
        const answersPairs = callVersionHasPairs(args.call_version);
        const info = (await run('securityGroupInfoForDevices')(args, context)) as SecurityGroupInfo;
        return answersPairs ? info : withPlainMemberIps(info);
      },
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
    [NeutronTopic.PLUGIN]: [plugin, securityGroups, agentState, resources],
    [NeutronTopic.REPORTS]: [agentState],
  };
}

/**
 * True when the `call_version` of a `security_group_info_for_devices` call asks for member
 * addresses as `[ip, mac]` pairs (1.3 on); absent means 1.2, as Neutron takes it. Throws
 * `BadRequest` for a value that is not a version.
 */
function callVersionHasPairs(callVersion: unknown): boolean {
  if (callVersion === undefined || callVersion === null) return false;
  const asked = parseOsloVersion(callVersion);
  const pairs = parseOsloVersion(SECURITY_GROUP_INFO_CALL_VERSION)!;
  if (!asked) {
    throw new BadRequest('security_group_info_for_devices', 'call_version must be a version');
  }
  return asked.major > pairs.major || (asked.major === pairs.major && asked.minor >= pairs.minor);
}

/**
 * `info` as agents before 1.3 read it: each remote group's member addresses without their MAC
 * addresses, under both IP versions (an empty list for a version no rule names). Pure.
 */
function withPlainMemberIps(info: SecurityGroupInfo): PlainMemberIpsInfo {
  const plain = (members: readonly SecurityGroupMemberIp[] | undefined) => [
    ...new Set((members ?? []).map(([ip]) => ip)),
  ];
  const memberIps: PlainMemberIpsInfo['sg_member_ips'] = {};
  for (const [groupId, byVersion] of Object.entries(info.sg_member_ips)) {
    memberIps[groupId] = { IPv4: plain(byVersion.IPv4), IPv6: plain(byVersion.IPv6) };
  }
  return { ...info, sg_member_ips: memberIps };
}

/** `security_group_info_for_devices`'s answer before 1.3: member addresses alone. */
type PlainMemberIpsInfo = Omit<SecurityGroupInfo, 'sg_member_ips'> & {
  sg_member_ips: Record<string, Record<FirewallEthertype, string[]>>;
};
