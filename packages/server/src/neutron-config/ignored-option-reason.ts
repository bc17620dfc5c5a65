/** Why particular options are not used, by `section.option`. */
const OPTION_REASONS: Readonly<Record<string, string>> = {
  'DEFAULT.api_workers':
    'ml2ts serves the API from one process; run more ml2ts processes on one database to serve more',
  'DEFAULT.rpc_workers': 'ml2ts answers agent calls in the server process itself',
  'DEFAULT.rpc_state_report_workers': 'ml2ts answers agent calls in the server process itself',
  'DEFAULT.dhcp_agents_per_network': 'ml2ts schedules no DHCP agents',
  'DEFAULT.service_plugins':
    'ml2ts serves the core API (networks, subnets, ports, agents) and loads no service plugins',
  'ml2.extension_drivers':
    'ml2ts loads no ML2 extension drivers; the API extensions it serves are built in',
};

/** Why whole sections are not used. */
const SECTION_REASONS: Readonly<Record<string, string>> = {
  agent: 'an L2 agent option; the server does not read it',
  ovs: 'an L2 agent option; the server does not read it',
  linux_bridge: 'an L2 agent option; the server does not read it',
  sriov_nic: 'an L2 agent option; the server does not read it',
  vxlan: 'an L2 agent option; the server does not read it',
  securitygroup:
    'an L2 agent option (the firewall is set up by the agent); the server does not read it',
  nova:
    'ml2ts does not authenticate to Nova: it sends port events to [ml2ts] nova_url without ' +
    'credentials',
  keystone_authtoken: 'ml2ts does not support Keystone authentication (auth_strategy = noauth)',
  quotas: 'ml2ts enforces no quotas',
};

/**
 * Why ml2ts does not use an option of the files, in one sentence, for the start-up log: a
 * specific reason for the options operators expect to matter, a reason per section for agent
 * and authentication sections, and a general one otherwise. Pure; never throws.
 */
export function ignoredOptionReason(section: string, option: string): string {
  const key = `${section}.${option}`;
  if (Object.prototype.hasOwnProperty.call(OPTION_REASONS, key)) return OPTION_REASONS[key];
  if (Object.prototype.hasOwnProperty.call(SECTION_REASONS, section)) {
    return SECTION_REASONS[section];
  }
  return 'ml2ts does not use this option';
}
