import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLinuxBridgeAgent,
  createOvsAgent,
  createSriovAgent,
  InMemoryBridge,
  type InterfaceSpec,
  type L2Agent,
} from '@ml2ts/agent';
import { type AgentRpcService, createEngine, type Engine, serveAgentRpc } from '@ml2ts/core';
import {
  type NetworkCreateRequest,
  type PortCreateRequest,
  PortStatus,
  VifType,
} from '@ml2ts/driver-api';
import { AmqpTransport, redactTransportUrl } from '@ml2ts/transport-amqp';
import { eventually } from '../../../transport-amqp/src/test-support/eventually';
import {
  describeWithRabbitmq,
  useScratchVhost,
} from '../../../transport-amqp/src/test-support/scratch-vhost';
import { ExitCode } from '../cli-io';
import { MAIN_HELP, runCli } from '../run-cli';
import { captureIo } from '../test-support/capture-io';
import { UsageError } from '../usage-error';
import { AGENT_HELP, agentCommand, type RunningAgent } from './agent';
import { type AgentCommandType, agentConfigKeys } from './agent-config';
import { checkAgentDevices } from './agent-devices';

/** A transport URL nothing listens on: the agent is built, never started. */
const NOWHERE = 'rabbit://guest:s3cret-pw@127.0.0.1:1/';
const PORT_A = '6a1c0c1e-5d3f-4b7e-9c55-3f0a2b1c4d5e';
const PORT_B = '0b7d1a52-8f6e-4c3b-a1d2-e3f4a5b6c7d8';
const MAC_A = 'fa:16:3e:12:34:56';
const MAC_B = 'fa:16:3e:ab:cd:ef';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'ml2ts-agent-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** A file in the test folder holding `content` (JSON unless a string). */
function fileWith(name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Runs `ml2ts agent ARGV` through the CLI, which must fail before connecting anything. */
async function run(...argv: string[]): Promise<{ code: ExitCode; err: string }> {
  const io = captureIo();
  const code = await runCli(['agent', ...argv], io);
  expect(io.out()).toBe('');
  return { code, err: io.err() };
}

/** The UsageError message of `ml2ts agent ARGV`, which must throw one. */
async function usageError(argv: string[]): Promise<string> {
  const io = captureIo();
  const error: unknown = await agentCommand(argv, io, () => new Promise(() => undefined)).then(
    (code) => new Error(`exited ${code} with ${io.err()}`),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

/** The UsageError message for an agent of `type` with the configuration `config`. */
function configError(type: AgentCommandType, config: unknown): Promise<string> {
  const file = fileWith('agent.json', config);
  return usageError(['--type', type, '--host', 'h', '--config', file, '--transport-url', NOWHERE]);
}

/** The UsageError message for an agent of `type` with the device list `devices`. */
function devicesError(type: AgentCommandType, devices: unknown): Promise<string> {
  const file = fileWith('devices.json', devices);
  return usageError(['--type', type, '--host', 'h', '--devices', file, '--transport-url', NOWHERE]);
}

describe('ml2ts agent: command line', () => {
  it('prints its help, documenting every configuration key, and is listed in the main help', async () => {
    for (const flag of ['--help', '-h']) {
      const io = captureIo();
      expect(await agentCommand([flag], io)).toBe(ExitCode.OK);
      expect(io.out()).toBe(AGENT_HELP);
    }
    expect(AGENT_HELP).toMatch(
      /^Usage: ml2ts agent --type openvswitch\|linuxbridge\|sriov --host NAME\n/,
    );
    expect(AGENT_HELP).toContain('in-memory bridge, the only bridge ml2ts has');
    for (const type of ['openvswitch', 'linuxbridge', 'sriov'] as const) {
      for (const key of agentConfigKeys(type))
        expect(AGENT_HELP).toMatch(new RegExp(`\\n  ${key} `));
    }
    expect(MAIN_HELP).toContain('  agent --type T --host NAME ');
  });

  it('exits 2 for a wrong command line, with the usage hint', async () => {
    const hint = "\nRun 'ml2ts agent --help' for usage.\n";
    expect(await run()).toEqual({
      code: ExitCode.USAGE,
      err: `ml2ts agent: agent needs --type, one of openvswitch, linuxbridge, sriov${hint}`,
    });
    expect(await run('--type', 'ovs', '--host', 'h')).toEqual({
      code: ExitCode.USAGE,
      err: `ml2ts agent: --type must be one of openvswitch, linuxbridge, sriov (got 'ovs')${hint}`,
    });
    expect(await run('--type', 'openvswitch')).toEqual({
      code: ExitCode.USAGE,
      err: `ml2ts agent: agent needs --host NAME: the host it serves (its ports' binding:host_id)${hint}`,
    });
    const cases: Array<[string[], string]> = [
      [['--type', 'sriov', '--host', ' '], '--host must be a host name of 1 to 255 characters'],
      [['--type', 'sriov', '--host', 'h'.repeat(256)], '--host must be a host name'],
      [['--type', 'sriov', '--host', 'h', 'extra'], "agent takes no arguments (got 'extra')"],
      [['--type', 'sriov', '--host', 'h', '--verbose'], "unknown option '--verbose'"],
      [
        ['--type', 'sriov', '--host', 'h', '--transport-url'],
        "option '--transport-url' needs a value",
      ],
      [
        ['--type', 'sriov', '--host', 'h'],
        'agent needs the message bus of its server: --transport-url URL, or transport_url in --config (rabbit://',
      ],
      [
        ['--type', 'sriov', '--host', 'h', '--transport-url', 'amqp://guest:s3cret-pw@h/'],
        '--transport-url: Invalid transport URL "amqp://guest:***@h/": the scheme amqp:// is not supported',
      ],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await run(...argv);
      expect({ argv, code }).toEqual({ argv, code: ExitCode.USAGE });
      expect(err).toContain(`ml2ts agent: ${message}`);
      expect(err).toMatch(/Run 'ml2ts agent --help' for usage\.\n$/);
      expect(err).not.toContain('s3cret-pw');
    }
  });

  it('refuses a --config file it cannot read, or that holds no JSON object', async () => {
    const missing = join(folder, 'none.json');
    expect(await usageError(['--type', 'openvswitch', '--host', 'h', '--config', missing])).toMatch(
      /^--config .*none\.json cannot be read \(ENOENT.*\): give the path of a JSON file/,
    );
    const broken = fileWith('broken.json', '{"report_interval": ');
    expect(await usageError(['--type', 'openvswitch', '--host', 'h', '--config', broken])).toMatch(
      /^--config .*broken\.json is not JSON \(.*\): it must hold a JSON object of agent options/,
    );
    expect(await configError('openvswitch', [])).toMatch(
      /^--config .*agent\.json must hold a JSON object of agent options, such as \{"report_interval": 30\}, not a list$/,
    );
  });

  it('refuses every bad key of --config, naming it and saying what it must be', async () => {
    const cases: Array<[AgentCommandType, Record<string, unknown>, string]> = [
      [
        'openvswitch',
        { host: 'compute-1' },
        'unknown key "host"; the openvswitch agent takes transport_url, report_interval, agent_down_time, initial_report_delay_max, report_jitter_max, polling_interval, rpc_response_timeout, availability_zone, extensions, integration_bridge, bridge_mappings, tunnel_types, local_ip, datapath_type, firewall_driver, vhostuser_socket_dir, l2_population, baremetal_smartnic (its host is --host NAME)',
      ],
      ['sriov', { reportInterval: 1 }, 'unknown key "reportInterval"; the sriov agent takes'],
      [
        'openvswitch',
        { device_mappings: { physnet1: ['ens2f0'] } },
        '"device_mappings" is an option of the sriov agent, not of the openvswitch agent',
      ],
      [
        'linuxbridge',
        { integration_bridge: 'br-int' },
        '"integration_bridge" is an option of the openvswitch agent, not of the linuxbridge agent',
      ],
      [
        'sriov',
        { tunnel_types: [] },
        '"tunnel_types" is an option of the openvswitch and linuxbridge agents, not of the sriov agent',
      ],
      ['sriov', { transport_url: 42 }, '"transport_url" must be a non-empty string (got 42)'],
      [
        'openvswitch',
        { report_interval: 0 },
        '"report_interval" must be a number of seconds > 0 and <= 2147483 (got 0)',
      ],
      [
        'openvswitch',
        { report_interval: '30' },
        '"report_interval" must be a number of seconds > 0',
      ],
      [
        'openvswitch',
        { report_interval: 1e10 },
        '"report_interval" must be a number of seconds > 0 and <= 2147483 (got 10000000000)',
      ],
      [
        'linuxbridge',
        { agent_down_time: -75 },
        '"agent_down_time" must be a number of seconds > 0',
      ],
      [
        'sriov',
        { initial_report_delay_max: -1 },
        '"initial_report_delay_max" must be a number of seconds >= 0 and <= 2147483 (got -1)',
      ],
      [
        'sriov',
        { report_jitter_max: 'none' },
        '"report_jitter_max" must be a number of seconds >= 0',
      ],
      ['sriov', { polling_interval: 0 }, '"polling_interval" must be a number of seconds > 0'],
      [
        'sriov',
        { rpc_response_timeout: null },
        '"rpc_response_timeout" must be a number of seconds > 0 and <= 2147483 (got null)',
      ],
      [
        'sriov',
        { availability_zone: ' ' },
        '"availability_zone" must be a non-empty string (got " ")',
      ],
      [
        'sriov',
        { extensions: ['qos', 3] },
        '"extensions" must be a list of non-empty strings (got a list)',
      ],
      [
        'openvswitch',
        { integration_bridge: 5 },
        '"integration_bridge" must be a non-empty string (got 5)',
      ],
      [
        'openvswitch',
        { bridge_mappings: ['physnet1:br-eth1'] },
        '"bridge_mappings" must be an object of physical network → bridge name, such as {"physnet1": "br-eth1"} (got a list)',
      ],
      [
        'linuxbridge',
        { interface_mappings: { physnet1: '' } },
        '"interface_mappings" must be an object of physical network → interface name, such as {"physnet1": "eth1"} (got an object)',
      ],
      [
        'sriov',
        { device_mappings: { physnet1: [] } },
        '"device_mappings" must be an object of physical network → non-empty list of physical function (NIC) names, such as {"physnet1": ["ens2f0"]}',
      ],
      [
        'openvswitch',
        { tunnel_types: ['stt'] },
        '"tunnel_types" must be a list drawn from vxlan, geneve, gre (the tunnel types the openvswitch agent carries) (got a list)',
      ],
      [
        'linuxbridge',
        { tunnel_types: ['geneve'], local_ip: '192.0.2.1' },
        '"tunnel_types" must be a list drawn from vxlan (the tunnel types the linuxbridge agent carries)',
      ],
      [
        'openvswitch',
        { local_ip: 'compute-1' },
        '"local_ip" must be an IP address, such as 192.0.2.11 (the tunnel endpoint) (got "compute-1")',
      ],
      [
        'linuxbridge',
        { tunnel_types: ['vxlan'] },
        '"local_ip" is required when "tunnel_types" is not empty: the tunnel endpoint, an IP address such as 192.0.2.11',
      ],
      [
        'openvswitch',
        { datapath_type: 'dpdk' },
        '"datapath_type" must be one of system, netdev (got "dpdk")',
      ],
      [
        'openvswitch',
        { firewall_driver: 'iptables' },
        '"firewall_driver" must be one of noop, openvswitch, iptables_hybrid (got "iptables")',
      ],
      [
        'openvswitch',
        { vhostuser_socket_dir: '' },
        '"vhostuser_socket_dir" must be a non-empty string',
      ],
      [
        'linuxbridge',
        { l2_population: 'yes' },
        '"l2_population" must be true or false (got "yes")',
      ],
      [
        'openvswitch',
        { baremetal_smartnic: 1 },
        '"baremetal_smartnic" must be true or false (got 1)',
      ],
      // What only the agent's report schedule knows, with the file's key names.
      [
        'openvswitch',
        { initial_report_delay_max: 20 },
        'initial_report_delay_max = 20; must be at most (agent_down_time 75 − report_interval 30) / 4 = 11.25 s',
      ],
      [
        'sriov',
        { report_interval: 1, report_jitter_max: 0.9 },
        'report_jitter_max = 0.9; must be at most half of report_interval (0.5 s)',
      ],
    ];
    for (const [type, config, message] of cases) {
      const error = await configError(type, config);
      expect({ config, error }).toEqual({
        config,
        error: expect.stringContaining(`agent.json: ${message}`),
      });
    }
    const badUrl = fileWith('bad-url.json', { transport_url: 'amqp://u:s3cret-pw@h/' });
    expect(await usageError(['--type', 'sriov', '--host', 'h', '--config', badUrl])).toMatch(
      /^--config .*bad-url\.json: "transport_url": Invalid transport URL "amqp:\/\/u:\*\*\*@h\/"/,
    );
  });

  it('refuses every bad --devices file, naming the entry and the key', async () => {
    const cases: Array<[AgentCommandType, unknown, string]> = [
      [
        'openvswitch',
        { devices: [] },
        ' must hold a JSON list of devices, such as [{"port_id": "<port uuid>", "mac_address": "fa:16:3e:12:34:56"}], not an object',
      ],
      ['openvswitch', [PORT_A], ', entry 1 must be a device object, such as [{"port_id"'],
      [
        'openvswitch',
        [{ mac_address: MAC_A }],
        `, entry 1 needs "port_id", which must be the port's id, a UUID such as`,
      ],
      [
        'linuxbridge',
        [
          { port_id: PORT_A, mac_address: MAC_A },
          { port_id: 'port-b', mac_address: MAC_B },
        ],
        `, entry 2: "port_id" must be the port's id, a UUID such as 6a1c0c1e-5d3f-4b7e-9c55-3f0a2b1c4d5e (got "port-b")`,
      ],
      ['linuxbridge', [{ port_id: PORT_A }], ', entry 1 needs "mac_address", which must be'],
      [
        'openvswitch',
        [{ port_id: PORT_A, mac_address: 'fa:16:3e' }],
        `, entry 1: "mac_address" must be the port's MAC address, such as fa:16:3e:12:34:56 (got "fa:16:3e")`,
      ],
      [
        'sriov',
        [{ pci_slot: '0000:81:00.1', mac_address: '00:00:00:00:00:00' }],
        `, entry 1: "mac_address" must be the port's MAC address`,
      ],
      [
        'sriov',
        [{ port_id: PORT_A, mac_address: MAC_A }],
        `, entry 1 needs "pci_slot", which must be the virtual function's PCI address, such as 0000:81:00.1`,
      ],
      [
        'sriov',
        [{ pci_slot: '81:00.1', mac_address: MAC_A }],
        `, entry 1: "pci_slot" must be the virtual function's PCI address, such as 0000:81:00.1 (got "81:00.1")`,
      ],
      [
        'linuxbridge',
        [{ port_id: PORT_A, mac_address: MAC_A, name: 'eth0' }],
        ', entry 1: unknown key "name"; linuxbridge devices have port_id, mac_address (the agent finds a tap by its name, tap + the start of the port id)',
      ],
      [
        'openvswitch',
        [{ port_id: PORT_A, mac_address: MAC_A, vm_uuid: 'x' }],
        ', entry 1: unknown key "vm_uuid"; openvswitch devices have port_id, mac_address, name',
      ],
      [
        'openvswitch',
        [{ port_id: PORT_A, mac_address: MAC_A, name: '' }],
        ', entry 1: "name" must be a non-empty interface name (got "")',
      ],
      [
        'openvswitch',
        [
          { port_id: PORT_A, mac_address: MAC_A },
          { port_id: PORT_A.toUpperCase(), mac_address: MAC_B, name: 'tap2' },
        ],
        `, entry 2: port_id ${PORT_A} is entry 1's too; each device must have its own`,
      ],
      [
        'openvswitch',
        [
          { port_id: PORT_A, mac_address: MAC_A, name: 'vm-nic' },
          { port_id: PORT_B, mac_address: MAC_B, name: 'vm-nic' },
        ],
        `, entry 2: interface name vm-nic is entry 1's too`,
      ],
      [
        'sriov',
        [
          { pci_slot: '0000:81:00.1', mac_address: MAC_A },
          { pci_slot: '0000:81:00.1', mac_address: MAC_B, name: 'vf2' },
        ],
        `, entry 2: pci_slot 0000:81:00.1 is entry 1's too`,
      ],
    ];
    for (const [type, devices, message] of cases) {
      const error = await devicesError(type, devices);
      expect({ devices, error }).toEqual({
        devices,
        error: expect.stringContaining(`devices.json${message}`),
      });
    }
    const missing = join(folder, 'none.json');
    expect(await usageError(['--type', 'sriov', '--host', 'h', '--devices', missing])).toMatch(
      /^--devices .*none\.json cannot be read \(ENOENT/,
    );
    const broken = fileWith('broken.json', '[{');
    expect(await usageError(['--type', 'sriov', '--host', 'h', '--devices', broken])).toMatch(
      /^--devices .*broken\.json is not JSON \(.*\): it must hold a JSON list of devices, such as \[\{"pci_slot"/,
    );
  });

  it('plugs devices as each agent type finds them on its bridge', () => {
    const transport = new AmqpTransport(NOWHERE);
    const identified = (agent: L2Agent, bridge: InMemoryBridge, specs: InterfaceSpec[]) =>
      specs.map((spec) => agent.handler.identify(bridge.addInterface(spec)));
    const devices = [
      { port_id: PORT_A, mac_address: MAC_A.toUpperCase() },
      { port_id: PORT_B, mac_address: MAC_B, name: 'vm-nic' },
    ];

    const brInt = new InMemoryBridge('br-int');
    const ovs = createOvsAgent({ host: 'h', transport, bridge: brInt });
    const plain = checkAgentDevices(devices, 'openvswitch', { hybridPlug: false }, 'test');
    expect(plain[0]).toEqual({
      name: `tap${PORT_A.slice(0, 11)}`,
      externalIds: { 'iface-id': PORT_A, 'iface-status': 'active', 'attached-mac': MAC_A },
      mac: `fe${MAC_A.slice(2)}`,
    });
    expect(identified(ovs, brInt, plain)).toEqual([
      expect.objectContaining({ key: PORT_A, device: PORT_A, mac: MAC_A }),
      expect.objectContaining({ key: PORT_B, device: PORT_B, interfaceName: 'vm-nic' }),
    ]);
    const hybrid = checkAgentDevices(devices, 'openvswitch', { hybridPlug: true }, 'test');
    expect(hybrid.map((spec) => spec.name)).toEqual([`qvo${PORT_A.slice(0, 11)}`, 'vm-nic']);

    const taps = new InMemoryBridge('taps');
    const linuxbridge = createLinuxBridgeAgent({ host: 'h', transport, bridge: taps });
    const tapSpecs = checkAgentDevices(
      devices.slice(0, 1),
      'linuxbridge',
      { hybridPlug: false },
      'test',
    );
    expect(identified(linuxbridge, taps, tapSpecs)).toEqual([
      expect.objectContaining({ device: `tap${PORT_A.slice(0, 11)}`, mac: `fe${MAC_A.slice(2)}` }),
    ]);

    const vfs = new InMemoryBridge('vfs');
    const sriov = createSriovAgent({ host: 'h', transport, bridge: vfs });
    const vfSpecs = checkAgentDevices(
      [
        { pci_slot: '0000:81:00.1', mac_address: MAC_A, port_id: PORT_A },
        { pci_slot: '0000:81:00.2', mac_address: MAC_B, name: 'ens2f0v1' },
      ],
      'sriov',
      { hybridPlug: false },
      'test',
    );
    expect(vfSpecs.map((spec) => spec.name)).toEqual(['vf-0000:81:00.1', 'ens2f0v1']);
    expect(identified(sriov, vfs, vfSpecs)).toEqual([
      expect.objectContaining({ key: `${MAC_A}|0000:81:00.1`, device: MAC_A }),
      expect.objectContaining({ key: `${MAC_B}|0000:81:00.2`, device: MAC_B }),
    ]);
  });

  it('exits 1 when the message bus cannot be reached, saying why without a password or a stack', async () => {
    const io = captureIo();
    const code = await agentCommand(
      ['--type', 'openvswitch', '--host', 'h', '--transport-url', NOWHERE],
      io,
      () => new Promise(() => undefined),
    );
    expect(code).toBe(ExitCode.FAILURE);
    expect(io.err()).toMatch(
      /^ml2ts agent: The message bus at rabbit:\/\/guest:\*\*\*@127\.0\.0\.1:1\/ cannot be reached: [^\n]*\n$/,
    );
    expect(io.err()).not.toContain('s3cret-pw');
    expect(io.err()).not.toMatch(/\n\s+at /);
  });
});

/** `ml2ts agent ARGV` running in-process until `stop` is called. */
interface RunningCommand {
  readonly io: ReturnType<typeof captureIo>;
  readonly exit: Promise<ExitCode>;
  /** What the command runs, once started. */
  running(): RunningAgent | undefined;
  /** Ends the command as SIGTERM does. */
  stop(): void;
  /** Resolves once `condition` holds; rejects when the command exits first, or after 20 s. */
  until(condition: () => boolean | Promise<boolean>): Promise<unknown>;
}

/**
 * Starts `ml2ts agent ARGV`; `stopBy` says how `stop` ends it: the injected `until`, or the
 * signal the command listens for by default.
 */
function startCommand(
  argv: string[],
  stopBy: 'until' | 'SIGTERM' | 'SIGINT' = 'until',
): RunningCommand {
  const io = captureIo();
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let running: RunningAgent | undefined;
  let exitCode: ExitCode | undefined;
  const exit = agentCommand(argv, io, stopBy === 'until' ? () => stopped : undefined, {
    started: (agent) => (running = agent),
  }).then((code) => (exitCode = code));
  return {
    io,
    exit,
    running: () => running,
    stop: () => {
      if (stopBy === 'until') resolveStopped();
      else process.emit(stopBy, stopBy);
    },
    until: (condition) =>
      eventually(async () => {
        if (exitCode !== undefined) throw new Error(`exited ${exitCode}: ${io.err()}`);
        return condition();
      }, 20_000),
  };
}

/** How one agent type is run and checked against the engine. */
interface AgentCase {
  readonly type: AgentCommandType;
  readonly agentType: string;
  /** `--config`, without the timings and the transport. */
  readonly config: Record<string, unknown>;
  readonly network: NetworkCreateRequest;
  /** The port's attributes besides id, network and MAC address. */
  readonly port: Partial<PortCreateRequest>;
  readonly device: (portId: string, mac: string) => Record<string, unknown>;
  /** The interface the device is on the bridge, and the device reported up. */
  readonly interfaceName: (portId: string) => string;
  readonly reported: (portId: string, mac: string) => string;
  readonly vifType: string;
  /** How the test ends the command. */
  readonly stopBy: 'until' | 'SIGTERM' | 'SIGINT';
}

const VF_SLOT = '0000:81:00.1';

const AGENT_CASES: readonly AgentCase[] = [
  {
    type: 'openvswitch',
    agentType: 'Open vSwitch agent',
    config: {
      tunnel_types: ['vxlan'],
      local_ip: '192.0.2.11',
      bridge_mappings: { physnet1: 'br-eth1' },
    },
    network: {},
    port: { device_owner: 'compute:nova' },
    device: (portId, mac) => ({ port_id: portId, mac_address: mac }),
    interfaceName: (portId) => `tap${portId.slice(0, 11)}`,
    reported: (portId) => portId,
    vifType: VifType.OVS,
    stopBy: 'until',
  },
  {
    type: 'linuxbridge',
    agentType: 'Linux bridge agent',
    config: {
      tunnel_types: ['vxlan'],
      local_ip: '192.0.2.12',
      interface_mappings: { physnet1: 'eth1' },
    },
    network: {},
    port: { device_owner: 'compute:nova' },
    device: (portId, mac) => ({ port_id: portId, mac_address: mac }),
    interfaceName: (portId) => `tap${portId.slice(0, 11)}`,
    reported: (portId) => `tap${portId.slice(0, 11)}`,
    vifType: VifType.BRIDGE,
    stopBy: 'SIGTERM',
  },
  {
    type: 'sriov',
    agentType: 'NIC Switch agent',
    config: { device_mappings: { physnet1: ['ens2f0'] } },
    network: { 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1' },
    port: {
      device_owner: 'compute:nova',
      'binding:vnic_type': 'direct',
      'binding:profile': { pci_slot: VF_SLOT, physical_network: 'physnet1' },
    },
    device: (_portId, mac) => ({ pci_slot: VF_SLOT, mac_address: mac }),
    interfaceName: () => `vf-${VF_SLOT}`,
    reported: (_portId, mac) => mac,
    vifType: VifType.HW_VEB,
    stopBy: 'SIGINT',
  },
];

describeWithRabbitmq('ml2ts agent over RabbitMQ', () => {
  const vhost = useScratchVhost();
  let engine: Engine;
  let serverTransport: AmqpTransport;
  let service: AgentRpcService;
  const commands: RunningCommand[] = [];

  beforeAll(async () => {
    engine = await createEngine({
      database: ':memory:',
      overrides: {
        ml2: {
          mechanism_drivers: ['openvswitch', 'linuxbridge', 'sriovnicswitch'],
          tenant_network_types: ['vxlan'],
        },
        ml2_type_vxlan: { vni_ranges: ['1000:1999'] },
        ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:199'] },
        experimental: { linuxbridge: true },
      },
    });
    serverTransport = new AmqpTransport({ url: vhost.current.url });
    service = await serveAgentRpc(engine.plugin, serverTransport);
  });
  afterEach(async () => {
    for (const command of commands.splice(0)) {
      command.stop();
      await command.exit;
    }
  });
  afterAll(async () => {
    await service?.close();
    await serverTransport?.close();
    await engine?.close();
  });

  it.each(AGENT_CASES)(
    '$type: reports, wires the plugged device of a port bound to its host, stops on $stopBy',
    async (agentCase) => {
      const plugin = engine.plugin;
      const host = `compute-${randomUUID().slice(0, 8)}`;
      const portId = randomUUID();
      const mac = `fa:16:3e:${portId.slice(0, 2)}:${portId.slice(2, 4)}:${portId.slice(4, 6)}`;
      const config = fileWith('agent.json', {
        // --transport-url wins over this one, where nothing listens.
        transport_url: NOWHERE,
        report_interval: 1,
        initial_report_delay_max: 0,
        polling_interval: 0.1,
        rpc_response_timeout: 10,
        ...agentCase.config,
      });
      const devices = fileWith('devices.json', [agentCase.device(portId, mac)]);
      const listeners = process.listenerCount(agentCase.stopBy === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
      const command = startCommand(
        [
          '--type',
          agentCase.type,
          '--host',
          host,
          '--config',
          config,
          '--devices',
          devices,
          '--transport-url',
          vhost.current.urlText,
        ],
        agentCase.stopBy,
      );
      commands.push(command);
      const { io } = command;

      await command.until(() => io.err().includes(' reporting over '));
      const url = redactTransportUrl(vhost.current.url);
      expect(url).toContain('guest:***@');
      expect(io.err()).toContain(
        `ml2ts agent: ${agentCase.type} agent on ${host} reporting over ${url}\n`,
      );
      const registered = async () =>
        (await plugin.agents.list()).find((agent) => agent.host === host);
      // The first report may leave before the first round over the bridge counted the device.
      await command.until(async () => (await registered())?.configurations.devices === 1);
      expect(await registered()).toMatchObject({
        agentType: agentCase.agentType,
        alive: true,
        configurations: expect.objectContaining(
          Object.fromEntries(
            Object.entries(agentCase.config).map(([key, value]) => [
              key === 'local_ip' ? 'tunneling_ip' : key,
              value,
            ]),
          ),
        ),
      });

      // Nova's order: the port is created, then bound to the host; the device is there first.
      const network = await plugin.createNetwork({ name: 'agent-command', ...agentCase.network });
      await plugin.createPort({
        id: portId,
        network_id: network.id,
        mac_address: mac,
        ...agentCase.port,
      });
      const bound = await plugin.updatePort(portId, { 'binding:host_id': host });
      expect(bound['binding:vif_type']).toBe(agentCase.vifType);
      await command.until(async () => (await plugin.getPort(portId)).status === PortStatus.ACTIVE);
      const reported = agentCase.reported(portId, mac);
      await command.until(() =>
        io.err().includes(`ml2ts agent: devices reported up ${reported}\n`),
      );
      expect(command.running()?.bridge.wiringOf(agentCase.interfaceName(portId))).toEqual(
        expect.objectContaining({
          kind: agentCase.type === 'openvswitch' ? 'ovs' : agentCase.type,
        }),
      );

      commands.splice(commands.indexOf(command), 1);
      command.stop();
      expect(await command.exit).toBe(ExitCode.OK);
      expect(command.running()?.transport.isClosed).toBe(true);
      expect(process.listenerCount(agentCase.stopBy === 'SIGINT' ? 'SIGINT' : 'SIGTERM')).toBe(
        listeners,
      );
      expect(io.out()).toBe('');
      expect(io.err()).not.toContain('s3cret-pw');
      expect(io.err()).not.toContain('cancelled');
      expect(io.err()).not.toMatch(/\n\s+at /);
    },
  );
});
