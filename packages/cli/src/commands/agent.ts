import {
  type AgentEvent,
  type AgentRuntimeOptions,
  createLinuxBridgeAgent,
  createOvsAgent,
  createSriovAgent,
  InMemoryBridge,
  type L2Agent,
  type LinuxBridgeAgentOptions,
  type OvsAgentOptions,
  type SriovAgentOptions,
} from '@ml2ts/agent';
import { AttributeLimits, ConfigurationError, type Logger } from '@ml2ts/driver-api';
import { AmqpTransport, ACCEPTED_TRANSPORT_URLS, TransportUrlError } from '@ml2ts/transport-amqp';
import { type CliIo, ExitCode } from '../cli-io';
import { parseArguments } from '../parse-arguments';
import { terminationSignal } from '../termination-signal';
import { UsageError } from '../usage-error';
import {
  AGENT_COMMAND_TYPES,
  type AgentCommandType,
  type AgentConfig,
  configurationUsageError,
  DEFAULT_INTEGRATION_BRIDGE,
  EMPTY_AGENT_CONFIG,
  readAgentConfigFile,
} from './agent-config';
import { readAgentDevicesFile } from './agent-devices';
import { messageOf } from './agent-file';

/** `ml2ts agent --help`. */
export const AGENT_HELP = `Usage: ml2ts agent --type openvswitch|linuxbridge|sriov --host NAME
                   [--config FILE] [--transport-url URL] [--devices FILE]

Runs one ml2ts L2 agent for host NAME against a server over RabbitMQ (ml2ts server with
--transport-url, or Neutron's own neutron-server on that bus). Like neutron-openvswitch-agent,
neutron-linuxbridge-agent or neutron-sriov-nic-agent, it reports its state every
report_interval, asks the server for the details of its devices, wires them and reports them
up or down. Its data plane is an in-memory bridge, the only bridge ml2ts has: nothing is
programmed on this machine, so it can stand in for a Neutron agent in tests, demos and
heartbeat storms (one process per host). It prints a line on stderr once it has reported for
the first time, and one per batch of devices it reports up or down; it runs until SIGTERM or
SIGINT, then stops and disconnects. Passwords are never printed.

  --type TYPE          openvswitch, linuxbridge or sriov
  --host NAME          the host it serves: the binding:host_id of its ports
  --config FILE        its options, a JSON object (below)
  --transport-url URL  rabbit://user:password@host:5672/vhost (several brokers
                       comma-separated); wins over transport_url of --config, and one of the
                       two is needed
  --devices FILE       the devices to plug on its bridge before it starts, a JSON list (below)

--config FILE holds Neutron's option names, all optional; durations are seconds (fractions
allowed). Unknown keys, and keys of another agent type, are refused.
  transport_url             as --transport-url
  report_interval           between two state reports (default 30; 0 is refused)
  agent_down_time           the server's liveness window (default 75): bounds the jitter below
  initial_report_delay_max  the first report waits a random delay up to this (default
                            min(report_interval / 2, (agent_down_time - report_interval) / 4))
  report_jitter_max         later reports come report_interval +- up to this apart (default
                            min(report_interval / 10, (agent_down_time - report_interval) / 4))
  polling_interval          between two rounds over the bridge's devices (default 2)
  rpc_response_timeout      how long a call waits for the server's answer (default 60)
  availability_zone         reported as the agent's availability zone
  extensions                agent extension names to report, a list
 openvswitch:
  integration_bridge        the bridge it watches (default ${DEFAULT_INTEGRATION_BRIDGE})
  bridge_mappings           physical network -> OVS bridge: {"physnet1": "br-eth1"}
  tunnel_types              a list of vxlan, geneve, gre (default none)
  local_ip                  the tunnel endpoint, an IP address; needed with tunnel_types
  datapath_type             system (default) or netdev
  firewall_driver           noop (default), openvswitch, or iptables_hybrid (hybrid plug)
  vhostuser_socket_dir      default /var/run/openvswitch
  l2_population             true or false (default)
  baremetal_smartnic        true or false (default)
 linuxbridge:
  interface_mappings        physical network -> interface: {"physnet1": "eth1"}
  bridge_mappings           physical network -> existing Linux bridge: {"physnet2": "br-ex"}
  tunnel_types              [] (default) or ["vxlan"]
  local_ip                  the VXLAN endpoint, an IP address; needed with tunnel_types
  l2_population             true or false (default)
 sriov:
  device_mappings           physical network -> physical functions: {"physnet1": ["ens2f0"]}
For example: {"transport_url": "rabbit://guest:guest@127.0.0.1:5672/", "report_interval": 10,
"tunnel_types": ["vxlan"], "local_ip": "192.0.2.11", "bridge_mappings": {"physnet1": "br-eth1"}}

--devices FILE lists what a compute host would plug for its ports; the agent finds them on
its bridge, wires each once its port is bound to NAME, and reports it up:
  openvswitch  {"port_id": UUID, "mac_address": MAC, "name": IFACE}: an interface on the
               integration bridge with the external_ids iface-id, attached-mac and
               iface-status, named IFACE, or tap + the first 11 characters of the port id
               (qvo + ... with firewall_driver iptables_hybrid)
  linuxbridge  {"port_id": UUID, "mac_address": MAC}: the tap device, tap + the first 11
               characters of the port id
  sriov        {"pci_slot": "0000:81:00.1", "mac_address": MAC, "name": IFACE}: a virtual
               function given the port's MAC address ("port_id" may be given; unused)
A device whose port is not bound to NAME yet is wired when it is: the server sends the agent a
port_update when binding:host_id is set on an existing port, as Nova does.

Exit status: 0 when stopped by SIGTERM or SIGINT; 1 when the message bus cannot be reached or
the agent cannot start (the reason on stderr); 2 for a wrong command line, --config or
--devices (on stderr: the file, the key at fault and what it must be).
`;

/** What `ml2ts agent` runs, handed to `AgentCommandHooks.started`. */
export interface RunningAgent {
  /** `--type`. */
  readonly type: AgentCommandType;
  /** The agent, started. */
  readonly agent: L2Agent;
  /** The agent's data plane, with the devices of `--devices` on it. */
  readonly bridge: InMemoryBridge;
  /** The agent's transport; the command closes it when it stops. */
  readonly transport: AmqpTransport;
}

/** What a caller (a test) can add to `agentCommand`. */
export interface AgentCommandHooks {
  /** Called once the agent has started (before its first report). Must not throw. */
  readonly started?: (running: RunningAgent) => void;
}

/**
 * `ml2ts agent --type TYPE --host NAME [--config FILE] [--transport-url URL] [--devices FILE]`:
 * builds an agent of TYPE for NAME on an in-memory bridge holding the devices of FILE, connects
 * it over `AmqpTransport`, prints a line on stderr at its first report (the URL without
 * passwords) and per batch of devices it reports, and runs until SIGTERM/SIGINT (or `until`
 * resolves, for tests); then stops the agent and closes the transport.
 *
 * Returns 0 once stopped, 1 when the agent cannot start (message bus unreachable, ...), with the
 * reason on stderr. Throws `UsageError` for a wrong command line, an unusable `--config` or
 * `--devices` file (naming the key at fault) or transport URL, before connecting anything.
 */
export async function agentCommand(
  argv: readonly string[],
  io: CliIo,
  until: () => Promise<unknown> = terminationSignal,
  hooks: AgentCommandHooks = {},
): Promise<ExitCode> {
  const args = parseArguments(argv, {
    values: ['type', 'host', 'config', 'transport-url', 'devices'],
    flags: ['help'],
  });
  if (args.flags.has('help')) {
    io.stdout(AGENT_HELP);
    return ExitCode.OK;
  }
  if (args.positionals.length > 0) {
    throw new UsageError(`agent takes no arguments (got '${args.positionals[0]}')`);
  }
  const type = agentType(args.values.type);
  const host = hostName(args.values.host);
  const configFile = args.values.config;
  const config =
    configFile === undefined ? EMPTY_AGENT_CONFIG : readAgentConfigFile(configFile, type);
  const devices =
    args.values.devices === undefined
      ? []
      : readAgentDevicesFile(args.values.devices, type, {
          hybridPlug: config.options.firewallDriver === 'iptables_hybrid',
        });
  const logger = stderrLogger(io);
  const transport = openTransport(args.values['transport-url'], config, configFile, logger);
  const bridge = new InMemoryBridge(bridgeName(type, config));
  for (const device of devices) bridge.addInterface(device);

  const announce = announcer(io, type, host, transport.redactedUrl);
  let agent: L2Agent;
  try {
    agent = buildAgent(type, {
      ...config.options,
      host,
      transport,
      bridge,
      logger,
      observer: announce,
    });
  } catch (error) {
    await transport.close();
    if (error instanceof ConfigurationError) {
      throw configurationUsageError(error, configFile ? `--config ${configFile}` : 'the options');
    }
    return failure(io, error);
  }

  const stopped = until();
  try {
    await agent.start();
  } catch (error) {
    await agent.stop().catch(() => undefined);
    await transport.close();
    return failure(io, error);
  }
  hooks.started?.({ type, agent, bridge, transport });
  await stopped;
  try {
    await agent.stop();
  } catch (error) {
    return failure(io, error);
  } finally {
    await transport.close();
  }
  return ExitCode.OK;
}

function agentType(value: string | undefined): AgentCommandType {
  if (value === undefined) {
    throw new UsageError(`agent needs --type, one of ${AGENT_COMMAND_TYPES.join(', ')}`);
  }
  if (!(AGENT_COMMAND_TYPES as readonly string[]).includes(value)) {
    throw new UsageError(
      `--type must be one of ${AGENT_COMMAND_TYPES.join(', ')} (got '${value}')`,
    );
  }
  return value as AgentCommandType;
}

function hostName(value: string | undefined): string {
  if (value === undefined) {
    throw new UsageError(
      "agent needs --host NAME: the host it serves (its ports' binding:host_id)",
    );
  }
  if (value.trim() === '' || value.length > AttributeLimits.HOST_MAX_LENGTH) {
    throw new UsageError(
      `--host must be a host name of 1 to ${AttributeLimits.HOST_MAX_LENGTH} characters ` +
        `(got '${value}')`,
    );
  }
  return value;
}

/**
 * The transport of `--transport-url`, else of the configuration's `transport_url`. Never
 * connects. Throws `UsageError` when there is none or it cannot be used.
 */
function openTransport(
  option: string | undefined,
  config: AgentConfig,
  configFile: string | undefined,
  logger: Logger,
): AmqpTransport {
  const url = option ?? config.transportUrl;
  if (url === undefined) {
    throw new UsageError(
      'agent needs the message bus of its server: --transport-url URL, or transport_url in ' +
        `--config (${ACCEPTED_TRANSPORT_URLS})`,
    );
  }
  try {
    return new AmqpTransport({ url, logger });
  } catch (error) {
    if (!(error instanceof TransportUrlError)) throw error;
    const source =
      option !== undefined ? '--transport-url' : `--config ${configFile}: "transport_url"`;
    throw new UsageError(`${source}: ${error.message}`);
  }
}

function bridgeName(type: AgentCommandType, config: AgentConfig): string {
  switch (type) {
    case 'openvswitch':
      return config.integrationBridge ?? DEFAULT_INTEGRATION_BRIDGE;
    case 'linuxbridge':
      return 'taps';
    case 'sriov':
      return 'vfs';
  }
}

function buildAgent(type: AgentCommandType, options: AgentRuntimeOptions): L2Agent {
  switch (type) {
    case 'openvswitch':
      return createOvsAgent(options as OvsAgentOptions);
    case 'linuxbridge':
      return createLinuxBridgeAgent(options as LinuxBridgeAgentOptions);
    case 'sriov':
      return createSriovAgent(options as SriovAgentOptions);
  }
}

/**
 * The agent's observer: a line at the first report (and at the first after failed ones), and
 * a line per batch of devices reported up or down.
 */
function announcer(
  io: CliIo,
  type: AgentCommandType,
  host: string,
  url: string,
): (event: AgentEvent) => void {
  let reported = false;
  let failing = false;
  return (event) => {
    if (event.type === 'reported') {
      if (!reported) io.stderr(`ml2ts agent: ${type} agent on ${host} reporting over ${url}\n`);
      else if (failing) io.stderr(`ml2ts agent: ${type} agent on ${host} reporting again\n`);
      reported = true;
      failing = false;
    } else if (event.type === 'reportFailed') {
      failing = true;
    } else if (event.type === 'devicesReported') {
      const parts = [
        event.up.length > 0 ? `up ${event.up.join(', ')}` : '',
        event.down.length > 0 ? `down ${event.down.join(', ')}` : '',
      ].filter((part) => part !== '');
      if (parts.length > 0) io.stderr(`ml2ts agent: devices reported ${parts.join('; ')}\n`);
    }
  };
}

/** Warnings and errors of the agent and the transport, one line each on stderr. */
function stderrLogger(io: CliIo): Logger {
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const details = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    io.stderr(`ml2ts agent: ${level}: ${message}${details}\n`);
  };
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: line('warning'),
    error: line('error'),
  };
}

/** Prints `error` as `ml2ts agent: ...` and answers exit code 1. */
function failure(io: CliIo, error: unknown): ExitCode {
  io.stderr(`ml2ts agent: ${messageOf(error)}\n`);
  return ExitCode.FAILURE;
}
