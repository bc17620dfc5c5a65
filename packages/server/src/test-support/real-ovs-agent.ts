import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the agent's runtime files (configuration, log, state, locks) go during the tests. */
export const AGENT_RUN_DIR = process.env.ML2TS_OVS_AGENT_RUN_DIR ?? '/tmp/ml2ts-neutron-ovs-agent';

/** The bus the agent talks on: RabbitMQ on loopback, guest/guest, vhost `/`. */
export const AGENT_TRANSPORT_URL = 'rabbit://guest:guest@127.0.0.1:5672/';

/** The agent's host name, and the physical network its `br-eth1` bridge reaches. */
export const AGENT_HOST = 'compute-1';
export const AGENT_PHYSNET = 'physnet1';

/**
 * The folder of the shared scripts that start and stop Neutron's agent for testing servers
 * (`start-ovs-agent.sh`, `stop-ovs-agent.sh`), when it sits beside the checkout or
 * `ML2TS_NEUTRON_AGENT_DIR` names it; the agent is then started with them. Without them (a bare
 * clone) this module starts the same agent with the same configuration itself.
 */
export const SHARED_AGENT_SCRIPTS =
  process.env.ML2TS_NEUTRON_AGENT_DIR ?? resolve(__dirname, '../../../../../shared/neutron-agent');

/** Whether the agent is started with the shared scripts (see `SHARED_AGENT_SCRIPTS`). */
export function usesSharedScripts(): boolean {
  return existsSync(resolve(SHARED_AGENT_SCRIPTS, 'start-ovs-agent.sh'));
}

/** Debian's Python, with `python3-neutron`'s agent in it. */
const PYTHON = '/usr/bin/python3';
const OVS_CTL = '/usr/share/openvswitch/scripts/ovs-ctl';

/** Whether a TCP connection to `host:port` opens within 2 s (checked in a child process). */
function isReachable(host: string, port: number): boolean {
  const probe =
    `require('net').connect(${port}, '${host}')` +
    `.on('connect', () => process.exit(0)).on('error', () => process.exit(1))`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 2_000 }).status === 0;
}

/**
 * Whether the tests with Neutron's real Open vSwitch agent run here: `run`, or `skip` with one
 * line saying why, or `fail` under `ML2TS_REQUIRE_SERVICES=1` (CI installs the packages and runs
 * RabbitMQ). They need root (Open vSwitch and the agent run as root), Debian's `python3-neutron`
 * and `openvswitch-switch`, and RabbitMQ on 127.0.0.1:5672.
 */
export function realAgentPlan(): { action: 'run' | 'skip' | 'fail'; message: string } {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (Open vSwitch and the agent run as root)');
  for (const [path, pkg] of [
    [
      '/usr/lib/python3/dist-packages/neutron/cmd/eventlet/plugins/ovs_neutron_agent.py',
      'python3-neutron',
    ],
    [OVS_CTL, 'openvswitch-switch'],
  ]) {
    if (!existsSync(path)) {
      missing.push(`${pkg} (apt-get install -y --no-install-recommends ${pkg})`);
    }
  }
  if (!isReachable('127.0.0.1', 5672)) missing.push('RabbitMQ on 127.0.0.1:5672');
  if (missing.length === 0) return { action: 'run', message: '' };
  const message = `real neutron-openvswitch-agent tests: missing ${missing.join(', ')}`;
  return process.env.ML2TS_REQUIRE_SERVICES === '1'
    ? { action: 'fail', message: `${message}; ML2TS_REQUIRE_SERVICES=1 requires them` }
    : { action: 'skip', message: `${message}; skipped` };
}

/** Runs a command; resolves its stdout, rejects with its stderr when it fails. */
export function run(command: string, args: readonly string[]): Promise<string> {
  return runWith(command, args);
}

/** `run` with the agent's runtime folder in `RUN`, as the shared scripts take it. */
function runWith(command: string, args: readonly string[]): Promise<string> {
  return new Promise((done, fail) => {
    const env = { ...process.env, RUN: AGENT_RUN_DIR };
    execFile(command, args, { timeout: 300_000, env }, (error, stdout, stderr) => {
      if (error) {
        fail(new Error(`${command} ${args.join(' ')} failed: ${stderr || error.message}`));
      } else {
        done(stdout);
      }
    });
  });
}

/**
 * The agent's configuration: host `compute-1` on RabbitMQ, heartbeats every 5 s, OVS polled
 * every 2 s, VXLAN tunnels from 127.0.0.1, `physnet1` on `br-eth1`, the userspace datapath (no
 * kernel module here), the `openvswitch` firewall, and root without sudo or rootwrap (privsep
 * helpers started directly).
 */
function agentConfiguration(run: string): string {
  const privsep = `privsep-helper --config-file ${run}/ovs-agent.conf`;
  return [
    '[DEFAULT]',
    `host = ${AGENT_HOST}`,
    `transport_url = ${AGENT_TRANSPORT_URL}`,
    `state_path = ${run}/agent-state`,
    'debug = true',
    `log_file = ${run}/ovs-agent.log`,
    'use_stderr = false',
    '[agent]',
    'root_helper =',
    'tunnel_types = vxlan',
    'l2_population = false',
    'report_interval = 5',
    'polling_interval = 2',
    'minimize_polling = true',
    '[ovs]',
    'integration_bridge = br-int',
    'tunnel_bridge = br-tun',
    'datapath_type = netdev',
    `bridge_mappings = ${AGENT_PHYSNET}:br-eth1`,
    'local_ip = 127.0.0.1',
    'ovsdb_connection = unix:/var/run/openvswitch/db.sock',
    'of_listen_address = 127.0.0.1',
    'of_listen_port = 6633',
    '[securitygroup]',
    'enable_security_group = true',
    'firewall_driver = openvswitch',
    '[oslo_concurrency]',
    `lock_path = ${run}/agent-lock`,
    ...[
      'privsep',
      'privsep_link',
      'privsep_namespace',
      'privsep_conntrack',
      'privsep_ovs_vsctl',
      'privsep_dhcp_release',
    ].flatMap((section) => [`[${section}]`, `helper_command = ${privsep}`]),
    '',
  ].join('\n');
}

/** The processes under `pid`, children first found first. */
function descendants(pid: number): number[] {
  const found = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  const children = found.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Neutron's `neutron-openvswitch-agent` (Debian's python3-neutron) as host `compute-1`. */
export class RealOvsAgent {
  /** The agent's DEBUG log. */
  readonly logFile = resolve(AGENT_RUN_DIR, 'ovs-agent.log');
  private process: ChildProcess | undefined;
  private startedByScript = false;

  /**
   * Starts Open vSwitch when it is not running, then the agent; `fresh` first removes the
   * bridges an earlier run left. Resolves once the process runs, not once it reported.
   */
  async start(fresh: boolean): Promise<void> {
    if (this.process || this.startedByScript) throw new Error('the agent is already running');
    if (usesSharedScripts()) {
      const args = ['--firewall', 'openvswitch', '--host', AGENT_HOST];
      await runWith(
        resolve(SHARED_AGENT_SCRIPTS, 'start-ovs-agent.sh'),
        fresh ? ['--fresh-bridges', ...args] : args,
      );
      this.startedByScript = true;
      return;
    }
    const ovsUp = await run('ovs-vsctl', ['--timeout=5', 'show']).then(
      () => true,
      () => false,
    );
    if (!ovsUp) await run(OVS_CTL, ['start', '--system-id=random', '--no-monitor']);
    mkdirSync(resolve(AGENT_RUN_DIR, 'agent-state'), { recursive: true });
    mkdirSync(resolve(AGENT_RUN_DIR, 'agent-lock'), { recursive: true });
    if (fresh) {
      for (const bridge of ['br-int', 'br-tun', 'br-eth1']) {
        await run('ovs-vsctl', ['--timeout=10', '--if-exists', 'del-br', bridge]);
      }
    }
    // The physnet1 bridge must exist before the agent starts.
    await run('ovs-vsctl', [
      '--timeout=10',
      '--may-exist',
      'add-br',
      'br-eth1',
      '--',
      'set',
      'bridge',
      'br-eth1',
      'datapath_type=netdev',
    ]);
    const configuration = resolve(AGENT_RUN_DIR, 'ovs-agent.conf');
    // An agent an interrupted run left behind would answer for compute-1 as well.
    spawnSync('pkill', ['-f', `--config-file ${configuration}`]);
    writeFileSync(configuration, agentConfiguration(AGENT_RUN_DIR));
    const output = openSync(resolve(AGENT_RUN_DIR, 'ovs-agent.stdout'), 'a');
    const main =
      'import sys; from neutron.cmd.eventlet.plugins.ovs_neutron_agent import main; ' +
      'sys.argv[0] = "neutron-openvswitch-agent"; sys.exit(main())';
    this.process = spawn(PYTHON, ['-c', main, '--config-file', configuration], {
      cwd: AGENT_RUN_DIR,
      stdio: ['ignore', output, output],
    });
  }

  /** Stops the agent and its helpers (SIGTERM, SIGKILL after 15 s); resolves once they are gone. */
  async stop(): Promise<void> {
    if (this.startedByScript) {
      this.startedByScript = false;
      await runWith(resolve(SHARED_AGENT_SCRIPTS, 'stop-ovs-agent.sh'), []);
      return;
    }
    const agent = this.process;
    this.process = undefined;
    if (!agent?.pid) return;
    const helpers = descendants(agent.pid);
    if (agent.exitCode === null && agent.signalCode === null) {
      const exited = new Promise<void>((done) => agent.once('exit', () => done()));
      agent.kill('SIGTERM');
      const timer = setTimeout(() => agent.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    for (const pid of helpers) {
      if (isRunning(pid)) process.kill(pid, 'SIGTERM');
    }
  }

  /** How long the log is now: `logSince` reads what was written after. */
  logSize(): number {
    return existsSync(this.logFile) ? statSync(this.logFile).size : 0;
  }

  /** The log written since `offset` (a `logSize` taken earlier). */
  logSince(offset: number): string {
    if (!existsSync(this.logFile)) return '';
    return readFileSync(this.logFile).subarray(offset).toString('utf8');
  }

  /**
   * Plugs a port into `br-int` as os-vif does for an instance: an internal interface
   * `tap<first 11 characters of the port id>` carrying the port id, MAC and instance id.
   */
  async plug(port: { id: string; mac_address: string; device_id: string }): Promise<void> {
    const tap = tapName(port.id);
    await run('ovs-vsctl', [
      '--timeout=10',
      '--',
      '--may-exist',
      'add-port',
      'br-int',
      tap,
      '--',
      'set',
      'Interface',
      tap,
      'type=internal',
      `external_ids:iface-id=${port.id}`,
      `external_ids:attached-mac=${port.mac_address}`,
      'external_ids:iface-status=active',
      `external_ids:vm-uuid=${port.device_id}`,
    ]);
  }

  /** Removes the port's interface from `br-int`, as when an instance goes away. */
  async unplug(portId: string): Promise<void> {
    await run('ovs-vsctl', ['--timeout=10', '--if-exists', 'del-port', 'br-int', tapName(portId)]);
  }
}

/** os-vif's interface name of a port. */
export function tapName(portId: string): string {
  return `tap${portId.slice(0, 11)}`;
}
